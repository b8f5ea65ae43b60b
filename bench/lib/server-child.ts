// The Voxlay server in a child process (bench/lib/server-process.ts starts it), so its CPU and
// memory are its own and not the benchmark driver's. Talks over the IPC channel.
import { rssBytes } from './proc.js';
import { startBenchApp } from './app.js';

const app = await startBenchApp();
const send = (msg: unknown) => process.send?.(msg);

process.on('message', async (msg: { id: number; cmd: string }) => {
  if (msg.cmd === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 200));
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const worker = app.pool.workers[0]!;
    send({
      id: msg.id,
      rss: rssBytes(process.pid),
      heapUsed: m.heapUsed,
      external: m.external,
      workerRss: rssBytes(worker.pid),
      participants: app.channels.participantCount,
    });
  } else if (msg.cmd === 'stop') {
    await app.stop();
    send({ id: msg.id });
    process.exit(0);
  }
});

send({ ready: true, url: app.url, lobby: app.channels.defaultChannel.id, pid: process.pid, workerPid: app.pool.workers[0]!.pid });
