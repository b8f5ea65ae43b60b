// The ports a process listens on, from /proc (Linux): its socket inodes (/proc/<pid>/fd) matched
// against the kernel's socket tables (/proc/net/udp, udp6, tcp, tcp6).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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
