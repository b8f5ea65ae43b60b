import type { Channel } from '../sfu/Channel.js';
import type { Participant } from '../sfu/Participant.js';
import type { LobbyChannelRef, LobbyMessage } from '../lobby/LobbyEventTypes.js';
import type { ChannelRecord } from './ChannelDirectoryTypes.js';
import { channelEventSerializer, fromWire, toWire, type WireEvent } from './channelEventWire.js';
import { RemoteChannel } from './RemoteChannel.js';
import type { RemoteParticipant } from './RemoteParticipant.js';

/** A lobby message as JSON: a created channel travels as its directory record. */
type LobbyWire = {
  channel: LobbyChannelRef;
  event:
    | { type: 'ChannelCreated'; channel: ChannelRecord }
    | { type: 'ChannelDeleted'; channelId: string; expired: boolean }
    | Extract<WireEvent, { type: 'ParticipantJoined' | 'ParticipantLeft' | 'MuteChanged' | 'ParticipantStateChanged' }>;
};

/** A lobby message of this node (live objects). */
export type LocalLobbyMessage = LobbyMessage<Participant, Channel>;
/** A lobby message of another node: its participant and channel are snapshots. */
export type RemoteLobbyMessage = LobbyMessage<RemoteParticipant, RemoteChannel>;

const LOBBY_PREFIX = '{"lobby":';

function isLobbyMessage(detail: unknown): detail is LocalLobbyMessage {
  return typeof detail === 'object' && detail !== null && 'event' in detail && 'channel' in detail;
}

function toLobbyWire({ channel, event }: LocalLobbyMessage): LobbyWire {
  switch (event.type) {
    case 'ChannelCreated': {
      const created = event.channel;
      const record: ChannelRecord = {
        id: created.id,
        name: created.name,
        isDefault: created.isDefault,
        createdAt: created.createdAt.toISOString(),
        lastN: created.lastN,
        createdBy: created.createdBy ? { subject: created.createdBy.subject } : null,
        expires: created.expires,
      };
      return { channel, event: { type: 'ChannelCreated', channel: record } };
    }
    case 'ChannelDeleted':
      return { channel, event };
    default:
      return { channel, event: toWire(event) as LobbyWire['event'] };
  }
}

function fromLobbyWire({ channel, event }: LobbyWire): RemoteLobbyMessage {
  switch (event.type) {
    case 'ChannelCreated':
      // Just created: nobody in it yet. Its node is not known from the event (Channel.node answers not alive).
      return { channel, event: { type: 'ChannelCreated', channel: new RemoteChannel(event.channel, undefined, []) } };
    case 'ChannelDeleted':
      return { channel, event };
    default:
      return { channel, event: fromWire(event) as RemoteLobbyMessage['event'] };
  }
}

/**
 * The serializer of the Redis event target for every topic: channel events (channelEventWire.ts)
 * and lobby messages, which travel wrapped as `{"lobby": ...}`.
 */
export const eventSerializer = {
  stringify: (detail: unknown): string =>
    isLobbyMessage(detail) ? `${LOBBY_PREFIX}${JSON.stringify(toLobbyWire(detail))}}` : channelEventSerializer.stringify(detail),
  parse: (message: string): unknown =>
    message.startsWith(LOBBY_PREFIX)
      ? fromLobbyWire((JSON.parse(message) as { lobby: LobbyWire }).lobby)
      : channelEventSerializer.parse(message),
};
