import type { Health } from './graphql/__generated__/resolvers-types.js';
import type { AppServices } from './graphql/context.js';

/**
 * Shared by Query.health, GET /healthz and GET /readyz: `ok` (live) while at least one worker is
 * alive, `acceptingJoins` (ready) while a join would also be admitted under the node's limit.
 */
export function healthSnapshot(services: AppServices): Health {
  const workersAlive = services.pool.aliveCount;
  const ok = workersAlive > 0 && !services.pool.closed;
  const capacity = services.channels.capacity;
  const participants = capacity.participants;
  return {
    ok,
    version: services.version,
    uptimeSeconds: (Date.now() - services.startedAt) / 1000,
    workersAlive,
    workersTotal: services.config.numWorkers,
    channels: services.channels.list().length,
    participants,
    participantCapacity: capacity.maxParticipants,
    acceptingJoins: ok && capacity.acceptingJoins,
  };
}
