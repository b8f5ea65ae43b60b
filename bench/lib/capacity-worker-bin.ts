// A mediasoup worker from a chosen binary, for A/B runs of two worker builds in one benchmark run.
// mediasoup reads MEDIASOUP_WORKER_BIN once, when it is loaded, into the `workerBin` export of its
// Worker module, and spawns every worker from that export's value at the time: so the binary is
// chosen per worker by setting it around createWorker (and restoring it right after).
import { accessSync, constants, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';

const requireFromHere = createRequire(import.meta.url);
const workerModule = (): { workerBin: string } => {
  // mediasoup's package exports do not expose node/lib/Worker.js: resolve it beside the entry point.
  const entry = requireFromHere.resolve('mediasoup');
  return createRequire(entry)('./Worker.js') as { workerBin: string };
};

/** The binary mediasoup spawns by default (MEDIASOUP_WORKER_BIN or the installed worker). */
export function defaultWorkerBin(): string {
  return workerModule().workerBin;
}

/** Creates a worker spawned from `bin` (the default binary when undefined). */
export async function createWorkerFromBin(bin: string | undefined, settings: types.WorkerSettings): Promise<types.Worker> {
  if (!bin) return mediasoup.createWorker(settings);
  accessSync(bin, constants.X_OK);
  const mod = workerModule();
  const previous = mod.workerBin;
  mod.workerBin = realpathSync(bin);
  let created: Promise<types.Worker>;
  try {
    // createWorker spawns the child synchronously, before its first await: restore right after, so
    // no other worker created meanwhile gets this binary.
    created = mediasoup.createWorker(settings);
  } finally {
    mod.workerBin = previous;
  }
  return created;
}
