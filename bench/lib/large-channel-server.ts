// The Voxlay server for the large-channel suite: the real entry point (server/src/main.ts) in its own
// Node process, configured only through its documented environment variables, plus the operator
// views it is measured through (GraphQL admin queries in open mode, /metrics).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sleep, withTimeout } from './config.js';
import { freePort } from '@voxlay/testing/ports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LargeChannelServerOptions {
  /** VOXLAY_WORKERS, VOXLAY_LAST_N, VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL; the server's defaults when absent. */
  workers?: number;
  lastN?: number;
  maxParticipantsPerChannel?: number;
  /** More documented variables (e.g. VOXLAY_MAX_PARTICIPANTS_PER_NODE). */
  env?: Record<string, string>;
  /** VOXLAY_RTC_PORT: worker i on UDP and TCP port rtcPort + i; 0 (default) = free ports. */
  rtcPort?: number;
}

export interface WorkerView {
  index: number;
  pid: number;
  routerCount: number;
  cpuTimeMs: number;
  maxRssBytes: number;
}

export interface ParticipantObjects {
  id: string;
  transports: number;
  producers: number;
  consumers: number;
  /** Neither paused by the receiver nor by the producer (muted). */
  activeConsumers: number;
}

export interface ChannelRouterView {
  id: string;
  worker: { index: number };
  participantCount: number;
  pipedProducerCount: number;
}

export class LargeChannelServer {
  private constructor(
    readonly url: string,
    readonly lobby: string,
    private readonly child: ChildProcess,
    /** The server's inspector (ws://...), for a CPU profile of a phase. */
    readonly inspectorUrl: string | undefined,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: LargeChannelServerOptions): Promise<LargeChannelServer> {
    const port = await freePort();
    // Only what is set here: no limit inherited from the shell.
    const inherited = { ...process.env };
    for (const name of [
      'VOXLAY_WORKERS',
      'VOXLAY_LAST_N',
      'VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL',
      'VOXLAY_MAX_PARTICIPANTS_PER_NODE',
      'VOXLAY_RTC_PORT',
    ])
      delete inherited[name];
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      VOXLAY_HOST: '127.0.0.1',
      VOXLAY_PORT: String(port),
      VOXLAY_LISTEN_IP: '127.0.0.1',
      ...(options.workers === undefined ? {} : { VOXLAY_WORKERS: String(options.workers) }),
      ...(options.lastN === undefined ? {} : { VOXLAY_LAST_N: String(options.lastN) }),
      ...(options.maxParticipantsPerChannel === undefined
        ? {}
        : { VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL: String(options.maxParticipantsPerChannel) }),
      VOXLAY_RTC_PORT: String(options.rtcPort ?? 0),
      VOXLAY_DISCONNECT_GRACE_MS: '500',
      VOXLAY_AUTH_MODE: 'open',
      // The benchmark pages are served from their own port (another origin).
      VOXLAY_ALLOWED_ORIGINS: '*',
      // The operator queries below read every participant's consumers, a page at a time.
      VOXLAY_GRAPHQL_MAX_COST: '1000000',
      // A thousand members come from this one machine: no per-address limit for loopback.
      VOXLAY_ADDRESS_LIMITS_EXEMPT: 'loopback',
      VOXLAY_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    };
    for (const name of ['VOXLAY_REDIS_URL', 'VOXLAY_STATIC_DIR', 'VOXLAY_MAX_PARTICIPANTS_PER_ROUTER', 'VOXLAY_ANNOUNCED_ADDRESS'])
      delete env[name];
    Object.assign(env, options.env);
    // The inspector lets the suite take a CPU profile of one phase (inspector-profile.ts); it costs nothing until used.
    const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', ...serverNodeArgs(), '--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let inspectorUrl: string | undefined;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (inspectorUrl === undefined) {
        stderr += text;
        const m = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
        if (m) inspectorUrl = m[1];
      }
      // The inspector's own banner is not the server's output.
      const rest = text
        .split('\n')
        .filter(
          (l) =>
            !/Debugger listening on|For help, see: https:\/\/nodejs.org\/en\/docs\/inspector|Debugger attached|Waiting for the debugger/.test(
              l,
            ),
        )
        .join('\n');
      if (rest.trim()) process.stderr.write(rest.endsWith('\n') ? rest : `${rest}\n`);
    });
    const url = `http://127.0.0.1:${port}`;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited (${code})`))));
    exited.catch(() => undefined);
    const ready = (async () => {
      for (let i = 0; i < 600; i++) {
        const ok = await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
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
    const server = new LargeChannelServer(url, '', child, inspectorUrl);
    const { channels } = await server.query<{ channels: Array<{ id: string; isDefault: boolean }> }>('{ channels { id isDefault } }');
    const lobby = channels.find((c) => c.isDefault)?.id;
    if (!lobby) throw new Error('no default channel');
    return new LargeChannelServer(url, lobby, child, inspectorUrl);
  }

  /** A GraphQL query over HTTP (open mode: the operator fields answer). */
  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await withTimeout(
      fetch(`${this.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
      30_000,
      'GraphQL query',
    );
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
    return body.data;
  }

  workers(): Promise<WorkerView[]> {
    return this.query<{ workers: WorkerView[] }>('{ workers { index pid routerCount cpuTimeMs maxRssBytes } }').then((d) => d.workers);
  }

  async channel(): Promise<{ participantCount: number; lastN: number; activeSpeakerIds: string[]; routers: ChannelRouterView[] }> {
    const d = await this.query<{
      channel: { participantCount: number; lastN: number; activeSpeakerIds: string[]; routers: ChannelRouterView[] };
    }>(
      'query($id: ID!) { channel(id: $id) { participantCount lastN activeSpeakerIds routers { id worker { index } participantCount pipedProducerCount } } }',
      { id: this.lobby },
    );
    return d.channel;
  }

  /**
   * Every participant's transports, producers and consumers (GraphQL, 100 participants a page): the
   * server's own objects, without /metrics (whose forwarding counters cost a worker request per consumer).
   */
  async objects(): Promise<ParticipantObjects[]> {
    const out: ParticipantObjects[] = [];
    let after: string | undefined;
    for (let page = 0; page < 200; page++) {
      const d = await this.query<{
        channel: {
          participants: Array<{
            id: string;
            transports: unknown[];
            producers: unknown[];
            consumers: Array<{ paused: boolean; producerPaused: boolean }>;
          }>;
        };
      }>(
        'query($id: ID!, $after: ID) { channel(id: $id) { participants(first: 100, after: $after) { id transports { id } producers { id } consumers { paused producerPaused } } } }',
        { id: this.lobby, after },
      );
      const list = d.channel.participants;
      for (const p of list) {
        const active = p.consumers.filter((c) => !c.paused && !c.producerPaused).length;
        out.push({
          id: p.id,
          transports: p.transports.length,
          producers: p.producers.length,
          consumers: p.consumers.length,
          activeConsumers: active,
        });
      }
      if (list.length < 100) break;
      after = list.at(-1)!.id;
    }
    return out;
  }

  /**
   * The packets every consumer has sent so far, from the workers' own counters (`Consumer.stats`,
   * one worker request per consumer; 100 participants a page), with the time of the read (the
   * middle of it, ms on this process's performance clock).
   */
  async consumerPackets(): Promise<{ at: number; byConsumer: Map<string, number> }> {
    const started = performance.now();
    const byConsumer = new Map<string, number>();
    let after: string | undefined;
    for (let page = 0; page < 200; page++) {
      const d = await this.query<{
        channel: { participants: Array<{ id: string; consumers: Array<{ id: string; stats: { packetCount: number } | null }> }> };
      }>(
        'query($id: ID!, $after: ID) { channel(id: $id) { participants(first: 100, after: $after) { id consumers { id stats { packetCount } } } } }',
        { id: this.lobby, after },
      );
      const list = d.channel.participants;
      for (const p of list) for (const c of p.consumers) if (c.stats) byConsumer.set(c.id, c.stats.packetCount);
      if (list.length < 100) break;
      after = list.at(-1)!.id;
    }
    return { at: (started + performance.now()) / 2, byConsumer };
  }

  /** The gauges and counters of /metrics (name{labels} → value). */
  async metrics(): Promise<Map<string, number>> {
    const text = await (await withTimeout(fetch(`${this.url}/metrics`), 30_000, '/metrics')).text();
    const out = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const i = line.lastIndexOf(' ');
      out.set(line.slice(0, i), Number(line.slice(i + 1)));
    }
    return out;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await withTimeout(gone, 15_000, 'server stop').catch(() => {
      child.kill('SIGKILL');
    });
  }
}

/** Extra Node.js flags for the server process, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
}
