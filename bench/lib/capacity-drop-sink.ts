// Where the capacity load sends the listeners it does not count: a UDP socket on 127.0.0.1 that is
// bound but never read, with the smallest receive buffer, so the kernel drops each datagram as soon
// as it finds the socket full. Sending to a port nobody listens on instead makes the kernel build an
// ICMP "port unreachable" for every datagram, inside the SFU worker's sendmsg (loopback delivers in
// the sender's context): measured at about 15% of the SFU worker's CPU in this benchmark, a cost no
// real deployment has (its packets leave through a network card). Node cannot hold a UDP socket
// without reading it, so a small Python child (Python is there wherever meson is) holds it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const HOLDER = [
  'import socket, sys',
  's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
  's.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)',
  "s.bind(('127.0.0.1', int(sys.argv[1])))",
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

export class DropSink {
  readonly port: number;
  readonly #child: ChildProcess;

  private constructor(port: number, child: ChildProcess) {
    this.port = port;
    this.#child = child;
  }

  /** Binds the socket on `port` (0: any free port) and resolves once it is bound. */
  static async open(port = 0, timeoutMs = 10_000): Promise<DropSink> {
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const child = spawn(python, ['-c', HOLDER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const bound = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('drop sink: python3 did not bind in time')), timeoutMs);
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(Number(out.trim()));
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`drop sink: python3 exited with ${code}`));
      });
    });
    child.removeAllListeners('exit');
    return new DropSink(bound, child);
  }

  /** Releases the socket (the child exits when its stdin closes). */
  close(): void {
    this.#child.stdin?.end();
    this.#child.kill();
  }
}
