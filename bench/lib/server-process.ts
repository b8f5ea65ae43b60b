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

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export async function startServerProcess(): Promise<ServerProcess> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (msg: any) => void>();
  const ready = new Promise<any>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
    child.on('message', (msg: any) => {
      if (msg.ready) resolve(msg);
      else waiting.get(msg.id)?.(msg);
    });
  });
  const info = await withTimeout(ready, 60_000, 'server process start');
  const call = (cmd: string) =>
    withTimeout(
      new Promise<any>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
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
    memory: () => call('memory'),
    async stop() {
      if (child.exitCode !== null) return;
      await call('stop').catch(() => child.kill('SIGKILL'));
    },
  };
}
