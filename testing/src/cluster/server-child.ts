// A server in its own process (run with `node --import tsx`; the soak test adds --expose-gc), so its
// memory is measured without the test's clients in it and a test can SIGKILL it (NodeProcess, the soak
// test). startApp with the overrides in VOXLAY_SOAK_CONFIG; the test drives it over the IPC channel:
//   { id, type: 'drop', participantId }  → how many connections were dropped
//   { id, type: 'state', channelId? }    → participants, resume tokens, mediasoup objects (worker dump) of
//                                          the channel (the default one when absent)
//   { id, type: 'memory' }               → RSS and heap after a full GC, and the worker's RSS
//   { id, type: 'stop' }                 → stops the app and exits
import { readFileSync } from 'node:fs';
import { startApp, type ServerConfig } from '../../../server/src/app.js';
import { ResumeTokens } from '../../../server/src/connection/ResumeTokens.js';

interface Request {
  id: number;
  type: 'drop' | 'state' | 'memory' | 'stop';
  participantId?: string;
  channelId?: string;
}

const overrides = JSON.parse(process.env.VOXLAY_SOAK_CONFIG ?? '{}') as Partial<ServerConfig>;
const app = await startApp(overrides);
const send = (message: unknown): void => void process.send?.(message);

function workerRssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.type) {
    case 'drop':
      return app.dropConnections((session) => session.participant?.id === request.participantId);
    case 'state': {
      const channel = (request.channelId === undefined ? undefined : app.channels.get(request.channelId)) ?? app.channels.defaultChannel;
      const router = await channel.router.dump();
      const worker = await channel.worker.worker.dump();
      return {
        participants: app.channels.participantCount,
        resumeTokens: ResumeTokens.of(app.channels).size,
        transports: router.transportIds.length,
        producers: router.mapProducerIdConsumerIds.length,
        consumers: router.mapConsumerIdProducerId.length,
        handlers:
          worker.channelMessageHandlers.channelRequestHandlers.length + worker.channelMessageHandlers.channelNotificationHandlers.length,
      };
    }
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const usage = process.memoryUsage();
      return {
        rss: usage.rss,
        heap: usage.heapUsed,
        workerRss: workerRssBytes(app.channels.defaultChannel.worker.pid),
        gc: gc !== undefined,
      };
    }
    case 'stop':
      await app.stop();
      setImmediate(() => process.exit(0));
      return true;
  }
}

process.on('message', (request: Request) => {
  handle(request).then(
    (result) => send({ id: request.id, result }),
    (error: unknown) => send({ id: request.id, error: String(error) }),
  );
});
process.on('disconnect', () => void app.stop().then(() => process.exit(0)));
send({ ready: true, url: app.url, lobby: app.channels.defaultChannel.id });
