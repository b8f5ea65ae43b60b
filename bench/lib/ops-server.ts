// A Voxlay server for the ops suite: the real entry point (server/src/main.ts) of a checkout (this
// one, or BENCH_OPS_BASELINE_ROOT for the code before a change) in its own Node process, configured
// through its environment; its resident memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sleep, withTimeout } from './config.js';
import { freePort } from '@voxlay/testing/ports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface OpsServerOptions {
  /** The checkout whose server/src/main.ts runs (default: this one). */
  root?: string | undefined;
  workers: number;
  /** Media ports of a checkout from before VOXLAY_RTC_PORT (one port per transport from this range); newer ones take free ports. */
  legacyRtcRange: { min: number; max: number };
  maxParticipantsPerChannel: number;
}

/** Whether the checkout at `root` configures media with VOXLAY_RTC_PORT (a WebRtcServer per worker). */
function hasRtcPort(root: string): boolean {
  try {
    return readFileSync(`${root}/server/src/config.ts`, 'utf8').includes('VOXLAY_RTC_PORT');
  } catch {
    return true;
  }
}

export class OpsServer {
  private constructor(
    readonly url: string,
    readonly lobby: string,
    private readonly child: ChildProcess,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: OpsServerOptions): Promise<OpsServer> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      VOXLAY_HOST: '127.0.0.1',
      VOXLAY_PORT: String(port),
      VOXLAY_LISTEN_IP: '127.0.0.1',
      VOXLAY_WORKERS: String(options.workers),
      VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL: String(options.maxParticipantsPerChannel),
      ...(hasRtcPort(options.root ?? ROOT)
        ? { VOXLAY_RTC_PORT: '0' }
        : { VOXLAY_RTC_MIN_PORT: String(options.legacyRtcRange.min), VOXLAY_RTC_MAX_PORT: String(options.legacyRtcRange.max) }),
      VOXLAY_DISCONNECT_GRACE_MS: '500',
      VOXLAY_AUTH_MODE: 'open',
      // Every benchmark client comes from this machine: no per-address limit for loopback.
      VOXLAY_ADDRESS_LIMITS_EXEMPT: 'loopback',
      VOXLAY_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    };
    for (const name of ['VOXLAY_REDIS_URL', 'VOXLAY_STATIC_DIR', 'VOXLAY_ANNOUNCED_ADDRESS', 'VOXLAY_METRICS_TOKEN']) delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: options.root ?? ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited (${code})`))));
    exited.catch(() => undefined);
    const ready = (async () => {
      for (let i = 0; i < 600; i++) {
        if (
          await fetch(`${url}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await sleep(100);
      }
      throw new Error('server not healthy after 60 s');
    })();
    try {
      await withTimeout(Promise.race([ready, exited]), 65_000, 'server start');
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ channels { id isDefault } }' }),
    });
    const body = (await res.json()) as { data: { channels: Array<{ id: string; isDefault: boolean }> } };
    const lobby = body.data.channels.find((c) => c.isDefault)!.id;
    return new OpsServer(url, lobby, child);
  }

  /** Resident memory of the server's Node process (MiB). */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
