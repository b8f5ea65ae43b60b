import type { VoxlayClient } from '../createVoxlayClient';
import { ErrorCode, VoxlayError } from '../errors';
import { TypedEmitter } from '../events';
import { ConnectionState, TroubleKind, type ChannelInfo, type ParticipantState, type Trouble } from '../types';
import type { ChannelConnectionEvents, MediaPathState } from './ChannelConnection';

export const DEFAULT_RECONNECT_TIMEOUT_MS = 60_000;
export const DEFAULT_MEDIA_TIMEOUT_MS = 15_000;
/** Media unconnected for less than this is not shown (ICE often recovers from 'disconnected' by itself). */
export const MEDIA_GRACE_MS = 1_000;

export interface ChannelTroubleOptions {
  /** How long Reconnecting may last before the Channel gives up (`timedOut`, then TroubleKind.GaveUp and `rejoin()`); default 60 s. */
  reconnectTimeoutMs?: number;
  /** How long the audio transports may stay unconnected while signaling is up before MediaFailed; default 15 s. */
  mediaTimeoutMs?: number;
}

export interface ChannelTroubleEvents {
  /** What `current`, `mediaDown` or the stale view report may have changed (a timer, the network, the media path, a retry). */
  changed: () => void;
  /** Reconnecting lasted `reconnectTimeoutMs`: the owner gives up with this error (RECONNECT_FAILED). */
  timedOut: (error: VoxlayError) => void;
}

/** What ChannelTrouble watches of a join's connection: its media path. */
export type MediaPathSource = { readonly mediaState: MediaPathState } & {
  on(event: 'mediaStateChanged', listener: ChannelConnectionEvents['mediaStateChanged']): () => void;
};

/** The part of a ChannelState the stale view replaces. */
interface ListView {
  participants: ParticipantState[];
  channel: ChannelInfo | null;
}

/**
 * What is wrong with a Channel right now, as `ChannelState.trouble`: offline, server unreachable,
 * reconnecting (attempt, next retry, give-up time), media connecting / failed, gave up. It is told
 * the Channel's ConnectionState changes, rejoin progress and a give-up; it follows the current
 * connection's media path and watches the network and the client's WebSocket itself. Its timers:
 * the give-up while Reconnecting (`timedOut`) and the media watch while Connected. Also keeps the
 * last participant list seen while connected, shown marked stale while not live.
 */
export class ChannelTrouble {
  private readonly emitter = new TypedEmitter<ChannelTroubleEvents>();
  private readonly reconnectTimeoutMs: number;
  private readonly mediaTimeoutMs: number;
  private connectionState: ConnectionState = ConnectionState.Disconnected;
  private online = typeof navigator === 'undefined' || navigator.onLine !== false;
  /** Since when the current trouble lasts. */
  private since = Date.now();
  /** The rejoin attempt under way or next, while reconnecting. */
  private retry: { attempt: number; nextRetryAt: number | null } | null = null;
  private giveUpAt: number | null = null;
  private giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set when the Channel gave up (cleared by the next join or leave). */
  private gaveUpWith: { code: string; message: string } | null = null;
  /** The connection followed (the joined one), if any. */
  private connection: MediaPathSource | null = null;
  private unfollow: (() => void) | null = null;
  /** While Connected with the audio transports unconnected: since when, and the failure once it lasted too long. */
  private media: { since: number; failed: { code: string; message: string } | null; shown: boolean } | null = null;
  private readonly mediaTimers: ReturnType<typeof setTimeout>[] = [];
  /** The last participant list and channel seen while connected: shown, marked stale, while not live. */
  private lastKnown: ListView = { participants: [], channel: null };
  private readonly cleanups: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly client: Pick<VoxlayClient, 'connected' | 'on'>,
    options: ChannelTroubleOptions = {},
  ) {
    this.reconnectTimeoutMs = options.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS;
    this.mediaTimeoutMs = options.mediaTimeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS;
    this.cleanups.push(client.on('connected', () => this.changed()));
    this.cleanups.push(client.on('closed', () => this.changed()));
    if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
      const onNetwork = (): void => {
        this.online = navigator.onLine !== false;
        this.changed();
      };
      window.addEventListener('online', onNetwork);
      window.addEventListener('offline', onNetwork);
      this.cleanups.push(() => {
        window.removeEventListener('online', onNetwork);
        window.removeEventListener('offline', onNetwork);
      });
    }
  }

  on<K extends keyof ChannelTroubleEvents>(event: K, listener: ChannelTroubleEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // ── Facts the Channel tells ──────────────────────────────────────────────────────

  /** The Channel's ConnectionState changed (told before the change is published; no `changed` event). */
  connectionStateChanged(next: ConnectionState): void {
    if (this.closed) return;
    this.connectionState = next;
    clearTimeout(this.giveUpTimer);
    this.retry = null;
    this.giveUpAt = null;
    if (next === ConnectionState.Reconnecting) {
      this.since = Date.now();
      this.giveUpAt = Date.now() + this.reconnectTimeoutMs;
      this.giveUpTimer = setTimeout(() => {
        if (this.closed) return;
        const seconds = Math.round(this.reconnectTimeoutMs / 1000);
        this.emitter.emit('timedOut', new VoxlayError(ErrorCode.RECONNECT_FAILED, `Could not reconnect within ${seconds} s`));
      }, this.reconnectTimeoutMs);
    }
    if (next === ConnectionState.Connecting) {
      // Only join() leads here: a new start.
      this.since = Date.now();
      this.gaveUpWith = null;
      this.lastKnown = { participants: [], channel: null };
    }
    this.watchMedia();
  }

  /** The joined connection (its media path counts from now), or null when there is none. */
  follow(connection: MediaPathSource | null): void {
    if (connection === this.connection || this.closed) return;
    this.unfollow?.();
    this.unfollow = null;
    this.connection = connection;
    if (connection) {
      this.unfollow = connection.on('mediaStateChanged', () => {
        if (connection !== this.connection) return;
        this.watchMedia();
        this.changed();
      });
    }
    this.watchMedia();
  }

  /** Rejoin attempt `attempt` (1-based) starts at `nextRetryAt` (ms since the epoch), or now (null). */
  retrying(attempt: number, nextRetryAt: number | null): void {
    if (this.closed) return;
    this.retry = { attempt, nextRetryAt };
    this.changed();
  }

  /** The Channel gave up (told before it goes Disconnected): GaveUp, and the last list stays shown, stale. */
  gaveUp(error: { code: string; message: string }): void {
    if (this.closed) return;
    this.gaveUpWith = { code: error.code, message: error.message };
  }

  /** leave(): nothing to report any more, no list to keep. */
  reset(): void {
    this.gaveUpWith = null;
    this.lastKnown = { participants: [], channel: null };
  }

  // ── What it reports ──────────────────────────────────────────────────────────────

  /** Connected with the audio transports unconnected: packets may leave into the void. */
  get mediaDown(): boolean {
    return this.media !== null;
  }

  /** The list is not live: Reconnecting, or gave up. */
  get stale(): boolean {
    return this.connectionState === ConnectionState.Reconnecting || this.gaveUpWith !== null;
  }

  /**
   * The participant list and channel to show: live ones as they are (remembered while Connected);
   * while stale, those of the connection still held (resuming), else the last known, nobody speaking.
   */
  view(live: ListView, hasConnection: boolean): ListView & { stale: boolean } {
    if (this.connectionState === ConnectionState.Connected) this.lastKnown = { participants: live.participants, channel: live.channel };
    if (!this.stale) return { ...live, stale: false };
    const list = hasConnection ? live.participants : this.lastKnown.participants;
    const participants = list.map((p) => ({ ...p, speaking: false, level: 0 }));
    return { participants, channel: live.channel ?? this.lastKnown.channel, stale: participants.length > 0 };
  }

  /** What is wrong right now, in the terms of TroubleKind; null when nothing is. */
  get current(): Trouble | null {
    const base = { since: this.since, attempt: null, nextRetryAt: null, giveUpAt: null, code: null, message: null };
    if (this.gaveUpWith) return { ...base, kind: TroubleKind.GaveUp, code: this.gaveUpWith.code, message: this.gaveUpWith.message };
    const state = this.connectionState;
    if (state === ConnectionState.Disconnected) return null;
    const network = !this.online ? TroubleKind.Offline : !this.client.connected ? TroubleKind.ServerUnreachable : null;
    if (state === ConnectionState.Reconnecting) {
      return {
        ...base,
        kind: network ?? TroubleKind.Reconnecting,
        attempt: this.retry?.attempt ?? null,
        nextRetryAt: this.retry?.nextRetryAt ?? null,
        giveUpAt: this.giveUpAt,
      };
    }
    if (network) return { ...base, kind: network };
    if (state === ConnectionState.Connected && this.media?.shown) {
      const failed = this.media.failed;
      return failed
        ? { ...base, since: this.media.since, kind: TroubleKind.MediaFailed, code: failed.code, message: failed.message }
        : { ...base, since: this.media.since, kind: TroubleKind.MediaConnecting };
    }
    return null;
  }

  /** Stops every timer and listener; reports nothing more. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.giveUpTimer);
    this.stopMediaWatch();
    this.unfollow?.();
    this.unfollow = null;
    this.connection = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.emitter.removeAllListeners();
  }

  // ── The media watch ──────────────────────────────────────────────────────────────

  /**
   * Connected means audio flows: while the connection's transports are not connected, MediaConnecting
   * (after MEDIA_GRACE_MS; ICE restarts run meanwhile), then MediaFailed with TRANSPORT_FAILED after
   * mediaTimeoutMs. Cleared once they connect.
   */
  private watchMedia(): void {
    const connection = this.connection;
    if (this.connectionState !== ConnectionState.Connected || !connection || connection.mediaState === 'connected') {
      this.stopMediaWatch();
      return;
    }
    if (this.media) return;
    const media = { since: Date.now(), failed: null as { code: string; message: string } | null, shown: false };
    this.media = media;
    this.mediaTimers.push(
      setTimeout(() => {
        media.shown = true;
        this.changed();
      }, MEDIA_GRACE_MS),
      setTimeout(() => {
        media.failed = {
          code: ErrorCode.TRANSPORT_FAILED,
          message: `Connected to the server, but no audio path after ${Math.round(this.mediaTimeoutMs / 1000)} s (ICE/DTLS failed even after restarting ICE): a firewall, VPN or proxy may block UDP and TCP to the voice server`,
        };
        this.changed();
      }, this.mediaTimeoutMs),
    );
  }

  private stopMediaWatch(): void {
    for (const timer of this.mediaTimers.splice(0)) clearTimeout(timer);
    this.media = null;
  }

  private changed(): void {
    if (!this.closed) this.emitter.emit('changed');
  }
}
