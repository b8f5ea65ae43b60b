// The ports a process listens on, from /proc (Linux): its socket inodes (/proc/<pid>/fd) matched
// against the kernel's socket tables (/proc/net/udp, udp6, tcp, tcp6).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

export interface ListeningPorts {
  /** Bound UDP ports. */
  udp: number[];
  /** TCP ports in LISTEN state (accepted connections are not counted). */
  tcp: number[];
}

const TCP_LISTEN = '0A';

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Local ports of the sockets in a /proc/net table whose inode is in `inodes` (and state, if given). */
function portsIn(table: string, inodes: Set<string>, state?: string): number[] {
  let text: string;
  try {
    text = readFileSync(`/proc/net/${table}`, 'utf8');
  } catch {
    return [];
  }
  const ports: number[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [, local, , st] = fields;
    const inode = fields[9]!;
    if (!inodes.has(inode) || (state !== undefined && st !== state)) continue;
    ports.push(Number.parseInt(local!.split(':').at(-1)!, 16));
  }
  return ports;
}

/** What `pid` listens on now: its UDP sockets and its listening TCP sockets, ports sorted. */
export function listeningPorts(pid: number): ListeningPorts {
  const inodes = socketInodes(pid);
  const sort = (ports: number[]) => [...new Set(ports)].sort((a, b) => a - b);
  return {
    udp: sort([...portsIn('udp', inodes), ...portsIn('udp6', inodes)]),
    tcp: sort([...portsIn('tcp', inodes, TCP_LISTEN), ...portsIn('tcp6', inodes, TCP_LISTEN)]),
  };
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
