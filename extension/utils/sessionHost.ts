import { createVoxlayClient, deriveUrls, type VoxlayClient } from '../../core/src/createVoxlayClient';
import { prepareVoice } from '../../core/src/channel/prepare';
import type { SettingsStorage } from '../../core/src/settings';
import { Channel } from '../../core/src/channel/Channel';
import type { CommandResult, ExtensionState, SessionCommand } from './messages';
import { idleSessionState } from './state';

/** How often state goes out at most while levels move (the overlay's speaking dots need ~10 Hz). */
export const STATE_INTERVAL_MS = 100;

/** Where the host remembers the last server joined, to prepare it when it starts next time. */
export const LAST_SERVER_KEY = 'voxlay.lastServerUrl';

/**
 * Owns the media side of the extension: one VoxlayClient per server URL and the VoiceSession from
 * core. Lives in the offscreen document (Chrome) or the background page (Firefox). Applies
 * commands and reports every state change, throttled to STATE_INTERVAL_MS.
 */
export class SessionHost {
  private client: VoxlayClient | null = null;
  /** The server URL of the last join (the user's choice; the client may have moved to another node). */
  private serverUrl: string | null = null;
  private session: Channel | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;
  private closed = false;

  /** Starts preparing the last server joined (WebSocket open, Device loaded), so the next join there is quick. */
  constructor(
    private readonly storage: SettingsStorage,
    private readonly publish: (state: ExtensionState) => void,
  ) {
    const last = storage.getItem(LAST_SERVER_KEY);
    if (last) this.prepare(last);
  }

  get state(): ExtensionState {
    return { session: this.session?.state ?? idleSessionState(), serverUrl: this.serverUrl };
  }

  /**
   * Opens the client for `serverUrl` and, in the background, waits for its WebSocket and loads the
   * Device (shared per server URL), so a join there costs JoinChannel + ConnectRecvTransport only.
   * A bad URL or an unreachable server is ignored here (the join reports it).
   */
  prepare(serverUrl: string): void {
    if (this.closed) return;
    try {
      void prepareVoice(this.clientFor(serverUrl)).catch(() => undefined);
    } catch {
      // not an http(s) URL
    }
  }

  /** The client for `serverUrl` (by the URL it was created with), replacing one for another server. */
  private clientFor(serverUrl: string): VoxlayClient {
    if (!this.client || this.client.entryUrl !== deriveUrls(serverUrl).url) {
      this.client?.close();
      this.client = createVoxlayClient({ url: serverUrl });
    }
    return this.client;
  }

  get active(): boolean {
    return this.session !== null;
  }

  async run(command: SessionCommand): Promise<CommandResult> {
    try {
      await this.apply(command);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      this.flush();
    }
  }

  private async apply(command: SessionCommand): Promise<void> {
    if (command.name === 'join') return this.join(command.serverUrl, command.channel.id, command.displayName);
    if (command.name === 'leave') return this.leave();
    const s = this.session;
    if (!s) throw new Error('not in a channel');
    switch (command.name) {
      case 'toggleMute':
        return s.setMuted(!s.state.muted);
      case 'setMuted':
        return s.setMuted(command.muted);
      case 'setDeafened':
        return s.setDeafened(command.deafened);
      case 'setMode':
        return s.setMode(command.mode);
      case 'setVadSensitivity':
        return s.setVadSensitivity(command.sensitivity);
      case 'setPushToTalk':
        return s.setPushToTalk(command.pressed);
      case 'setPttKey':
        return s.setPttKey(command.code);
      case 'selectMicrophone':
        return s.selectMicrophone(command.deviceId);
      case 'setParticipantVolume':
        return s.setParticipantVolume(command.participantId, command.volume);
      case 'setParticipantLocallyMuted':
        return s.setParticipantLocallyMuted(command.participantId, command.muted);
    }
  }

  private async join(serverUrl: string, channelId: string, displayName: string): Promise<void> {
    if (this.closed) throw new Error('session host closed');
    await this.leave();
    const client = this.clientFor(serverUrl);
    this.serverUrl = client.entryUrl;
    this.storage.setItem(LAST_SERVER_KEY, serverUrl);
    const session = new Channel({ client, storage: this.storage });
    this.session = session;
    this.unsubscribe = session.subscribe(() => this.schedule());
    await session.join({ channelId, displayName });
  }

  private async leave(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.session = null;
    await session.leave().catch(() => undefined);
    session.close();
  }

  /** Throttled publish: at once if the last one is old enough, else once at the end of the interval. */
  private schedule(): void {
    if (this.timer) return;
    const wait = this.lastSent + STATE_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.flush();
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.client?.close();
    this.client = null;
  }
}
