// Where the capacity load parks the listeners it does not count: UDP sockets on 127.0.0.1 that are
// bound but never read, with the smallest receive buffer, so the kernel drops each datagram as soon
// as it finds the socket full. Each socket can also send (a STUN Binding Request that makes an SFU
// transport take it as its remote tuple, then the ICE consent refreshes), so every parked listener
// has a tuple of its own, as a WebRtcServer needs, and costs no user-space CPU per packet.
// Node cannot hold a UDP socket without reading it (a bound dgram socket is always read; its public
// API has no way to stop), so a small Python child (Python is there wherever meson is) holds them.
// A closed port instead would make the kernel build an ICMP "port unreachable" for every datagram,
// inside the SFU worker's sendmsg (loopback delivers in the sender's context): about 15% of its CPU
// in an earlier run of this benchmark, a cost no real deployment has.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const HOLDER = [
  'import socket, sys',
  'socks = []',
  'while True:',
  '    line = sys.stdin.readline()',
  '    if not line:',
  '        break',
  '    parts = line.split()',
  "    if parts and parts[0] == 'open':",
  '        ports = []',
  '        for _ in range(int(parts[1])):',
  '            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
  '            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)',
  "            s.bind(('127.0.0.1', 0))",
  '            socks.append(s)',
  '            ports.append(str(s.getsockname()[1]))',
  "        print(' '.join(ports), flush=True)",
  "    elif parts and parts[0] == 'send':",
  '        try:',
  '            socks[int(parts[1])].sendto(bytes.fromhex(parts[4]), (parts[2], int(parts[3])))',
  '        except (OSError, IndexError, ValueError):',
  '            pass',
].join('\n');

export class DropSink {
  readonly #child: ChildProcess;
  readonly #ports: number[] = [];
  #opening: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  /** Starts the holder process (no socket yet: see open()). */
  static start(): DropSink {
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const child = spawn(python, ['-c', HOLDER], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new DropSink(child);
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Every socket's port, by index. */
  get ports(): readonly number[] {
    return this.#ports;
  }

  /** Binds `count` more sockets; resolves with their indexes. */
  open(count: number, timeoutMs = 10_000): Promise<number[]> {
    const next = this.#opening.then(() => this.#open(count, timeoutMs));
    this.#opening = next.catch(() => undefined);
    return next;
  }

  #open(count: number, timeoutMs: number): Promise<number[]> {
    if (this.#closed) return Promise.reject(new Error('drop sink closed'));
    const child = this.#child;
    return new Promise<number[]>((resolve, reject) => {
      let out = '';
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        if (error) return reject(error);
        const ports = out.trim().split(/\s+/).filter(Boolean).map(Number);
        if (ports.length !== count) return reject(new Error(`drop sink: asked for ${count} sockets, got ${ports.length}`));
        const first = this.#ports.length;
        this.#ports.push(...ports);
        resolve(ports.map((_, i) => first + i));
      };
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) done();
      };
      const onExit = (code: number | null) => done(new Error(`drop sink: python3 exited with ${code}`));
      const timer = setTimeout(() => done(new Error('drop sink: python3 did not bind in time')), timeoutMs);
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
      child.stdin!.write(`open ${count}\n`);
    });
  }

  /** Sends `bytes` from socket `index` to host:port (fire and forget, like UDP). */
  send(index: number, host: string, port: number, bytes: Buffer): void {
    if (this.#closed) return;
    this.#child.stdin!.write(`send ${index} ${host} ${port} ${bytes.toString('hex')}\n`);
  }

  /** Releases every socket (the child exits when its stdin closes). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#child.stdin?.end();
    setTimeout(() => this.#child.kill(), 1000).unref();
  }
}
