import { Device } from 'mediasoup-client';
import { AudioGraph } from './AudioGraph';
import { loadDevice } from './deviceLoader';
import { LocalAudio } from './LocalAudio';
import { ChannelConnection, type ChannelConnectionHooks } from './ChannelConnection';
import { ConnectionStateMachine } from './connectionState';
import type { VoxlayClient } from './createVoxlayClient';
import { MicrophoneList } from './devices';
import { ErrorCode, InvalidStateError, toVoxlayError, VoxlayError } from './errors';
import { TypedEmitter } from './events';
import { isTransmitting } from './gate';
import { LevelLoop } from './levels';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect';
import { RemoteParticipants } from './RemoteParticipants';
import { SerialSwitch } from './serialSwitch';
import { clampVolume, SettingsStore, type SettingsStorage } from './settings';
import { Signaling } from './signaling';
import { ConnectionState, type ParticipantState, type VadSensitivity, type VoiceMode, type VoiceSessionControls, type VoiceSessionEvents, type VoiceSessionState } from './types';
import { defaultStorage, ReconnectRunner } from './sessionSupport';

export interface VoiceSessionOptions {
  client: VoxlayClient;
  /** Where settings persist (default: localStorage, else memory). */
  storage?: SettingsStorage;
  reconnectPolicy?: ReconnectPolicy;
  /** mediasoup-client Device factory (tests, or a forced handler). */
  createDevice?: () => Promise<Device>;
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
  private readonly reconnect: ReconnectRunner;
  private readonly createDevice: () => Promise<Device>;
  private readonly graph = new AudioGraph();
  private readonly loop = new LevelLoop();
  private readonly local: LocalAudio;
  private readonly micList: MicrophoneList;
  private device: Promise<Device> | null = null;
  private connection: ChannelConnection | null = null;
  private gateSwitch: SerialSwitch | null = null;
  private readonly remotes: RemoteParticipants;
  private stopTicks: (() => void) | null = null;
  private joinArgs: { channelId: string; displayName: string } | null = null;
  private muted = false;
  private mutedBeforeDeafen = false;
  private deafened = false;
  private pttPressed = false;
  private transmitting = false;
  private localSpeaking = false;
  private error: { code: string; message: string } | null = null;
  private generation = 0;
  private closed = false;
  private snapshot: VoiceSessionState;
  private readonly wsCleanups: (() => void)[] = [];

  constructor(options: VoiceSessionOptions) {
    this.client = options.client;
    this.signaling = new Signaling(options.client.client);
    this.settingsStore = new SettingsStore(options.storage ?? defaultStorage());
    this.local = new LocalAudio(this.graph, this.settingsStore.settings.vadSensitivity, () => void this.onMicEnded());
    this.createDevice = options.createDevice ?? (() => Device.factory());
    this.connectionState = new ConnectionStateMachine((next, previous) => {
      this.emitter.emit('connectionStateChanged', next, previous);
      this.update();
    });
    this.reconnect = new ReconnectRunner(options.reconnectPolicy ?? new DefaultReconnectPolicy(), this.client);
    this.remotes = new RemoteParticipants(this.graph, this.emitter, () => this.update());
    this.micList = new MicrophoneList(() => this.update());
    void this.micList.refresh().catch(() => undefined);
    this.wsCleanups.push(this.client.on('closed', () => this.startReconnect(false)));
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
    const transmitting = this.computeTransmitting();
    if (transmitting !== this.transmitting) {
      this.transmitting = transmitting;
      void this.gateSwitch?.set(transmitting);
    }
    const speaking = this.local.vadOpen && transmitting && this.connection !== null;
    if (speaking !== this.localSpeaking) {
      this.localSpeaking = speaking;
      if (this.connection) this.emitter.emit('speakingChanged', this.connection.participantId, speaking);
    }
    this.snapshot = this.build();
    for (const listener of [...this.stateListeners]) listener(this.snapshot);
    this.emitter.emit('stateChanged', this.snapshot);
  }

  private computeTransmitting(): boolean {
    const { mode } = this.settingsStore.settings;
    const gate = { mode, muted: this.muted, deafened: this.deafened, pttPressed: this.pttPressed, vadOpen: this.local.vadOpen };
    return this.local.track !== null && isTransmitting(gate);
  }

  private build(): VoiceSessionState {
    const s = this.settingsStore.settings;
    const participants: ParticipantState[] = [];
    const connection = this.connection;
    if (connection) {
      participants.push({
        id: connection.participantId,
        displayName: this.joinArgs?.displayName ?? s.displayName,
        isLocal: true,
        // What others see: with PTT / VAD the producer is paused while the gate is closed, so
        // the server (and everyone) reports "muted" then too; that is accepted (no audio is sent).
        muted: !this.transmitting,
        speaking: this.localSpeaking,
        level: this.local.level,
        volume: 1,
        locallyMuted: false,
      });
    }
    participants.push(...this.remotes.snapshots());
    return {
      connectionState: this.connectionState.state,
      channel: connection ? connection.channel : null,
      localParticipantId: connection?.participantId ?? null,
      participants,
      muted: this.muted,
      deafened: this.deafened,
      mode: s.mode,
      vadSensitivity: s.vadSensitivity,
      pttKey: s.pttKey,
      pttPressed: this.pttPressed,
      transmitting: this.transmitting,
      microphones: this.micList.list,
      microphoneId: this.local.track ? this.local.mic.deviceId : s.microphoneId,
      error: this.error,
    };
  }

  private reportError(error: unknown, fallbackCode?: string): VoxlayError {
    const e = toVoxlayError(error, fallbackCode);
    this.error = { code: e.code, message: e.message };
    this.emitter.emit('error', this.error);
    this.update();
    return e;
  }

  // ── Join / leave ─────────────────────────────────────────────────────────────────

  /** Fetches the router capabilities (cached per server URL) and loads the Device. Safe to call early. */
  prepare(): Promise<Device> {
    this.device ??= loadDevice(this.signaling, this.client.url, this.createDevice);
    this.device.catch(() => (this.device = null));
    return this.device;
  }

  async join(options: { channelId: string; displayName: string }): Promise<void> {
    if (this.closed) throw new InvalidStateError('VoiceSession closed');
    if (this.connectionState.state !== ConnectionState.Disconnected) throw new InvalidStateError('already joined or joining');
    void this.graph.resume(); // first, while still inside the user's gesture
    const gen = ++this.generation;
    this.joinArgs = { ...options };
    this.error = null;
    this.settingsStore.update({ displayName: options.displayName });
    this.connectionState.set(ConnectionState.Connecting);
    const micReady = this.openMicrophone();
    try {
      await this.connect(gen, micReady);
    } catch (error) {
      if (gen !== this.generation) return;
      this.teardown();
      this.connectionState.set(ConnectionState.Disconnected);
      throw this.reportError(error);
    }
  }

  /** One join attempt (first join or a rejoin); leaves `Connected` behind on success. */
  private async connect(gen: number, micReady: Promise<MediaStreamTrack | null>): Promise<void> {
    const args = this.joinArgs;
    if (!args) throw new InvalidStateError('no channel to join');
    const device = await this.prepare();
    if (gen !== this.generation) return;
    const connection = await ChannelConnection.open({ signaling: this.signaling, device, ...args, hooks: this.hooks(gen) });
    if (gen !== this.generation) {
      void connection.leave();
      return;
    }
    this.adopt(connection);
    const track = await micReady;
    if (gen !== this.generation) return;
    if (track) await this.startProducing(connection, track);
    if (gen !== this.generation) return;
    if (track) this.error = null; // a microphone error stays visible in listen-only mode
    this.connectionState.set(ConnectionState.Connected);
  }

  async leave(): Promise<void> {
    this.generation++;
    this.reconnect.cancel();
    // ChannelConnection.leave() closes local media at once and then sends LeaveChannel; it must run
    // before teardown(), which would close the connection without telling the server.
    const leaving = this.connection?.leave();
    this.connection = null;
    this.teardown();
    this.closeMicrophone();
    this.connectionState.set(ConnectionState.Disconnected);
    this.update();
    await leaving;
  }

  private adopt(connection: ChannelConnection): void {
    this.connection = connection;
    const volumes = this.settingsStore.settings.participantVolumes;
    for (const p of connection.initialParticipants) this.remotes.add(p, volumes, false);
    this.ensureTicks();
    this.update();
  }

  private async startProducing(connection: ChannelConnection, track: MediaStreamTrack): Promise<void> {
    const on = this.computeTransmitting();
    await connection.produce(track, !on);
    if (connection.isClosed) return;
    this.gateSwitch?.close();
    this.gateSwitch = new SerialSwitch(on, (value) => connection.setTransmitting(value), (e) => void this.reportError(e));
    this.transmitting = on;
    void this.gateSwitch.set(this.computeTransmitting());
    this.update();
  }

  /** Drops the connection and every remote participant (no server call). */
  private teardown(): void {
    this.gateSwitch?.close();
    this.gateSwitch = null;
    this.connection?.close();
    this.connection = null;
    this.remotes.clear();
  }

  // ── Recovery ─────────────────────────────────────────────────────────────────────

  /** WS dropped (leaveFirst false), or ChannelInterrupted / ICE restart failed (leave, then rejoin). */
  private startReconnect(leaveFirst: boolean): void {
    if (this.connectionState.state !== ConnectionState.Connected) return;
    const gen = ++this.generation;
    // After a WS drop the old participant belongs to the dead connection (the server drops it after
    // its grace period); a LeaveChannel later could hit our own rejoin. Leave only when the
    // connection is still the one that joined, and start it before teardown() closes it locally.
    const leaving = leaveFirst ? this.connection?.leave() : undefined;
    this.connection = null;
    this.teardown();
    this.connectionState.set(ConnectionState.Reconnecting);
    void this.reconnect
      .run({
        isCurrent: () => gen === this.generation,
        before: async () => {
          await leaving;
        },
        attempt: async () => {
          this.teardown();
          await this.connect(gen, this.openMicrophone());
          if (this.connectionState.state !== ConnectionState.Connected) throw new VoxlayError(ErrorCode.RECONNECT_FAILED, 'rejoin did not complete');
        },
      })
      .then((ok) => {
        if (ok || gen !== this.generation) return;
        this.teardown();
        this.closeMicrophone();
        this.connectionState.set(ConnectionState.Disconnected);
        this.reportError(new VoxlayError(ErrorCode.RECONNECT_FAILED, 'Could not reconnect to the channel'));
      });
  }

  private hooks(gen: number): ChannelConnectionHooks {
    const current = (): boolean => gen === this.generation;
    const volumes = (): Record<string, number> => this.settingsStore.settings.participantVolumes;
    return {
      participantJoined: (p) => current() && void this.remotes.add(p, volumes(), true),
      participantLeft: (id) => current() && this.remotes.remove(id),
      muteChanged: (id, muted) => current() && this.remotes.setMuted(id, muted),
      trackAdded: (participantId, consumerId, track) => current() && this.remotes.attach(participantId, consumerId, track),
      consumerClosed: (participantId, consumerId) => current() && this.remotes.detach(participantId, consumerId),
      interrupted: (message) => {
        if (!current()) return;
        this.reportError(new VoxlayError(ErrorCode.CHANNEL_INTERRUPTED, message));
        this.startReconnect(true);
      },
      failed: (error) => {
        if (!current()) return;
        console.warn('[voxlay] connection failed, rejoining', error);
        this.startReconnect(true);
      },
      wantsAudio: (participantId) => this.remotes.wantsAudio(participantId),
    };
  }

  // ── Microphone and levels ────────────────────────────────────────────────────────

  /** Opens the mic once (it survives rejoins). Null, with `error` set, when it cannot be opened: listen only. */
  private async openMicrophone(): Promise<MediaStreamTrack | null> {
    try {
      const track = await this.local.open(this.settingsStore.settings.microphoneId);
      this.ensureTicks();
      void this.micList.refresh().catch(() => undefined); // labels appear once allowed
      return track;
    } catch (error) {
      this.reportError(error, ErrorCode.MICROPHONE_ERROR);
      return null;
    }
  }

  private closeMicrophone(): void {
    this.local.close();
    this.stopTicks?.();
    this.stopTicks = null;
  }

  private async onMicEnded(): Promise<void> {
    // The device went away: fall back to the system default without rejoining.
    await this.switchMicrophone('').catch((e) => this.reportError(e, ErrorCode.MICROPHONE_ERROR));
  }

  private async switchMicrophone(deviceId: string): Promise<void> {
    const connection = this.connection;
    const track = await this.local.switch(deviceId, async (t) => {
      if (connection?.hasProducer) await connection.replaceTrack(t);
    });
    this.ensureTicks();
    if (connection && !connection.hasProducer && !connection.isClosed) await this.startProducing(connection, track);
    this.update();
  }

  private ensureTicks(): void {
    this.stopTicks ??= this.loop.add((elapsed) => this.onTick(elapsed));
  }

  private onTick(elapsedMs: number): void {
    const local = this.local.sample(elapsedMs);
    const changed = this.remotes.sample(elapsedMs) || local;
    if (changed) this.update();
  }

  // ── Controls ─────────────────────────────────────────────────────────────────────

  async setMuted(muted: boolean): Promise<void> {
    if (!muted && this.deafened) {
      this.mutedBeforeDeafen = false; // unmuting while deafened undeafens too
      await this.setDeafened(false);
      return;
    }
    this.muted = muted;
    this.update();
    await this.gateSwitch?.set(this.computeTransmitting());
  }

  async setDeafened(deafened: boolean): Promise<void> {
    if (deafened === this.deafened) return;
    if (deafened) {
      this.mutedBeforeDeafen = this.muted;
      this.muted = true;
    } else {
      this.muted = this.mutedBeforeDeafen;
    }
    this.deafened = deafened;
    this.remotes.setDeafened(deafened);
    this.update();
    const connection = this.connection;
    if (!connection) return;
    const ids = deafened
      ? connection.consumerIdsOf()
      : this.remotes.wantedIds().flatMap((id) => connection.consumerIdsOf(id));
    await Promise.all([
      connection.setConsumersPaused(ids, deafened).catch((e) => void this.reportError(e)),
      this.gateSwitch?.set(this.computeTransmitting()),
    ]);
  }

  async setMode(mode: VoiceMode): Promise<void> {
    this.settingsStore.update({ mode });
    this.update();
    await this.gateSwitch?.set(this.computeTransmitting());
  }

  setVadSensitivity(sensitivity: VadSensitivity): void {
    this.local.setSensitivity(sensitivity);
    this.settingsStore.update({ vadSensitivity: sensitivity });
    this.update();
  }

  setPushToTalk(pressed: boolean): void {
    if (pressed === this.pttPressed) return;
    this.pttPressed = pressed;
    this.update();
  }

  setPttKey(code: string): void {
    this.settingsStore.update({ pttKey: code });
    this.update();
  }

  async selectMicrophone(deviceId: string): Promise<void> {
    this.settingsStore.update({ microphoneId: deviceId });
    if (this.local.track || this.connection) {
      try {
        await this.switchMicrophone(deviceId);
      } catch (error) {
        throw this.reportError(error, ErrorCode.MICROPHONE_ERROR);
      }
    }
    this.update();
  }

  setParticipantVolume(participantId: string, volume: number): void {
    const remote = this.remotes.get(participantId);
    if (!remote) return;
    const v = clampVolume(volume);
    remote.setVolume(v);
    if (remote.displayName) {
      const volumes = { ...this.settingsStore.settings.participantVolumes, [remote.displayName]: v };
      this.settingsStore.update({ participantVolumes: volumes });
    }
    this.update();
  }

  async setParticipantLocallyMuted(participantId: string, muted: boolean): Promise<void> {
    if (!this.remotes.setLocallyMuted(participantId, muted)) return;
    this.update();
    const connection = this.connection;
    if (this.deafened || !connection) return;
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
    this.micList.close();
    this.stateListeners.clear();
    this.emitter.removeAllListeners();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
