import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import { LeaveChannelDocument } from '../../../../core/src/graphql/__generated__/graphql.js';
import type { TestParticipants } from '@voxlay/testing/participants';
import { type Member, untilChannelEventsLive } from '@voxlay/testing/session';
import type { Channel } from '../../../src/sfu/Channel.js';

type Source = 'MICROPHONE' | 'CAMERA' | 'SCREEN' | 'SCREEN_AUDIO';
type Kind = 'AUDIO' | 'VIDEO';

/**
 * VP8 RTP parameters like mediasoup-client sends for a camera or a screen (no browser needed): VP8
 * with RTX, and `layers` simulcast encodings by SSRC (one encoding when 1).
 */
export function vp8RtpParameters(mid: string, layers = 1): types.RtpParameters {
  const feedback = [
    { type: 'nack', parameter: '' },
    { type: 'nack', parameter: 'pli' },
    { type: 'ccm', parameter: 'fir' },
    { type: 'goog-remb', parameter: '' },
    { type: 'transport-cc', parameter: '' },
  ];
  const first = randomInt(1, 0x7fffff00);
  return {
    mid,
    codecs: [
      { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: feedback },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
    ],
    headerExtensions: [],
    encodings: Array.from({ length: layers }, (_, i) => ({
      ssrc: first + 2 * i,
      rtx: { ssrc: first + 2 * i + 1 },
      ...(layers > 1 ? { scalabilityMode: 'L1T3' } : {}),
    })),
    rtcp: { cname: `test-${randomInt(1_000_000)}`, reducedSize: true },
  };
}

/** Test-only documents for the video fields (the clients' documents live in core/). */
export const ProduceSourceDocument = parse(
  'mutation ProduceSource($input: ProduceInput!) { produce(input: $input) { id participantId kind source paused } }',
) as TypedDocumentNode<
  { produce: { id: string; participantId: string; kind: Kind; source: Source; paused: boolean } },
  { input: { transportId: string; kind: Kind; source?: Source | null; rtpParameters: unknown; paused?: boolean } }
>;

export interface WatchedConsumer {
  id: string;
  producerId: string;
  producerParticipantId: string;
  kind: Kind;
  source: Source;
  producerPaused: boolean;
  rtpParameters: types.RtpParameters;
}

export const WatchStreamDocument = parse(
  'mutation WatchStream($producerId: ID!) { watchStream(producerId: $producerId) { id producerId producerParticipantId kind source producerPaused rtpParameters } }',
) as TypedDocumentNode<{ watchStream: WatchedConsumer }, { producerId: string }>;

export const SetReceiveBitrateDocument = parse(
  'mutation SetReceiveBitrate($bitsPerSecond: Int) { setReceiveBitrate(bitsPerSecond: $bitsPerSecond) }',
) as TypedDocumentNode<{ setReceiveBitrate: number }, { bitsPerSecond: number | null }>;

export const StopWatchingDocument = parse(
  'mutation StopWatching($producerId: ID!) { stopWatching(producerId: $producerId) }',
) as TypedDocumentNode<{ stopWatching: boolean }, { producerId: string }>;

export interface VideoParticipantView {
  id: string;
  live: boolean;
  cameraOn: boolean;
  streams: Array<{ id: string; kind: Kind; source: Source; participantId: string; viewerIds: string[] }>;
}

export const ChannelVideoDocument = parse(
  'query ChannelVideo($id: ID!) { channel(id: $id) { participants { id live cameraOn streams { id kind source participantId viewerIds } } } }',
) as TypedDocumentNode<{ channel: { participants: VideoParticipantView[] } | null }, { id: string }>;

export type VideoChannelEvent =
  | { __typename: 'StreamStarted' | 'ProducerAdded'; producer: { id: string; kind: Kind; source: Source; participantId: string } }
  | { __typename: 'StreamStopped'; producerId: string; participantId: string; source: Source }
  | { __typename: 'ProducerClosed'; producerId: string; participantId: string }
  | { __typename: 'ParticipantStateChanged'; participant: { id: string; live: boolean; cameraOn: boolean } }
  | { __typename: 'ParticipantJoined'; participant: { id: string } }
  | { __typename: 'StreamViewersChanged'; producerId: string; participantId: string; viewerIds: string[] }
  | { __typename: 'ParticipantLeft' | 'MuteChanged' | 'ActiveSpeakersChanged' };

export const VideoChannelEventsDocument = parse(`subscription VideoChannelEvents($channelId: ID!) {
  channelEvents(channelId: $channelId) {
    __typename
    ... on ProducerAdded { producer { id kind source participantId } }
    ... on ProducerClosed { producerId participantId }
    ... on StreamStarted { producer { id kind source participantId } }
    ... on StreamStopped { producerId participantId source }
    ... on ParticipantStateChanged { participant { id live cameraOn } }
    ... on ParticipantJoined { participant { id } }
    ... on StreamViewersChanged { producerId participantId viewerIds }
  }
}`) as TypedDocumentNode<{ channelEvents: VideoChannelEvent }, { channelId: string }>;

/**
 * A new client's channelEvents (VideoChannelEventsDocument) on `channelId`, once the subscription is live:
 * a probe participant joined (and left) and the subscription delivered it.
 */
export async function observeVideoChannelEvents(participants: TestParticipants, channelId: string) {
  const events = participants.connect().subscribe(VideoChannelEventsDocument, { channelId });
  await untilChannelEventsLive(events, async () => {
    const probe = await participants.join('probe', { channelId });
    await probe.client.data(LeaveChannelDocument, {});
    return probe.joined.participant.id;
  });
  return events;
}

/** The error's extensions when `member` produces `input` on its send transport (undefined when it succeeds). */
export function produceError(member: Member, input: { kind: Kind; source?: Source; rtpParameters: unknown }) {
  return member.client
    .request(ProduceSourceDocument, { input: { transportId: member.joined.sendTransport.id, ...input } })
    .then((result) => result.errors?.[0]?.extensions);
}

/** The channel's consumers of `source` streams, per receiving participant id, from the server's objects. */
export function streamConsumers(channel: Channel, source: Source = 'CAMERA'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const participant of channel.participants) {
    const n = participant.consumers.filter((consumer) => consumer.appData.source === source).length;
    if (n > 0) counts.set(participant.id, n);
  }
  return counts;
}

/** Consumers of one producer in the workers' own dumps of every router of the channel (pipe producers aside). */
export async function dumpedConsumersOf(channel: Channel, producerId: string): Promise<number> {
  let consumers = 0;
  for (const router of channel.routers) {
    const dump = await router.router.dump();
    for (const entry of dump.mapProducerIdConsumerIds) if (entry.key === producerId) consumers += entry.values.length;
  }
  return consumers;
}

export interface LayersView {
  spatialLayer: number;
  temporalLayer: number | null;
}
export interface ConsumerLayersView {
  id: string;
  kind: Kind;
  type: 'SIMPLE' | 'SIMULCAST' | 'SVC' | 'PIPE';
  preferredLayers: LayersView | null;
  currentLayers: LayersView | null;
}

const CONSUMER_LAYERS = 'id kind type preferredLayers { spatialLayer temporalLayer } currentLayers { spatialLayer temporalLayer }';

export const SetPreferredLayersDocument = parse(
  `mutation SetPreferredLayers($consumerId: ID!, $spatialLayer: Int!, $temporalLayer: Int) { setPreferredLayers(consumerId: $consumerId, spatialLayer: $spatialLayer, temporalLayer: $temporalLayer) { ${CONSUMER_LAYERS} } }`,
) as TypedDocumentNode<
  { setPreferredLayers: ConsumerLayersView },
  { consumerId: string; spatialLayer: number; temporalLayer?: number | null }
>;

export const MyConsumerLayersDocument = parse(`query MyConsumerLayers { me { consumers { ${CONSUMER_LAYERS} } } }`) as TypedDocumentNode<
  { me: { consumers: ConsumerLayersView[] } | null },
  Record<string, never>
>;
