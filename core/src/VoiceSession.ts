import { AudioGraph } from './AudioGraph';
import type { ChannelConnection, ChannelConnectionHooks } from './ChannelConnection';
import { ConnectionStateMachine } from './connectionState';
import type { VoxlayClient } from './createVoxlayClient';
import { ErrorCode, InvalidStateError, removalError, toVoxlayError, VoxlayError } from './errors';
import { TypedEmitter } from './events';
import { LevelLoop } from './levels';
import type { MicrophoneGate } from './MicrophoneGate';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect';
import { RemoteParticipants } from './RemoteParticipants';
import { SessionMicrophone } from './SessionMicrophone';
import { SessionConnector, type SessionConnectorOptions } from './SessionConnector';
import { SessionRecovery } from './SessionRecovery';
import { defaultStorage } from './sessionSupport';
import { buildSessionState } from './sessionSnapshot';
import { clampVolume, SettingsStore, type SettingsStorage } from './settings';
import { Signaling } from './signaling';
import { ConnectionState, type VadSensitivity, type VoiceMode, type VoiceSessionControls, type VoiceSessionEvents, type VoiceSessionState } from './types';

export interface VoiceSessionOptions extends SessionConnectorOptions {
  client: VoxlayClient;
  /**
   * The settings store to read and persist through, shared with the rest of the app so nothing
   * else writes the same storage key behind the session's back. Takes precedence over `storage`.
   * Change mode, keys, devices and volumes through the session's controls: a direct store update
   * is not applied to the running session (it shows in `state` on the next change).
   */
  settings?: SettingsStore;
  /** Where settings persist when no `settings` store is given (default: localStorage, else memory). */
  storage?: SettingsStorage;
  reconnectPolicy?: ReconnectPolicy;
}

/**
 * Being in one voice Channel: owns the mediasoup-client Device, the ChannelConnection (transports,
 * mic Producer, Consumers), the microphone, levels and the gate; exposes an immutable state
 * snapshot plus typed events; rejoins after drops (Connected → Reconnecting → Connected).
 */
export class VoiceSession implements VoiceSessionControls {
  private readonly client: VoxlayClient;
  private readonly signaling: Signaling;
  private readonly emitter = new TypedEmitter<VoiceSessionEvents>();
  private readonly stateListeners = new Set<(state: VoiceSessionState) => void>();
  private readonly connectionState: ConnectionStateMachine;
  private readonly settingsStore: SettingsStore;
  private readonly recovery: SessionRecovery;
  private readonly connector: SessionConnector;
  private readonly graph = new AudioGraph();
  private readonly loop = new LevelLoop();
  private readonly mic: SessionMicrophone;
  private readonly gate: MicrophoneGate;
  private connection: ChannelConnection | null = null;
  private readonly remotes: RemoteParticipants;
  private stopTicks: (() => void) | null = null;
  private joinArgs: { channelId: string; displayName: string } | null = null;
  /** The name of the channel last joined: a rejoin finds it by name when its id is gone (server restart). */
  private joinedChannelName: string | null = null;
  private localSpeaking = false;
  private error: { code: string; message: string } | null = null;
  private generation = 0;
  private closed = false;
  private snapshot: VoiceSessionState;
  private readonly wsCleanups: (() => void)[] = [];

  constructor(options: VoiceSessionOptions) {
    this.client = options.client;
    this.signaling = new Signaling(options.client.client);
    this.settingsStore = options.settings ?? new SettingsStore(options.storage ?? defaultStorage());
    this.mic = new SessionMicrophone(this.graph, this.settingsStore, {
      changed: () => this.update(),
      opened: () => this.ensureTicks(),
      error: (error, fallbackCode) => void this.reportError(error, fallbackCode),
      connection: () => this.connection,
    });
    this.gate = this.mic.gate;
    this.connector = new SessionConnector(options.client, this.signaling, options);
    this.connectionState = new ConnectionStateMachine((next, previous) => {
      this.emitter.emit('connectionStateChanged', next, previous);
      this.update();
    });
    this.recovery = new SessionRecovery(
      {
        connectionState: this.connectionState,
        nextGeneration: () => ++this.generation,
        isCurrent: (gen) => gen === this.generation,
        currentGeneration: () => this.generation,
        suspend: () => this.connection?.suspend() ?? false,
        resume: async (gen) => {
          const connection = this.connection;
          if (!connection || gen !== this.generation) throw new InvalidStateError('no connection to resume');
          try {
            await connection.resume();
          } catch (error) {
            // Removed while the socket was down (another device took over, the channel was deleted).
            if (error instanceof VoxlayError) this.removedByServer(error.extensions['reason'], gen);
            throw error;
          }
        },
        dropConnection: (leave) => this.dropConnection(leave),
        rejoin: async (gen) => {
          this.teardown();
          await this.connect(gen, () => this.mic.open());
        },
        giveUp: (error) => {
          this.teardown();
          this.closeMicrophone();
          this.connectionState.set(ConnectionState.Disconnected);
          this.reportError(error);
        },
      },
      options.reconnectPolicy ?? new DefaultReconnectPolicy(),
      this.client,
    );
    this.remotes = new RemoteParticipants(this.graph, this.emitter, () => this.update());
    // Resume the same participant on the new socket (rejoin when the server no longer has it).
    this.wsCleanups.push(this.client.on('closed', () => this.recovery.socketClosed()));
    this.snapshot = this.build();
  }

  // ── Observable state ─────────────────────────────────────────────────────────────

  get state(): VoiceSessionState {
    return this.snapshot;
  }

  get settings(): SettingsStore {
    return this.settingsStore;
  }

  subscribe(listener: (state: VoiceSessionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  on<K extends keyof VoiceSessionEvents>(event: K, listener: VoiceSessionEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  off<K extends keyof VoiceSessionEvents>(event: K, listener: VoiceSessionEvents[K]): void {
    this.emitter.off(event, listener);
  }

  private update(): void {
    if (this.closed) return;
    const transmitting = this.gate.refresh();
    const speaking = this.mic.audio.vadOpen && transmitting && this.connection !== null;
    if (speaking !== this.localSpeaking) {
      this.localSpeaking = speaking;
      if (this.connection) this.emitter.emit('speakingChanged', this.connection.participantId, speaking);
    }
    this.snapshot = this.build();
    for (const listener of [...this.stateListeners]) listener(this.snapshot);
    this.emitter.emit('stateChanged', this.snapshot);
  }

  private build(): VoiceSessionState {
    const connection = this.connection;
    return buildSessionState({
      settings: this.settingsStore.settings,
      connectionState: this.connectionState.state,
      connection,
      joinDisplayName: this.joinArgs?.displayName,
      muted: this.gate.muted,
      deafened: this.gate.deafened,
      pttPressed: this.gate.pttPressed,
      transmitting: this.gate.transmitting,
      localSpeaking: this.localSpeaking,
      localLevel: this.mic.audio.level,
      openMicrophoneId: this.mic.audio.track ? this.mic.audio.mic.deviceId : null,
      remotes: this.remotes.snapshots(),
      activeSpeakerIds: this.remotes.activeSpeakerIds,
      microphones: this.mic.devices.list,
      error: this.error,
    });
  }

  private reportError(error: unknown, fallbackCode?: string): VoxlayError {
    const e = toVoxlayError(error, fallbackCode);
    this.error = { code: e.code, message: e.message };
    this.emitter.emit('error', this.error);
    this.update();
    return e;
  }

  // ── Join / leave ─────────────────────────────────────────────────────────────────

  /**
   * Does ahead of join() what does not depend on the channel: waits for the WebSocket (the client
   * opens it when created) and loads the mediasoup-client Device with the router capabilities
   * (one HTTP query, cached per server URL). join() then costs JoinChannel + ConnectRecvTransport.
   * Call it when the app starts; safe to call again. Rejects when the capabilities cannot be loaded.
   */
  prepare(): Promise<void> {
    this.graph.warm();
    return this.connector.prepare();
  }

  async join(options: { channelId: string; displayName: string }): Promise<void> {
    if (this.closed) throw new InvalidStateError('VoiceSession closed');
    if (this.connectionState.state !== ConnectionState.Disconnected) throw new InvalidStateError('already joined or joining');
    void this.graph.resume(); // first, while still inside the user's gesture
    const gen = ++this.generation;
    this.joinArgs = { ...options };
    this.joinedChannelName = null;
    this.error = null;
    this.settingsStore.update({ displayName: options.displayName });
    this.connectionState.set(ConnectionState.Connecting);
    // The microphone opens once the channel is heard: hearing never waits for it (see connect()).
    const joining = (): boolean => gen === this.generation && this.connectionState.state !== ConnectionState.Disconnected;
    const openMic = (): Promise<MediaStreamTrack | null> => (joining() ? this.mic.open() : Promise.resolve(null));
    try {
      await this.connect(gen, openMic);
    } catch (error) {
      if (gen !== this.generation) return;
      this.teardown();
      this.connectionState.set(ConnectionState.Disconnected);
      throw this.reportError(error);
    }
  }

  /** One join attempt (first join or a rejoin); leaves `Connected` behind on success. */
  private async connect(gen: number, openMic: () => Promise<MediaStreamTrack | null>): Promise<void> {
    const args = this.joinArgs;
    if (!args) throw new InvalidStateError('no channel to join');
    const isCurrent = (): boolean => gen === this.generation;
    const opened = await this.connector.open({ ...args, channelName: this.joinedChannelName, isCurrent, hooks: this.hooks(gen) });
    if (!opened) return;
    const { connection, channelId } = opened;
    if (!isCurrent()) {
      void connection.leave();
      return;
    }
    if (channelId !== args.channelId) this.joinArgs = { ...args, channelId };
    this.adopt(connection);
    // Hear first: the microphone (getUserMedia, its audio graph) and its transport (ConnectTransport,
    // Produce) wait until the channel is heard, so none of it competes with the first packet.
    await connection.heard;
    if (gen !== this.generation) return;
    const track = await openMic();
    if (gen !== this.generation) return;
    if (track) await this.mic.produce(connection, track);
    if (gen !== this.generation) return;
    if (track) this.error = null; // a microphone error stays visible in listen-only mode
    this.connectionState.set(ConnectionState.Connected);
    this.connector.learnNodesSoon(() => gen === this.generation && !this.closed); // where to go if this node dies
  }

  async leave(): Promise<void> {
    this.generation++;
    this.recovery.cancel();
    const leaving = this.dropConnection(true);
    this.closeMicrophone();
    this.connectionState.set(ConnectionState.Disconnected);
    this.update();
    await leaving;
  }

  private adopt(connection: ChannelConnection): void {
    this.connection = connection;
    this.joinedChannelName = connection.channel.name;
    const volumes = this.settingsStore.settings.participantVolumes;
    for (const p of connection.initialParticipants) this.remotes.add(p, volumes, false);
    this.remotes.setActive(connection.initialActiveSpeakerIds);
    this.ensureTicks();
    this.update();
  }

  /** Drops the connection and every remote participant (no server call). */
  private teardown(): void {
    this.gate.detach();
    this.connection?.close();
    this.connection = null;
    this.remotes.clear();
  }

  /**
   * Drops the connection and every remote participant. With `leave`, ChannelConnection.leave()
   * (closes local media at once, then sends LeaveChannel) is started BEFORE teardown(), which
   * would close the connection without telling the server; its promise is returned.
   */
  private dropConnection(leave: boolean): Promise<void> | undefined {
    const leaving = leave ? this.connection?.leave() : undefined;
    this.teardown(); // closing a connection that already left is a no-op
    return leaving;
  }

  // ── Recovery ─────────────────────────────────────────────────────────────────────

  private hooks(gen: number): ChannelConnectionHooks {
    const current = (): boolean => gen === this.generation;
    return {
      ...this.remotes.connectionHooks(current, () => this.settingsStore.settings.participantVolumes),
      ...this.recovery.connectionHooks(current, (error) => void this.reportError(error)),
      // Shown, not rejoined: the same server would hand out the same relays.
      noPath: (error) => {
        if (!current()) return;
        if (error) void this.reportError(error);
        else if (this.error?.code === ErrorCode.TRANSPORT_FAILED) {
          this.error = null;
          this.update();
        }
      },
      removed: (reason) => this.removedByServer(reason, gen),
    };
  }

  /**
   * The server closed our participant for good (REPLACED: the same identity joined elsewhere;
   * CHANNEL_DELETED): back to Disconnected with the reason as the error, and no rejoin (that would
   * take the channel back from the other device). Other reasons are ignored.
   */
  private removedByServer(reason: unknown, gen: number): void {
    const error = removalError(reason);
    if (!error || gen !== this.generation) return;
    this.generation++;
    this.recovery.cancel();
    this.teardown();
    this.closeMicrophone();
    this.connectionState.set(ConnectionState.Disconnected);
    this.reportError(error);
  }

  // ── Microphone and levels ────────────────────────────────────────────────────────

  private closeMicrophone(): void {
    this.mic.stop();
    this.stopTicks?.();
    this.stopTicks = null;
  }

  private ensureTicks(): void {
    this.stopTicks ??= this.loop.add((elapsed) => this.onTick(elapsed));
  }

  private onTick(elapsedMs: number): void {
    const local = this.mic.audio.sample(elapsedMs);
    const changed = this.remotes.sample(elapsedMs) || local;
    if (changed) this.update();
  }

  // ── Controls ─────────────────────────────────────────────────────────────────────

  async setMuted(muted: boolean): Promise<void> {
    if (!this.gate.setMuted(muted)) {
      await this.setDeafened(false); // unmuting while deafened undeafens too
      return;
    }
    this.update();
    await this.gate.apply();
  }

  async setDeafened(deafened: boolean): Promise<void> {
    if (!this.gate.setDeafened(deafened)) return;
    this.remotes.setDeafened(deafened);
    this.update();
    const connection = this.connection;
    if (!connection) return;
    const ids = deafened
      ? connection.consumerIdsOf()
      : this.remotes.wantedIds().flatMap((id) => connection.consumerIdsOf(id));
    await Promise.all([
      connection.setConsumersPaused(ids, deafened).catch((e) => void this.reportError(e)),
      this.gate.apply(),
    ]);
  }

  async setMode(mode: VoiceMode): Promise<void> {
    this.settingsStore.update({ mode });
    this.update();
    await this.gate.apply();
  }

  setVadSensitivity(sensitivity: VadSensitivity): void {
    this.mic.audio.setSensitivity(sensitivity);
    this.settingsStore.update({ vadSensitivity: sensitivity });
    this.update();
  }

  setPushToTalk(pressed: boolean): void {
    if (!this.gate.setPushToTalk(pressed)) return;
    this.update();
  }

  setPttKey(code: string): void {
    this.settingsStore.update({ pttKey: code });
    this.update();
  }

  async selectMicrophone(deviceId: string): Promise<void> {
    this.settingsStore.update({ microphoneId: deviceId });
    if (this.mic.audio.track || this.connection) {
      try {
        await this.mic.switch(deviceId);
      } catch (error) {
        throw this.reportError(error, ErrorCode.MICROPHONE_ERROR);
      }
    }
    this.update();
  }

  setParticipantVolume(participantId: string, volume: number): void {
    const remote = this.remotes.get(participantId);
    if (!remote) return;
    remote.setVolume(clampVolume(volume));
    const volumes = this.settingsStore.settings.participantVolumes;
    if (remote.displayName) this.settingsStore.update({ participantVolumes: { ...volumes, [remote.displayName]: remote.volume } });
    this.update();
  }

  async setParticipantLocallyMuted(participantId: string, muted: boolean): Promise<void> {
    if (!this.remotes.setLocallyMuted(participantId, muted)) return;
    this.update();
    const connection = this.connection;
    if (this.gate.deafened || !connection) return;
    await connection.setConsumersPaused(connection.consumerIdsOf(participantId), muted).catch((e) => void this.reportError(e));
  }

  /** Leaves, stops the microphone, every timer and listener. The session cannot be used again. */
  close(): void {
    if (this.closed) return;
    void this.leave();
    this.closed = true;
    for (const cleanup of this.wsCleanups.splice(0)) cleanup();
    this.loop.close();
    this.graph.close();
    this.mic.close();
    this.stateListeners.clear();
    this.emitter.removeAllListeners();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
