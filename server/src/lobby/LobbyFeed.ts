import type { ChannelRef } from '../auth/access.js';
import type { VoxlayPubSub } from '../graphql/pubsub.js';
import type { Channel } from '../sfu/Channel.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { ChannelDeleteReason } from '../sfu/ChannelRegistryTypes.js';
import type { ChannelEventData } from '../sfu/ChannelTypes.js';
import { isLobbyChannelEvent, type LobbyChannelRef, type LobbyEventData } from './LobbyEventTypes.js';
import type { Participant } from '../sfu/Participant.js';

export interface LobbyFeedOptions {
  /** This node's channels: their participant events, and those deleted or expired here. */
  channels: ChannelRegistry;
  /** Where the events go (over Redis when clustered, so every node's subscribers see them). */
  pubsub: VoxlayPubSub;
}

/**
 * Publishes what lobbies follow (Subscription.lobbyEvents) for the channels of this node: who joins,
 * leaves, mutes or changes state, and channels deleted or expired here. A channel's creation is told
 * by whoever created it (createChannel), and so is the deletion of a channel no node hosted
 * (clustered: an orphan deleted from the directory).
 */
export class LobbyFeed {
  readonly #channels: ChannelRegistry;
  readonly #pubsub: VoxlayPubSub;
  #closed = false;

  constructor({ channels, pubsub }: LobbyFeedOptions) {
    this.#channels = channels;
    this.#pubsub = pubsub;
    channels.on('channelevent', this.#onChannelEvent);
    channels.on('channeldelete', this.#onChannelDelete);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A channel was created (createChannel). */
  channelCreated(channel: Channel): void {
    this.#publish(channel, { type: 'ChannelCreated', channel });
  }

  /** deleteChannel removed a channel that no registry here held (clustered: an orphan). */
  channelDeleted(channel: ChannelRef): void {
    this.#publish(channel, { type: 'ChannelDeleted', channelId: channel.id, expired: false });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#channels.off('channelevent', this.#onChannelEvent);
    this.#channels.off('channeldelete', this.#onChannelDelete);
  }

  #publish(channel: ChannelRef, event: LobbyEventData<Participant, Channel>): void {
    if (this.#closed) return;
    const ref: LobbyChannelRef = {
      id: channel.id,
      name: channel.name,
      createdBy: channel.createdBy ? { subject: channel.createdBy.subject } : null,
    };
    void this.#pubsub.publish('lobbyEvent', { channel: ref, event });
  }

  readonly #onChannelEvent = (channelId: string, event: ChannelEventData): void => {
    if (!isLobbyChannelEvent(event)) return;
    // Still registered while it closes: the ParticipantLeft of a deletion are published too.
    const channel = this.#channels.get(channelId);
    if (channel) this.#publish(channel, event);
  };

  readonly #onChannelDelete = (channel: Channel, reason: ChannelDeleteReason): void => {
    this.#publish(channel, { type: 'ChannelDeleted', channelId: channel.id, expired: reason === 'expired' });
  };
}
