import type { VoxlayClient } from '../createVoxlayClient';
import { ErrorCode, InvalidStateError, toVoxlayError, type VoxlayError } from '../errors';
import { TypedEmitter } from '../events';
import {
  CreateChannelDocument,
  type CreateChannelMutation,
  LobbyChannelsDocument,
  LobbyEventsDocument,
  type LobbyEventsSubscription,
} from '../graphql/__generated__/graphql';
import { Logger } from '../logger';
import { Signaling } from '../signaling/Signaling';
import { applyLobbyEvent, LOBBY_NAMES, type LobbyChannel, type LobbyEvent } from './lobbyChannels';

export { applyLobbyEvent, LOBBY_NAMES, type LobbyChannel, type LobbyEvent, type LobbyParticipant } from './lobbyChannels';

const logger = new Logger('Lobby');

/** What the lobby knows: every channel the caller may see with who is in each, and how the last read went. */
export interface LobbyState {
  /** Null before the first read answered. */
  readonly channels: LobbyChannel[] | null;
  /** A read is in flight. */
  readonly loading: boolean;
  /** The last read could not reach the server (as opposed to an error answer). */
  readonly unreachable: boolean;
  /** The last read's or the subscription's error, for the UI. */
  readonly error: string | null;
}

export type LobbyEvents = {
  /** The state changed (a read answered, an event changed the list). */
  change: (state: LobbyState) => void;
};

export interface LobbyOptions {
  /** The client whose WebSocket carries the subscription (the one the calls use too). */
  client: VoxlayClient;
  /** Participants listed per channel (LOBBY_NAMES when absent). */
  names?: number;
}

/** A channel just created: what joining it needs. */
export type CreatedChannel = CreateChannelMutation['createChannel'];

/**
 * Every channel with who is in it, live, from ONE LobbyEvents subscription on the client's WebSocket
 * (channels created and deleted, joins, leaves, mutes, whatever the number of channels). The list is
 * read (LobbyChannels) at the start and again each time the WebSocket connects or reconnects: events
 * of the time it was down are not replayed, and the first read may answer before the subscription
 * listens. Events that arrive while a read is in flight apply on top of its answer. Starts at once;
 * close() stops it.
 */
export class Lobby {
  readonly #signaling: Signaling;
  readonly #names: number;
  readonly #emitter = new TypedEmitter<LobbyEvents>();
  readonly #stopEvents: () => void;
  readonly #offConnected: () => void;
  #state: LobbyState = { channels: null, loading: false, unreachable: false, error: null };
  /** Events received since the read in flight started; null when none is. */
  #pending: LobbyEvent[] | null = null;
  #reads = 0;
  #closed = false;

  constructor({ client, names = LOBBY_NAMES }: LobbyOptions) {
    if (!Number.isInteger(names) || names < 1) throw new TypeError(`names must be a positive integer, got ${names}`);
    this.#signaling = new Signaling(client.client);
    this.#names = names;
    this.#stopEvents = this.#signaling.subscribe(LobbyEventsDocument, {}, this.#onEvent, this.#onEventsError);
    this.#offConnected = client.on('connected', () => void this.refresh());
    void this.refresh();
  }

  get state(): LobbyState {
    return this.#state;
  }

  get closed(): boolean {
    return this.#closed;
  }

  on<K extends keyof LobbyEvents>(event: K, listener: LobbyEvents[K]): () => void {
    return this.#emitter.on(event, listener);
  }

  off<K extends keyof LobbyEvents>(event: K, listener: LobbyEvents[K]): void {
    this.#emitter.off(event, listener);
  }

  /** Reads the whole list again (also the offline notice's Retry). Resolves when it answered; never rejects. */
  refresh(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const read = ++this.#reads;
    this.#pending = [];
    this.#set({ loading: true });
    return this.#signaling.query(LobbyChannelsDocument, { first: this.#names }).then(
      (data) => {
        if (this.#closed || read !== this.#reads) return; // a later read answers instead
        const channels = (this.#pending ?? []).reduce(applyLobbyEvent, data.channels);
        this.#pending = null;
        this.#set({ channels, loading: false, unreachable: false, error: null });
      },
      (err: unknown) => {
        if (this.#closed || read !== this.#reads) return;
        this.#pending = null;
        const error = toVoxlayError(err);
        this.#set({ loading: false, unreachable: error.code === ErrorCode.NETWORK_ERROR, error: error.message });
      },
    );
  }

  /** createChannel; the new channel is listed at once (its ChannelCreated then changes nothing). */
  async create(name: string): Promise<CreatedChannel> {
    if (this.#closed) throw new InvalidStateError('the lobby is closed');
    const { createChannel } = await this.#signaling.mutate(CreateChannelDocument, { name });
    this.#apply({ __typename: 'ChannelCreated', channel: createChannel });
    return createChannel;
  }

  /** Stops the subscription and the reads (an answer still in flight is ignored). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopEvents();
    this.#offConnected();
    this.#pending = null;
  }

  readonly #onEvent = (data: LobbyEventsSubscription): void => {
    if (this.#closed) return;
    this.#apply(data.lobbyEvents);
  };

  readonly #onEventsError = (error: VoxlayError): void => {
    if (this.#closed) return;
    logger.warn('lobby events failed', error);
    this.#set({ error: error.message });
  };

  #apply(event: LobbyEvent): void {
    this.#pending?.push(event);
    const { channels } = this.#state;
    if (!channels) return;
    const next = applyLobbyEvent(channels, event);
    if (next !== channels) this.#set({ channels: next });
  }

  #set(change: Partial<LobbyState>): void {
    this.#state = { ...this.#state, ...change };
    this.#emitter.emit('change', this.#state);
  }
}
