/**
 * What the operator console (GraphiQL at GET /graphql) opens on: the SFU's state first, then
 * example operations in further tabs. Each is checked against the schema and the server's
 * document limits by server/test/integration/console.test.ts.
 */
export interface ConsoleTab {
  query: string;
  variables?: string;
  headers?: string;
}

export const SFU_STATE = `# Voxlay operator console: this node's SFU.
# Run with ▶ (Ctrl-Enter). Each stats field costs a worker
# request: the first 10 participants of each channel are
# shown; ChannelParticipants pages through a channel and
# ChannelDetail shows its routers.
query SfuState {
  health { ok version uptimeSeconds workersAlive workersTotal channels participants }
  workers { index pid alive routerCount cpuLoad cpuTimeMs maxRssBytes channelIds }
  nodes { id url self alive channelCount participantCount }
  channels {
    id name isDefault participantCount lastN activeSpeakerIds
    node { id self }
    participants(first: 10) {
      id displayName muted joinedAt
      transports { id direction iceState dtlsState }
      producers { id paused stats { packetCount byteCount bitrate packetsLost score } }
      consumers {
        id producerParticipantId paused producerPaused
        stats { packetCount byteCount bitrate packetsLost score }
      }
    }
  }
}
`;

export const CHANNEL_EVENTS = `# A channel's live events over the WebSocket: joins,
# leaves, producers, mutes, active speakers. Runs until
# stopped. channelId: the default channel (others: SfuState).
subscription ChannelEvents($channelId: ID!) {
  channelEvents(channelId: $channelId) {
    __typename
    ... on ParticipantJoined { participant { id displayName muted } }
    ... on ParticipantLeft { participantId reason }
    ... on ProducerAdded { producer { id participantId paused } }
    ... on ProducerClosed { producerId participantId }
    ... on MuteChanged { participantId muted }
    ... on ActiveSpeakersChanged { participantIds }
  }
}
`;

export const CHANNEL_PARTICIPANTS = `# A channel's participants, a page at a time: set "after" to
# the last id of a page to get the next one.
query ChannelParticipants($channelId: ID!, $first: Int = 100, $after: ID) {
  channel(id: $channelId) {
    id name participantCount
    participants(first: $first, after: $after) { id displayName muted joinedAt }
  }
}
`;

export const CHANNEL_DETAIL = `# Where a channel lives: its node, its routers on the
# workers, the producers piped between them. Answered by
# the node hosting it (elsewhere: WRONG_NODE + its URL).
query ChannelDetail($channelId: ID!) {
  channel(id: $channelId) {
    id name isDefault createdAt participantCount lastN activeSpeakerIds
    node { id url self }
    worker { index pid cpuLoad }
    routers { id worker { index cpuLoad } participantCount pipedProducerCount }
  }
}
`;

export const CREATE_CHANNEL = `# Creates a voice channel (names are unique, case-
# insensitive). Token mode: needs the admin right.
mutation CreateChannel($name: String!) {
  createChannel(input: { name: $name }) { id name isDefault createdAt }
}
`;

/** The console's tabs, the SFU's state first; `defaultChannelId` fills the examples' variables. */
export function consoleTabs(defaultChannelId: string): ConsoleTab[] {
  const channel = JSON.stringify({ channelId: defaultChannelId }, null, 2);
  return [
    { query: SFU_STATE },
    { query: CHANNEL_EVENTS, variables: channel },
    { query: CHANNEL_PARTICIPANTS, variables: JSON.stringify({ channelId: defaultChannelId, first: 100, after: null }, null, 2) },
    { query: CHANNEL_DETAIL, variables: channel },
    { query: CREATE_CHANNEL, variables: JSON.stringify({ name: 'Ops check' }, null, 2) },
  ];
}
