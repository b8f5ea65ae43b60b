// Property-based fuzzing (fast-check) of every mutation and subscription argument, the mediasoup
// JSON parameters included, over the real graphql-ws API. Properties:
//   - whatever the arguments, the answer is data or errors whose extensions.code is a known code
//     (never an unexpected INTERNAL_SERVER_ERROR), and neither the process nor a worker dies;
//   - another participant's transport, producer and consumer ids are always refused (FORBIDDEN)
//     and leave its objects untouched;
//   - afterwards a normal join, produce and consume still works.
// `npm test` runs ~500 cases; `npm run soak` (SOAK=1) runs 10,000. FUZZ_SEED=<n> replays a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { ErrorCode } from '../../src/errors.js';
import { sleep } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { clientDtlsParameters, opusRtpParameters } from '@voxlay/testing/media';
import { anyJson, caseArbitrary, OPERATIONS, SUBSCRIPTIONS, type IdPick, type OperationName } from './arguments.js';
import { FuzzConnection, type Result } from './FuzzConnection.js';

const SOAK = process.env.SOAK === '1';
const ARGUMENT_CASES = SOAK ? 10_000 : 500;
const FORBIDDEN_CASES = SOAK ? 2_000 : 100;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

// ── The test ───────────────────────────────────────────────────────────────────────────────────

const JOIN_FOR_REAL =
  'mutation ($channelId: ID!, $rtpCapabilities: JSON) { joinChannel(input: { channelId: $channelId, displayName: "Fuzz", rtpCapabilities: $rtpCapabilities }) { participant { id } sendTransport { id } recvTransport { id } consumers { id } } }';

describe(`fuzz: every mutation and subscription argument (${ARGUMENT_CASES} + ${FORBIDDEN_CASES} cases)`, () => {
  let app: VoxlayApp;
  let caps: unknown;
  let lobby: string;
  let victim: FuzzConnection;
  let victimIds: { participant: string; transports: string[]; producer: string; consumers: string[] };
  const workerPids: number[] = [];
  let died = 0;

  async function joinedConnection(
    withProducer: boolean,
  ): Promise<{ connection: FuzzConnection; participantId: string; transports: string[] }> {
    const connection = new FuzzConnection(app.url);
    const result = await connection.request(JOIN_FOR_REAL, { channelId: lobby, rtpCapabilities: caps });
    const join = result.data?.joinChannel as
      | { participant: { id: string }; sendTransport: { id: string }; recvTransport: { id: string } }
      | undefined;
    if (!join) throw new Error(`join failed: ${JSON.stringify(result.errors)}`);
    if (withProducer) {
      const produced = await connection.request(OPERATIONS.produce, {
        transportId: join.sendTransport.id,
        rtpParameters: opusRtpParameters(),
        paused: false,
      });
      if (!produced.data) throw new Error(`produce failed: ${JSON.stringify(produced.errors)}`);
    }
    return { connection, participantId: join.participant.id, transports: [join.sendTransport.id, join.recvTransport.id] };
  }

  /** Every id of a participant's media objects, as the server holds them. */
  function idsOf(participantId: string): { transports: string[]; producers: string[]; consumers: string[] } {
    for (const channel of app.channels.list()) {
      const participant = channel.participant(participantId);
      if (participant && !participant.closed) {
        return {
          transports: participant.transports.map((t) => t.id),
          producers: participant.producers.map((p) => p.id),
          consumers: participant.consumers.map((c) => c.id),
        };
      }
    }
    return { transports: [], producers: [], consumers: [] };
  }

  function expectOnlyKnownCodes(results: Result[], context: unknown): void {
    for (const result of results) {
      for (const error of result.errors ?? []) {
        const code = error.extensions?.code;
        if (typeof code !== 'string' || !KNOWN_CODES.has(code) || code === ErrorCode.INTERNAL_SERVER_ERROR) {
          throw new Error(`uncoded or unexpected error ${JSON.stringify(error)} for ${JSON.stringify(context).slice(0, 2_000)}`);
        }
      }
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ numWorkers: 2, disconnectGraceMs: 100, mutationRatePerSecond: 1_000_000, mutationBurst: 1_000_000 });
    lobby = app.channels.defaultChannel.id;
    app.pool.on('workerdied', () => died++);
    workerPids.push(...app.pool.workers.map((w) => w.pid));
    const probe = new FuzzConnection(app.url);
    caps = (await probe.request('query { routerRtpCapabilities }', {})).data?.routerRtpCapabilities;
    await probe.close();
    // The victim: joined, producing; its ids are the "other participant's" ids the fuzz tries.
    const joined = await joinedConnection(true);
    victim = joined.connection;
    const ids = idsOf(joined.participantId);
    victimIds = { participant: joined.participantId, transports: ids.transports, producer: ids.producers[0]!, consumers: ids.consumers };
  });

  afterAll(async () => {
    await victim?.close();
    await app?.stop();
  });

  it(
    'answers any argument with data or a coded error, and nothing crashes',
    async () => {
      let plain = new FuzzConnection(app.url);
      let member = await joinedConnection(false);
      const counts = { cases: 0, ok: 0, errors: new Map<string, number>() };

      const resolveId = (pick: IdPick, own: string[]): string => {
        switch (pick.from) {
          case 'random':
            return pick.value;
          case 'channel': {
            const channels = app.channels.list();
            return channels[pick.index % channels.length]!.id;
          }
          case 'own':
            return own.length ? own[pick.index % own.length]! : lobby;
          case 'other': {
            const other = [victimIds.participant, ...victimIds.transports, victimIds.producer, ...idsOf(victimIds.participant).consumers];
            return other[pick.index % other.length]!;
          }
        }
      };

      await fc.assert(
        fc.asyncProperty(caseArbitrary(caps), async (c) => {
          // Keep one connection that holds a participant and one that does not.
          if (member.connection.closed || idsOf(member.participantId).transports.length === 0) {
            await member.connection.close();
            member = await joinedConnection(false);
          }
          if (plain.closed) plain = new FuzzConnection(app.url);
          const connection = c.joined ? member.connection : plain;
          const ownObjects = c.joined ? idsOf(member.participantId) : { transports: [], producers: [], consumers: [] };
          const own = [member.participantId, ...ownObjects.transports, ...ownObjects.producers, ...ownObjects.consumers];
          const id = (i: number): string => resolveId(c.ids[i % c.ids.length]!, own);
          // A null for a `JSON!` argument is a GraphQL type error (refused before any resolver runs), not an argument value.
          const nonNullJson = c.json ?? {};
          const variables: Record<OperationName, Record<string, unknown>> = {
            createChannel: { name: c.strings[0] },
            deleteChannel: { id: id(0) },
            joinChannel: { channelId: c.ids[0]!.from === 'random' ? id(0) : lobby, displayName: c.strings[1], rtpCapabilities: c.json },
            resumeParticipant: { resumeToken: c.strings[0] },
            setRtpCapabilities: { rtpCapabilities: nonNullJson },
            connectTransport: { transportId: id(0), dtlsParameters: nonNullJson },
            produce: { transportId: id(0), rtpParameters: nonNullJson, paused: c.paused },
            pauseProducer: { producerId: id(0) },
            resumeProducer: { producerId: id(0) },
            closeProducer: { producerId: id(0) },
            resumeConsumers: { consumerIds: c.ids.map((_, i) => id(i)) },
            pauseConsumers: { consumerIds: c.ids.map((_, i) => id(i)) },
            restartIce: { transportId: id(0) },
            produceStream: { transportId: id(0), kind: c.kind, source: c.source, rtpParameters: nonNullJson },
            watchStream: { producerId: id(0) },
            stopWatching: { producerId: id(0) },
            setPreferredLayers: { consumerId: id(0), spatialLayer: c.int ?? 0, temporalLayer: c.int },
            setReceiveBitrate: { bitsPerSecond: c.int },
            leaveChannel: {},
            channel: { id: id(0) },
            channelEvents: { channelId: id(0) },
            participantEvents: { participantId: id(0), afterSeq: c.int },
          };
          const query = OPERATIONS[c.operation];
          const results = SUBSCRIPTIONS.has(c.operation)
            ? await connection.subscribeBriefly(query, variables[c.operation])
            : [await connection.request(query, variables[c.operation])];
          counts.cases++;
          for (const result of results) {
            if (!result.errors?.length) counts.ok++;
            for (const error of result.errors ?? []) {
              const code = String(error.extensions?.code);
              counts.errors.set(code, (counts.errors.get(code) ?? 0) + 1);
            }
          }
          expectOnlyKnownCodes(results, { case: c, variables: variables[c.operation] });
          // A joined connection that joined again, left or was refused keeps its state consistent:
          // whatever happened, the victim is intact.
          expect(idsOf(victimIds.participant).transports).toEqual(victimIds.transports);
        }),
        { numRuns: ARGUMENT_CASES, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
      );

      await sleep(200);
      expect(died).toBe(0);
      expect(app.pool.workers.map((w) => w.pid)).toEqual(workerPids);
      expect(app.pool.workers.every((w) => w.alive)).toBe(true);
      console.info(
        `[fuzz] ${counts.cases} argument cases: ${counts.ok} answered with data, errors by code ${JSON.stringify(Object.fromEntries(counts.errors))}; ` +
          `workers died: ${died}; channels now ${app.channels.list().length}`,
      );
      await plain.close();
      await member.connection.close();
    },
    SOAK ? 900_000 : 120_000,
  );

  it(
    "refuses another participant's transport, producer and consumer ids with FORBIDDEN, leaving them untouched",
    async () => {
      const attacker = await joinedConnection(true);
      const attackerOwn = idsOf(attacker.participantId);
      // The victim's consumer of the attacker's producer (created asynchronously) is one of the ids tried.
      const attackerProducer = attackerOwn.producers[0]!;
      const victimConsumers = (): string[] =>
        app.channels.defaultChannel
          .participant(victimIds.participant)!
          .consumers.filter((c) => c.producerId === attackerProducer)
          .map((c) => c.id);
      for (let i = 0; i < 100 && victimConsumers().length === 0; i++) await sleep(20);
      expect(victimConsumers()).toHaveLength(1);
      const before = idsOf(victimIds.participant);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<OperationName>(
            'connectTransport',
            'produce',
            'pauseProducer',
            'resumeProducer',
            'closeProducer',
            'resumeConsumers',
            'pauseConsumers',
            'restartIce',
          ),
          fc.nat(),
          fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          async (operation, pick, mix, paused) => {
            // An id of the kind the operation takes (a consumer id given as a transport id is just NOT_FOUND).
            const theirs =
              operation === 'connectTransport' || operation === 'produce' || operation === 'restartIce'
                ? victimIds.transports
                : operation === 'resumeConsumers' || operation === 'pauseConsumers'
                  ? victimConsumers()
                  : [victimIds.producer];
            const theirId = theirs[pick % theirs.length]!;
            // Lists mix the attacker's own consumers with at least one of the victim's ids.
            const consumerIds = [
              theirId,
              ...mix.map((own, i) =>
                own && attackerOwn.consumers.length
                  ? attackerOwn.consumers[i % attackerOwn.consumers.length]!
                  : theirs[(pick + i) % theirs.length]!,
              ),
            ];
            const variables: Partial<Record<OperationName, Record<string, unknown>>> = {
              connectTransport: { transportId: theirId, dtlsParameters: clientDtlsParameters() },
              produce: { transportId: theirId, rtpParameters: opusRtpParameters(), paused },
              pauseProducer: { producerId: theirId },
              resumeProducer: { producerId: theirId },
              closeProducer: { producerId: theirId },
              resumeConsumers: { consumerIds },
              pauseConsumers: { consumerIds },
              restartIce: { transportId: theirId },
            };
            const result = await attacker.connection.request(OPERATIONS[operation], variables[operation]!);
            expect(
              result.errors?.map((e) => e.extensions?.code),
              `${operation} with ${theirId}`,
            ).toEqual(['FORBIDDEN']);
            refused++;
          },
        ),
        { numRuns: FORBIDDEN_CASES, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
      );
      const after = idsOf(victimIds.participant);
      expect(after.transports).toEqual(before.transports);
      expect(after.producers).toEqual(before.producers);
      expect(victimConsumers().every((id) => after.consumers.includes(id))).toBe(true);
      const producer = app.channels.defaultChannel.participant(victimIds.participant)!.producer!;
      expect(producer.paused).toBe(false);
      console.info(`[fuzz] ${refused} attempts on another participant's ids: all FORBIDDEN, its objects unchanged`);
      await attacker.connection.close();
    },
    SOAK ? 300_000 : 60_000,
  );

  it(
    'answers variables of the wrong GraphQL type (null, numbers, objects, lists for any argument) with BAD_USER_INPUT',
    async () => {
      const connection = await joinedConnection(false);
      const names = Object.keys(OPERATIONS) as OperationName[];
      const variableNames = (query: string): string[] => [...query.matchAll(/\$(\w+):/g)].map((m) => m[1]!);
      const counts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          fc.array(anyJson, { minLength: 4, maxLength: 4 }),
          fc.nat({ max: 3 }),
          async (operation, values, wrong) => {
            const query = OPERATIONS[operation];
            const vars = variableNames(query);
            if (vars.length === 0) return;
            // Every variable gets any JSON value (most of them of the wrong type), at least one surely wrong.
            const variables = Object.fromEntries(vars.map((name, i) => [name, values[i % values.length]]));
            variables[vars[wrong % vars.length]!] = { not: ['a', 'scalar'] };
            if (operation.endsWith('Consumers')) variables.consumerIds = [{ not: 'an id' }];
            const results = SUBSCRIPTIONS.has(operation)
              ? await connection.connection.subscribeBriefly(query, variables)
              : [await connection.connection.request(query, variables)];
            for (const result of results)
              for (const error of result.errors ?? [])
                counts.set(String(error.extensions?.code), (counts.get(String(error.extensions?.code)) ?? 0) + 1);
            expectOnlyKnownCodes(results, { operation, variables });
            expect(results.some((result) => result.errors?.length)).toBe(true);
          },
        ),
        { numRuns: FORBIDDEN_CASES, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
      );
      console.info(`[fuzz] ${FORBIDDEN_CASES} wrongly typed variable sets: errors by code ${JSON.stringify(Object.fromEntries(counts))}`);
      await connection.connection.close();
    },
    SOAK ? 300_000 : 60_000,
  );

  it('still takes a normal join afterwards: join, produce, and a consumer of the victim', async () => {
    const { connection, participantId } = await joinedConnection(true);
    const ids = idsOf(participantId);
    expect(ids.transports).toHaveLength(2);
    expect(ids.producers).toHaveLength(1);
    const consumers = app.channels.defaultChannel.participant(participantId)!.consumers;
    expect(consumers.map((consumer) => consumer.producerId)).toContain(victimIds.producer);
    const left = await connection.request(OPERATIONS.leaveChannel, {});
    expect(left.data).toEqual({ leaveChannel: true });
    await connection.close();
  });
});
