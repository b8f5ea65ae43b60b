// A real coturn (turnserver) for one test file: TURN over UDP and TCP on a free loopback port, relay
// ports from a random range above the kernel's ephemeral ports, REST credentials (use-auth-secret)
// with a random secret, no TLS, no config file (-n), its pid file and database under a temp dir.
// stop() ends it (SIGTERM, then SIGKILL) and removes the directory; start() cleans up after itself
// when coturn does not come up. Loopback peers are allowed: the SFU under test is on 127.0.0.1
// (coturn warns never to do that in production; docs/operations.md#turn has the production setup).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-process.js';
import { freePort } from './ports.js';

/** The same variable and default as scripts/test-tools (the check `npm test` runs first). */
export const TURNSERVER_BIN = process.env.VOXLAY_TURNSERVER ?? '/usr/bin/turnserver';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** Relay ports per server: one per allocation (a page's transports take one each). */
const RELAY_PORTS = 100;
export const TURN_REALM = 'voxlay.test';

export interface TurnServerOptions {
  /** coturn's static-auth-secret (default: 48 random bytes, base64). */
  secret?: string;
  /** Extra turnserver arguments (e.g. `--max-allocate-lifetime=8`). */
  args?: string[];
}

export class TurnServer {
  readonly #child: ChildProcess;
  readonly #dir: string;
  /** stdout and stderr, the last 200 kB. */
  readonly #output: { text: string };
  readonly port: number;
  readonly secret: string;
  readonly relayPorts: { min: number; max: number };

  private constructor(
    child: ChildProcess,
    dir: string,
    port: number,
    secret: string,
    relayPorts: { min: number; max: number },
    output: { text: string },
  ) {
    this.#child = child;
    this.#dir = dir;
    this.port = port;
    this.secret = secret;
    this.relayPorts = relayPorts;
    this.#output = output;
  }

  /** turn: URLs of this server, UDP first (what a client on an open network uses). */
  get urls(): string[] {
    return [`turn:127.0.0.1:${this.port}?transport=udp`, `turn:127.0.0.1:${this.port}?transport=tcp`];
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** What coturn logged so far (its allocations and their byte counts with -v). */
  get log(): string {
    return this.#output.text;
  }

  static async start(options: TurnServerOptions = {}): Promise<TurnServer> {
    const port = await freePort();
    const secret = options.secret ?? randomBytes(48).toString('base64');
    // Above net.ipv4.ip_local_port_range (32768-60999 by default): no outgoing socket holds them.
    const min = randomInt(61_000, 65_000 - RELAY_PORTS);
    const relayPorts = { min, max: min + RELAY_PORTS - 1 };
    const dir = mkdtempSync(join(tmpdir(), 'voxlay-turn-'));
    const child = spawn(
      TURNSERVER_BIN,
      [
        '-n', // no /etc/turnserver.conf (Debian's logs to syslog)
        '--log-file=stdout',
        '--simple-log',
        '-v',
        `--pidfile=${join(dir, 'turnserver.pid')}`,
        `--userdb=${join(dir, 'turndb')}`,
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${port}`,
        `--min-port=${relayPorts.min}`,
        `--max-port=${relayPorts.max}`,
        '--use-auth-secret',
        `--static-auth-secret=${secret}`,
        `--realm=${TURN_REALM}`,
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--no-multicast-peers',
        '--allow-loopback-peers',
        ...(options.args ?? []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = { text: '' };
    const collect = (chunk: Buffer): void => {
      output.text = (output.text + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await waitUntilListening(port, child, output, START_TIMEOUT_MS);
    } catch (error) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`turnserver did not start: ${(error as Error).message}\n${output.text.slice(-4000)}`);
    }
    return new TurnServer(child, dir, port, secret, relayPorts, output);
  }

  async stop(): Promise<void> {
    await stopChild(this.#child, STOP_TIMEOUT_MS);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Until coturn says its UDP listener is open and its TCP listener accepts (bounded by timeoutMs). */
async function waitUntilListening(port: number, child: ChildProcess, output: { text: string }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    if (output.text.includes(`UDP listener opened on: 127.0.0.1:${port}`)) {
      const accepted = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        const done = (ok: boolean): void => {
          socket.destroy();
          resolve(ok);
        };
        socket.setTimeout(500, () => done(false));
        socket.once('error', () => done(false));
        socket.once('connect', () => done(true));
      });
      if (accepted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not listening on 127.0.0.1:${port} within ${timeoutMs} ms`);
}
