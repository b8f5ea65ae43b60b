import type { WorkerResolvers } from '../__generated__/resolvers-types.js';

/** Every field is a getter of sfu/PoolWorker. */
export const Worker: WorkerResolvers = {
  pid: (worker) => worker.pid,
};
