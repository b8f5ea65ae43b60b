// The GraphQL documents of the cluster tests (the clients' own documents in core/ change with the UI).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

const doc = <TData, TVariables extends Record<string, unknown>>(source: string): TypedDocumentNode<TData, TVariables> =>
  parse(source) as unknown as TypedDocumentNode<TData, TVariables>;

export interface NodeView {
  id: string;
  url: string;
  self: boolean;
  alive: boolean;
  channelCount: number;
  participantCount: number;
}

export interface ChannelView {
  id: string;
  name: string;
  isDefault: boolean;
  participantCount: number;
  participants: Array<{ id: string; displayName: string; muted: boolean }>;
  node: NodeView;
}

const NODE_FIELDS = 'id url self alive channelCount participantCount';
const CHANNEL_FIELDS = `id name isDefault participantCount participants { id displayName muted } node { ${NODE_FIELDS} }`;

export const HealthQuery = doc<{ health: { ok: boolean } }, Record<string, never>>('query { health { ok } }');
export const NodesQuery = doc<{ nodes: NodeView[] }, Record<string, never>>(`query { nodes { ${NODE_FIELDS} } }`);
export const ChannelsQuery = doc<{ channels: ChannelView[] }, Record<string, never>>(`query { channels { ${CHANNEL_FIELDS} } }`);
export const ChannelQuery = doc<{ channel: ChannelView | null }, { id: string }>(
  `query ($id: ID!) { channel(id: $id) { ${CHANNEL_FIELDS} } }`,
);
export const ChannelRouterIdQuery = doc<{ channel: { id: string; routerId: string } | null }, { id: string }>(
  'query ($id: ID!) { channel(id: $id) { id routerId } }',
);
export const CreateChannelMutation = doc<{ createChannel: { id: string; name: string } }, { name: string }>(
  'mutation ($name: String!) { createChannel(input: { name: $name }) { id name } }',
);
export const JoinMutation = doc<
  {
    joinChannel: { participant: { id: string; displayName: string }; channel: { id: string; name: string }; sendTransport: { id: string } };
  },
  { channelId: string; displayName: string }
>(
  `mutation ($channelId: ID!, $displayName: String!) {
    joinChannel(input: { channelId: $channelId, displayName: $displayName }) {
      participant { id displayName } channel { id name } sendTransport { id }
    }
  }`,
);
export const LeaveMutation = doc<{ leaveChannel: boolean }, Record<string, never>>('mutation { leaveChannel }');
export const ProduceMutation = doc<{ produce: { id: string; paused: boolean } }, { transportId: string; rtpParameters: unknown }>(
  `mutation ($transportId: ID!, $rtpParameters: JSON!) {
    produce(input: { transportId: $transportId, kind: AUDIO, rtpParameters: $rtpParameters }) { id paused }
  }`,
);

export type ChannelEventView =
  | { __typename: 'ParticipantJoined'; channelId: string; participant: { id: string; displayName: string; muted: boolean } }
  | { __typename: 'ParticipantLeft'; channelId: string; participantId: string; reason: string }
  | { __typename: 'ProducerAdded'; channelId: string; producer: { id: string; participantId: string; paused: boolean; kind: string } }
  | { __typename: 'ProducerClosed' | 'MuteChanged' | 'ActiveSpeakersChanged'; channelId: string };

export const ChannelEventsSubscription = doc<{ channelEvents: ChannelEventView }, { channelId: string }>(
  `subscription ($channelId: ID!) {
    channelEvents(channelId: $channelId) {
      __typename
      ... on ParticipantJoined { channelId participant { id displayName muted } }
      ... on ParticipantLeft { channelId participantId reason }
      ... on ProducerAdded { channelId producer { id participantId paused kind } }
      ... on ProducerClosed { channelId }
      ... on MuteChanged { channelId }
    }
  }`,
);
