// Ports for test servers: always asked of the kernel (port 0), never hand-picked.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A TCP port nobody listens on right now (127.0.0.1): for a process that needs its port given up front. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether `port` can be bound on `ip` right now, UDP and TCP both (nobody holds it). */
export async function portIsFree(port: number, ip = '127.0.0.1'): Promise<boolean> {
  const udp = await new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, ip, () => socket.close(() => resolve(true)));
  });
  if (!udp) return false;
  return new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, ip, () => server.close(() => resolve(true)));
  });
}

/** A base port such that `count` consecutive ports are free for UDP and TCP (at the time of asking). */
export async function freePortBase(count: number, from = 20000, to = 30000): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = from + Math.floor(Math.random() * (to - from - count));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portIsFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports in ${from}..${to}`);
}
