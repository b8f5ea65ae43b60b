// The operations the fuzz sends (typed variables: arguments are fuzzed, never the GraphQL types)
// and the fast-check arbitraries for their arguments.
import fc from 'fast-check';
import { clientDtlsParameters, opusRtpParameters } from '@voxlay/testing/media';

// ── The operations, with typed variables (arguments are fuzzed, never the GraphQL types) ─────────

export const OPERATIONS = {
  createChannel: 'mutation ($name: String!) { createChannel(input: { name: $name }) { id name } }',
  deleteChannel: 'mutation ($id: ID!) { deleteChannel(id: $id) }',
  joinChannel:
    'mutation ($channelId: ID!, $displayName: String!, $rtpCapabilities: JSON) { joinChannel(input: { channelId: $channelId, displayName: $displayName, rtpCapabilities: $rtpCapabilities }) { participant { id } seq resumeToken sendTransport { id } recvTransport { id } consumers { id } } }',
  resumeParticipant: 'mutation ($resumeToken: String!) { resumeParticipant(resumeToken: $resumeToken) { participant { id } seq } }',
  setRtpCapabilities: 'mutation ($rtpCapabilities: JSON!) { setRtpCapabilities(rtpCapabilities: $rtpCapabilities) { id } }',
  connectTransport:
    'mutation ($transportId: ID!, $dtlsParameters: JSON!) { connectTransport(transportId: $transportId, dtlsParameters: $dtlsParameters) { id dtlsState } }',
  produce:
    'mutation ($transportId: ID!, $rtpParameters: JSON!, $paused: Boolean) { produce(input: { transportId: $transportId, kind: AUDIO, rtpParameters: $rtpParameters, paused: $paused }) { id paused } }',
  pauseProducer: 'mutation ($producerId: ID!) { pauseProducer(producerId: $producerId) { id paused } }',
  resumeProducer: 'mutation ($producerId: ID!) { resumeProducer(producerId: $producerId) { id paused } }',
  closeProducer: 'mutation ($producerId: ID!) { closeProducer(producerId: $producerId) }',
  resumeConsumers: 'mutation ($consumerIds: [ID!]!) { resumeConsumers(consumerIds: $consumerIds) { id paused } }',
  pauseConsumers: 'mutation ($consumerIds: [ID!]!) { pauseConsumers(consumerIds: $consumerIds) { id paused } }',
  restartIce: 'mutation ($transportId: ID!) { restartIce(transportId: $transportId) }',
  produceStream:
    'mutation ($transportId: ID!, $kind: MediaKind!, $source: MediaSource, $rtpParameters: JSON!) { produce(input: { transportId: $transportId, kind: $kind, source: $source, rtpParameters: $rtpParameters }) { id source } }',
  watchStream: 'mutation ($producerId: ID!) { watchStream(producerId: $producerId) { id } }',
  stopWatching: 'mutation ($producerId: ID!) { stopWatching(producerId: $producerId) }',
  setPreferredLayers:
    'mutation ($consumerId: ID!, $spatialLayer: Int!, $temporalLayer: Int) { setPreferredLayers(consumerId: $consumerId, spatialLayer: $spatialLayer, temporalLayer: $temporalLayer) { id } }',
  setReceiveBitrate: 'mutation ($bitsPerSecond: Int) { setReceiveBitrate(bitsPerSecond: $bitsPerSecond) }',
  leaveChannel: 'mutation { leaveChannel }',
  channel: 'query ($id: ID!) { channel(id: $id) { id participantCount } }',
  channelEvents: 'subscription ($channelId: ID!) { channelEvents(channelId: $channelId) { __typename } }',
  participantEvents:
    'subscription ($participantId: ID!, $afterSeq: Int) { participantEvents(participantId: $participantId, afterSeq: $afterSeq) { seq } }',
} as const;
export type OperationName = keyof typeof OPERATIONS;
export const SUBSCRIPTIONS = new Set<OperationName>(['channelEvents', 'participantEvents']);

// ── Arbitraries ────────────────────────────────────────────────────────────────────────────────

/** Strings people and attackers send: unicode, control characters, long, padded, numeric. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\n\t',
    'Lobby',
    'lobby',
    '../../etc/passwd',
    '<script>',
    '💥'.repeat(50),
    'a'.repeat(5_000),
    '-1',
    'NaN',
    '{}',
    'null',
  ),
  fc.uuid().map((u) => u.toString()),
);

/** Any JSON at all, and some values JSON has no word for (big numbers, deep nesting). */
export const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    null,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53,
    '',
    [],
    {},
    [[[[[[[[[[[]]]]]]]]]]],
    { __proto__: { polluted: true } },
    { constructor: { prototype: {} } },
  ),
);

/** `base` with one place changed: a value replaced by any JSON, a key deleted or added, an array emptied. */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    paths.push(path);
    if (Array.isArray(value))
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(base, []);
  return fc
    .tuple(fc.nat({ max: paths.length - 1 }), fc.constantFrom('replace', 'delete', 'add', 'empty'), anyJson, fc.string({ maxLength: 12 }))
    .map(([index, how, replacement, key]) => {
      const copy = structuredClone(base) as Record<string | number, unknown>;
      const path = paths[index]!;
      if (path.length === 0) return how === 'replace' ? replacement : copy;
      let parent: Record<string | number, unknown> = copy;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (how === 'replace') parent[last] = replacement;
      else if (how === 'delete') {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
      } else if (how === 'add') {
        const target = parent[last];
        if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[key] = replacement;
        else if (Array.isArray(target)) target.push(replacement);
      } else if (Array.isArray(parent[last])) parent[last] = [];
      else parent[last] = {};
      return copy;
    });
}

/** An id: a random string, or one of the server's real ids (own or somebody else's), resolved at run time. */
export type IdPick = { from: 'own' | 'other' | 'channel'; index: number } | { from: 'random'; value: string };
export const idPick: fc.Arbitrary<IdPick> = fc.oneof(
  { weight: 2, arbitrary: nastyString.map((value) => ({ from: 'random' as const, value })) },
  { weight: 3, arbitrary: fc.nat().map((index) => ({ from: 'own' as const, index })) },
  { weight: 2, arbitrary: fc.nat().map((index) => ({ from: 'other' as const, index })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ from: 'channel' as const, index })) },
);

export interface Case {
  operation: OperationName;
  /** Run it on a connection that joined (true) or one that did not. */
  joined: boolean;
  ids: IdPick[];
  strings: string[];
  json: unknown;
  int: number | null;
  paused: boolean | null;
  kind: 'AUDIO' | 'VIDEO';
  source: 'MICROPHONE' | 'CAMERA' | 'SCREEN' | 'SCREEN_AUDIO' | null;
}

export function caseArbitrary(caps: unknown): fc.Arbitrary<Case> {
  const json = fc.oneof(
    anyJson,
    mutated(caps),
    mutated(opusRtpParameters()),
    mutated(clientDtlsParameters()),
    fc.constant(caps),
    fc.constant(opusRtpParameters()),
    fc.constant(clientDtlsParameters()),
  );
  return fc.record({
    operation: fc.constantFrom(...(Object.keys(OPERATIONS) as OperationName[])),
    joined: fc.boolean(),
    ids: fc.array(idPick, { minLength: 1, maxLength: 4 }),
    strings: fc.array(nastyString, { minLength: 2, maxLength: 2 }),
    json,
    int: fc.option(fc.integer(), { nil: null }),
    paused: fc.option(fc.boolean(), { nil: null }),
    kind: fc.constantFrom('AUDIO', 'VIDEO'),
    source: fc.constantFrom('MICROPHONE', 'CAMERA', 'SCREEN', 'SCREEN_AUDIO', null),
  });
}
