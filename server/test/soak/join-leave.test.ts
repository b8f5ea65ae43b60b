// Soak: join/leave cycles through the real GraphQL API (graphql-ws clients, crafted RTP), mixing
// clean leaves, connections the client drops, and connections the server drops that are resumed.
// Afterwards no mediasoup object of a participant is left in the worker (its dump), no resume token
// is left, and the server's memory is back within 10% of its baseline. The server runs in its own
// process (@voxlay/testing's cluster/server-child.ts) so its memory is its own, not the test clients'.
// `npm test` runs 100 cycles; `npm run soak` (SOAK=1) runs 1,000.
import { fork, type ChildProcess } from 'node:child_process';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  LeaveChannelDocument,
  ParticipantEventsDocument,
  ResumeParticipantDocument,
  RouterRtpCapabilitiesDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { ServerConfig, VoxlayApp } from '../../src/app.js';
import { SERVER_CHILD } from '@voxlay/testing/cluster';
import { muteDroppedSocketLogs } from '@voxlay/testing/quiet';
import { TEST_SERVER_DEFAULTS } from '@voxlay/testing/server';
import { sleep } from '@voxlay/testing/wait';
import { TestClient } from '@voxlay/testing/client';
import { clientDtlsParameters } from '@voxlay/testing/media';
import { joinMember, type Member, produceAudio } from '@voxlay/testing/session';

const SOAK = process.env.SOAK === '1';
const CYCLES = SOAK ? 1_000 : 100;
const WARMUP_CYCLES = SOAK ? 300 : 50;
const PARALLEL = 10;
/** Long enough for a dropped client to come back under load, short enough for dropped ones to go. */
const GRACE_MS = 500;

type Mode = 'leave' | 'client-drop' | 'server-drop-resume' | 'server-drop-expire';
const MODES: Mode[] = ['leave', 'client-drop', 'server-drop-resume', 'server-drop-expire'];

interface ServerState {
  participants: number;
  resumeTokens: number;
  transports: number;
  producers: number;
  consumers: number;
  handlers: number;
}
interface ServerMemory {
  rss: number;
  heap: number;
  workerRss: number;
  gc: boolean;
}

/** The app in a child process, driven over IPC (see @voxlay/testing's cluster/server-child.ts). */
class ServerProcess {
  #next = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly lobby: string,
  ) {
    child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id!);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
  }

  static async start(config: Partial<ServerConfig>): Promise<ServerProcess> {
    const child = fork(SERVER_CHILD, [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, VOXLAY_SOAK_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<{ url: string; lobby: string }>((resolve, reject) => {
      child.once('message', (message: { ready?: boolean; url: string; lobby: string }) =>
        message.ready ? resolve(message) : reject(new Error('not ready')),
      );
      child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
    });
    return new ServerProcess(child, ready.url, ready.lobby);
  }

  call<T>(type: 'drop' | 'state' | 'memory' | 'stop', extra: Record<string, unknown> = {}): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, type, ...extra });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('stop').catch(() => undefined);
    await Promise.race([exited, sleep(5_000)]);
    this.child.kill('SIGKILL');
  }
}

const PingDocument = parse('query Ping { health { ok } }') as unknown as TypedDocumentNode<
  { health: { ok: boolean } },
  Record<string, never>
>;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe(`soak: ${CYCLES} join/leave cycles`, () => {
  let server: ServerProcess;
  let caps: unknown;
  let lobby: string;
  const residents: Member[] = [];
  let closeEventErrors = { count: 0 };
  let appRef: VoxlayApp;

  beforeAll(async () => {
    // graphql-ws logs every socket it loses (non-lazy clients); those are the point here.
    closeEventErrors = muteDroppedSocketLogs();
    server = await ServerProcess.start({
      ...TEST_SERVER_DEFAULTS,
      disconnectGraceMs: GRACE_MS,
      mutationRatePerSecond: 10_000,
      mutationBurst: 10_000,
    });
    lobby = server.lobby;
    const app = { url: server.url } as VoxlayApp; // what the client helpers need
    appRef = app;
    const probe = new TestClient(app.url);
    caps = (await probe.data(RouterRtpCapabilitiesDocument, {})).routerRtpCapabilities;
    await probe.close();
    // Two residents talk the whole time: every cycling participant gets consumers of them, and they get one of it.
    for (const name of ['Resident A', 'Resident B']) {
      const member = await joinMember(app, lobby, name, caps);
      await produceAudio(member);
      member.events.unsubscribe(); // the collector would keep every event of the run (test memory, not the server's)
      residents.push(member);
    }
  });

  afterAll(async () => {
    await Promise.all(residents.map((member) => member.client.close()));
    await server?.stop();
    vi.restoreAllMocks();
  });

  /** One participant's life: join, connect both transports, produce, then leave or lose the connection. */
  async function cycle(i: number): Promise<void> {
    const mode = MODES[i % MODES.length]!;
    const member = await joinMember(appRef, lobby, `Cycler ${i}`, caps);
    const { joined, client } = member;
    member.events.unsubscribe();
    // Its event stream again on the same connection, from the join's seq (replays what happened since).
    const events = client.subscribe(ParticipantEventsDocument, { participantId: joined.participant.id, afterSeq: joined.seq });
    // The residents' consumers only: those of a dropped cycler may close any moment (NOT_FOUND then).
    const residentIds = new Set(residents.map((resident) => resident.joined.participant.id));
    const consumerIds = joined.consumers
      .filter((consumer) => residentIds.has(consumer.producerParticipantId))
      .map((consumer) => consumer.id);
    expect(consumerIds).toHaveLength(residents.length);
    await client.data(ConnectTransportDocument, { transportId: joined.sendTransport.id, dtlsParameters: clientDtlsParameters() });
    await client.data(ConnectRecvTransportDocument, {
      transportId: joined.recvTransport.id,
      dtlsParameters: clientDtlsParameters(),
      consumerIds,
    });
    await produceAudio(member);
    events.unsubscribe();
    switch (mode) {
      case 'leave':
        await client.data(LeaveChannelDocument, {});
        await client.close();
        return;
      case 'client-drop':
        client.drop();
        return;
      case 'server-drop-resume': {
        // The client's next connection is up before the drop (as after a quick reconnect), so the
        // resume is one round trip after it, well inside the grace period even on a loaded machine.
        const again = new TestClient(server.url);
        await again.request(PingDocument, {});
        const droppedAt = Date.now();
        await server.call('drop', { participantId: joined.participant.id });
        const result = await again.request(ResumeParticipantDocument, { resumeToken: joined.resumeToken });
        expect(result.errors, `resume ${Date.now() - droppedAt} ms after the drop`).toBeUndefined();
        expect(result.data?.resumeParticipant.participant.id).toBe(joined.participant.id);
        await again.data(LeaveChannelDocument, {});
        await again.close();
        return;
      }
      case 'server-drop-expire':
        await server.call('drop', { participantId: joined.participant.id });
        return;
    }
  }

  async function run(from: number, count: number): Promise<void> {
    for (let start = from; start < from + count; start += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, from + count - start) }, (_, k) => cycle(start + k));
      await Promise.all(batch);
    }
  }

  async function waitForOnlyResidents(): Promise<void> {
    for (let i = 0; i < 200 && (await server.call<ServerState>('state')).participants > residents.length; i++) await sleep(25);
    expect((await server.call<ServerState>('state')).participants).toBe(residents.length);
  }

  it(
    'leaves zero mediasoup objects behind and memory back within 10% of its baseline',
    async () => {
      // The residents alone: 4 transports, 2 producers, 2 consumers, 2 resume tokens.
      const residentsOnly = await server.call<ServerState>('state');
      expect(residentsOnly).toMatchObject({ participants: 2, resumeTokens: 2, transports: 4, producers: 2, consumers: 2 });

      await run(0, WARMUP_CYCLES);
      await waitForOnlyResidents();
      const baseline = await server.call<ServerMemory>('memory');

      const started = Date.now();
      await run(WARMUP_CYCLES, CYCLES);
      const elapsedMs = Date.now() - started;
      await waitForOnlyResidents();

      // Zero objects left: the worker holds exactly what the residents hold (handlers included).
      const after = await server.call<ServerState>('state');
      expect(after).toEqual(residentsOnly);

      const end = await server.call<ServerMemory>('memory');
      console.info(
        `[soak] ${CYCLES} cycles (+${WARMUP_CYCLES} warm-up) in ${elapsedMs} ms; mediasoup objects left: ` +
          `${after.transports - residentsOnly.transports} transports, ${after.producers - residentsOnly.producers} producers, ` +
          `${after.consumers - residentsOnly.consumers} consumers, ${after.resumeTokens - residentsOnly.resumeTokens} resume tokens; ` +
          `server RSS ${mb(baseline.rss)} → ${mb(end.rss)} (heap ${mb(baseline.heap)} → ${mb(end.heap)}${end.gc ? '' : ', no gc'}); ` +
          `worker RSS ${mb(baseline.workerRss)} → ${mb(end.workerRss)}; ${closeEventErrors.count} dropped-socket logs muted`,
      );
      expect(end.rss).toBeLessThanOrEqual(baseline.rss * 1.1);
      // The worker is a ~20 MB process whose allocator keeps a few MB of arenas once touched: 10% plus 4 MB.
      expect(end.workerRss).toBeLessThanOrEqual(baseline.workerRss * 1.1 + 4 * 1024 * 1024);

      // And the residents finally leave: nothing at all is left in the router.
      await Promise.all(
        residents.splice(0).map(async (member) => {
          await member.client.data(LeaveChannelDocument, {});
          await member.client.close();
        }),
      );
      expect(await server.call<ServerState>('state')).toMatchObject({
        participants: 0,
        resumeTokens: 0,
        transports: 0,
        producers: 0,
        consumers: 0,
      });
    },
    SOAK ? 600_000 : 120_000,
  );
});
