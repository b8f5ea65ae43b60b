// Starts bench/lib/server-child.ts in its own Node process (with tsx, and --expose-gc).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './config.js';

export interface ServerProcess {
  url: string;
  lobby: string;
  pid: number;
  workerPid: number;
  memory(): Promise<{ rss: number; heapUsed: number; external: number; workerRss: number; participants: number }>;
  stop(): Promise<void>;
}

/** What server-child.ts sends: once `ready`, then one reply per command, with the command's id. */
interface ReadyMessage {
  ready: true;
  url: string;
  lobby: string;
  pid: number;
  workerPid: number;
}
interface Reply {
  id: number;
}
type Memory = Awaited<ReturnType<ServerProcess['memory']>>;

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export async function startServerProcess(): Promise<ServerProcess> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (msg: Reply) => void>();
  const ready = new Promise<ReadyMessage>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
    child.on('message', (raw) => {
      const msg = raw as ReadyMessage | Reply;
      if ('ready' in msg) resolve(msg);
      else waiting.get(msg.id)?.(msg);
    });
  });
  const info = await withTimeout(ready, 60_000, 'server process start');
  const call = <T extends Reply>(cmd: string) =>
    withTimeout(
      new Promise<T>((resolve) => {
        const id = nextId++;
        waiting.set(id, (msg) => resolve(msg as T));
        child.send({ id, cmd });
      }),
      30_000,
      `server ${cmd}`,
    );
  return {
    url: info.url,
    lobby: info.lobby,
    pid: info.pid,
    workerPid: info.workerPid,
    memory: () => call<Reply & Memory>('memory'),
    async stop() {
      if (child.exitCode !== null) return;
      await call('stop').catch(() => child.kill('SIGKILL'));
    },
  };
}
