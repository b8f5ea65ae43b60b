import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { VoxlayApp } from '../../../src/app.js';
import type { Channel } from '../../../src/sfu/Channel.js';

/** Test-only documents for the last-N and router fields (the clients' documents live in core/). */
export const ChannelActiveSetDocument = parse(
  'query ChannelActiveSet($id: ID!) { channel(id: $id) { lastN activeSpeakerIds participantCount } }',
) as TypedDocumentNode<{ channel: { lastN: number; activeSpeakerIds: string[]; participantCount: number } | null }, { id: string }>;

export const ChannelRoutersDocument = parse(
  'query ChannelRouters($id: ID!) { channel(id: $id) { routerId worker { index } routers { id participantCount pipedProducerCount worker { index pid } } } }',
) as TypedDocumentNode<
  {
    channel: {
      routerId: string;
      worker: { index: number };
      routers: Array<{ id: string; participantCount: number; pipedProducerCount: number; worker: { index: number; pid: number } }>;
    } | null;
  },
  { id: string }
>;

export const ChannelParticipantsPageDocument = parse(
  'query ChannelParticipantsPage($id: ID!, $first: Int, $after: ID) { channel(id: $id) { participants(first: $first, after: $after) { id displayName } } }',
) as TypedDocumentNode<
  { channel: { participants: Array<{ id: string; displayName: string }> } | null },
  { id: string; first?: number | null; after?: string | null }
>;

export const ActiveSpeakerEventsDocument = parse(
  'subscription ActiveSpeakerEvents($channelId: ID!) { channelEvents(channelId: $channelId) { __typename ... on ActiveSpeakersChanged { channelId participantIds } } }',
) as TypedDocumentNode<{ channelEvents: { __typename: string; channelId?: string; participantIds?: string[] } }, { channelId: string }>;

/** Consumers per participant id, read from the server's objects. */
export function consumerCounts(channel: Channel): Map<string, number> {
  return new Map(channel.participants.map((participant) => [participant.id, participant.consumers.length]));
}

/** Consumers, producers and transports in the workers' own dumps of every router of the channel. */
export async function dumpCounts(channel: Channel): Promise<{ consumers: number; producers: number; transports: number }> {
  let consumers = 0;
  let producers = 0;
  let transports = 0;
  for (const router of channel.routers) {
    const dump = await router.router.dump();
    transports += dump.transportIds.length;
    producers += dump.mapProducerIdConsumerIds.length;
    for (const entry of dump.mapProducerIdConsumerIds) consumers += entry.values.length;
  }
  return { consumers, producers, transports };
}

export function channelOf(app: VoxlayApp, id: string): Channel {
  const channel = app.channels.get(id);
  if (!channel) throw new Error(`no channel ${id}`);
  return channel;
}
