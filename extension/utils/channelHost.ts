import { Channel, createVoxlayClient, deriveUrls, runCallCommand, type SettingsStorage, type VoxlayClient } from '@voxlay/core';
import type { ChannelState } from '@voxlay/core/types';
import type { CommandResult, ExtensionState, HostCommand } from './messages';
import { idleChannelState } from './state';
import { TabCapture } from './tabCapture';
import { noiseSuppressionAssets } from '@voxlay/core/noise-suppression/assets';

/** How often state goes out at most while levels move (the overlay's speaking dots need ~10 Hz). */
export const STATE_INTERVAL_MS = 100;

/** Where the host remembers the last server joined, to prepare it when it starts next time. */
export const LAST_SERVER_KEY = 'voxlay.lastServerUrl';

/** A prepared client nobody joined with is closed after this long (its WebSocket is not kept open for nothing). */
export const PREPARED_IDLE_MS = 120_000;

/**
 * Owns the media side of the extension: one VoxlayClient per server URL and the Channel from
 * core. Lives in the offscreen document (Chrome) or the background page (Firefox). Applies
 * commands (join here, the call's controls through core's runCallCommand) and reports every state
 * change, throttled to STATE_INTERVAL_MS.
 */
export class ChannelHost {
  private client: VoxlayClient | null = null;
  /** The server URL of the last join (the user's choice; the client may have moved to another node). */
  private serverUrl: string | null = null;
  private channel: Channel | null = null;
  /**
   * A Channel made and prepared ahead for the current client (its AudioContext created, the
   * WebSocket open, the Device loaded): the next join there takes it. Creating an AudioContext in
   * the offscreen document took 137 ms inside the click.
   */
  private prepared: Channel | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;
  private closed = false;
  /** The tab shared as this participant's screen (shareTab), while it is. */
  private tabShare: TabCapture | null = null;
  /** The Channel's screen share was seen on since tabShare opened (off after that means it stopped). */
  private tabShareSeenOn = false;

  /** Starts preparing the last server joined (WebSocket open, Device loaded), so the next join there is quick. */
  constructor(
    private readonly storage: SettingsStorage,
    private readonly publish: (state: ExtensionState) => void,
  ) {
    const last = storage.getItem(LAST_SERVER_KEY);
    if (last) this.prepare(last);
  }

  get state(): ExtensionState {
    return {
      channel: this.channel?.state ?? idleChannelState(),
      serverUrl: this.serverUrl,
      sharingTabId: this.tabShare?.tabId ?? null,
    };
  }

  /**
   * Opens the client for `serverUrl` and a Channel on it, prepared in the background (its audio
   * context made, the WebSocket open, the Device loaded; the Device is shared per server URL), so a
   * join there costs JoinChannel + ConnectRecvTransport only. A bad URL or an unreachable server is
   * ignored here (the join reports it). Without a join within PREPARED_IDLE_MS both are closed again.
   */
  prepare(serverUrl: string): void {
    if (this.closed || this.channel) return;
    try {
      this.clientFor(serverUrl);
    } catch {
      return; // not an http(s) URL
    }
    const channel = this.preparedChannel();
    void channel.prepare().catch(() => undefined);
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.channel || this.closed) return;
      this.prepared?.close();
      this.prepared = null;
      this.client?.close();
      this.client = null;
    }, PREPARED_IDLE_MS);
  }

  /** The prepared Channel for the current client, made now if there is none. */
  private preparedChannel(): Channel {
    if (!this.client) throw new Error('no client');
    this.prepared ??= new Channel({ client: this.client, storage: this.storage, noiseSuppressionAssets });
    return this.prepared;
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** The client for `serverUrl` (by the URL it was created with), replacing one for another server. */
  private clientFor(serverUrl: string): VoxlayClient {
    if (!this.client || this.client.entryUrl !== deriveUrls(serverUrl).url) {
      this.prepared?.close();
      this.prepared = null;
      this.client?.close();
      this.client = createVoxlayClient({ url: serverUrl });
    }
    return this.client;
  }

  get active(): boolean {
    return this.channel !== null;
  }

  async run(command: HostCommand): Promise<CommandResult> {
    try {
      await this.apply(command);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      this.flush();
    }
  }

  private async apply(command: HostCommand): Promise<void> {
    if (command.name === 'prepare') return this.prepare(command.serverUrl);
    if (command.name === 'join') return this.join(command.serverUrl, command.channel.id, command.displayName);
    if (command.name === 'leave') return this.leave();
    if (!this.channel) throw new Error('not in a channel');
    if (command.name === 'shareTab') return this.shareTab(this.channel, command.streamId, command.tabId);
    if (command.name === 'stopSharing') return this.channel.setScreenShareEnabled(false);
    return runCallCommand(this.channel, command);
  }

  /**
   * Sends the tab as this participant's screen (LIVE for everyone), replacing a screen shared before.
   * The capture closes when the share stops (stopSharing, the Channel left or gave up) or the tab goes.
   */
  private async shareTab(channel: Channel, streamId: string, tabId: number): Promise<void> {
    await channel.setScreenShareEnabled(false);
    const capture = await TabCapture.open(streamId, tabId);
    if (this.channel !== channel) {
      capture.close();
      throw new Error('not in a channel');
    }
    this.tabShare?.close();
    this.tabShare = capture;
    this.tabShareSeenOn = false;
    capture.onClose(() => {
      if (this.tabShare === capture) this.tabShare = null;
      void channel.setScreenShareEnabled(false).catch(() => undefined);
      this.schedule();
    });
    try {
      await channel.setScreenShareEnabled(true, capture.stream);
    } catch (error) {
      capture.close();
      throw error;
    }
  }

  /** The Channel's state changed: a tab capture whose share went off (the Channel stopped it) is closed. */
  private onChannelChange(state: ChannelState): void {
    if (this.tabShare) {
      const off = (state.screenShare?.status ?? 'off') === 'off';
      if (!off) this.tabShareSeenOn = true;
      else if (this.tabShareSeenOn) this.tabShare.close();
    }
    this.schedule();
  }

  private async join(serverUrl: string, channelId: string, displayName: string): Promise<void> {
    if (this.closed) throw new Error('channel host closed');
    this.clearIdle();
    await this.leave();
    const client = this.clientFor(serverUrl);
    this.serverUrl = client.entryUrl;
    this.storage.setItem(LAST_SERVER_KEY, serverUrl);
    const channel = this.preparedChannel();
    this.prepared = null;
    this.channel = channel;
    this.unsubscribe = channel.subscribe((state) => this.onChannelChange(state));
    await channel.join({ channelId, displayName });
  }

  private async leave(): Promise<void> {
    const channel = this.channel;
    if (!channel) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.channel = null;
    this.tabShare?.close();
    await channel.leave().catch(() => undefined);
    channel.close();
  }

  /** Throttled publish: at once if the last one is old enough, else once at the end of the interval. */
  private schedule(): void {
    if (this.timer) return;
    const wait = this.lastSent + STATE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    this.lastSent = Date.now();
    this.publish(this.state);
  }

  /** Leaves, closes the client and every timer. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.leave();
    this.closed = true;
    this.clearIdle();
    this.prepared?.close();
    this.prepared = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.client?.close();
    this.client = null;
  }
}
