import type { Health } from './graphql/__generated__/resolvers-types.js';
import type { AppServices } from './graphql/context.js';

/** Liveness, shared by Query.health and GET /healthz: ok while at least one worker is alive. */
export function healthSnapshot(services: AppServices): Health {
  const workersAlive = services.pool.aliveCount;
  return {
    ok: workersAlive > 0 && !services.pool.closed,
    version: services.version,
    uptimeSeconds: (Date.now() - services.startedAt) / 1000,
    workersAlive,
    workersTotal: services.config.numWorkers,
    channels: services.channels.list().length,
    participants: services.channels.participantCount,
  };
}
