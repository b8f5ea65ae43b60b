import type { VoxlayClient } from '../createVoxlayClient';
import { ErrorCode, InvalidStateError, removalError, toVoxlayError, VoxlayError } from '../errors';
import { TypedEmitter } from '../events';
import { Logger } from '../logger';
import { AudioGraph } from '../media/AudioGraph';
import { LevelLoop } from '../media/levels';
import { LinkMonitor } from '../media/LinkStats';
import type { NoiseSuppressionAssets } from '../media/noise/NoiseSuppressor';
import { NoiseSuppressionChoices } from '../media/noise/noiseSuppressionChoices';
import { StreamWatch } from '../media/StreamWatch';
import { ParticipantStateSync } from '../participants/ParticipantStateSync';
import { LocalParticipant } from '../participants/LocalParticipant';
import { RemoteParticipants } from '../participants/RemoteParticipants';
import { SettingsStore, type SettingsStorage } from '../settings';
import { Signaling } from '../signaling/Signaling';
import { defaultStorage } from '../storage';
import {
  ConnectionState,
  MicrophoneStatus,
  type ChannelControls,
  type ChannelEvents,
  type ChannelState,
  type LocalStreamState,
  type MicrophoneState,
  type VadSensitivity,
  type VoiceMode,
} from '../types';
import type { ChannelConnection } from './ChannelConnection';
import { ChannelJoiner, type ChannelJoinerOptions, type JoinerSeams } from './ChannelJoiner';
import { buildChannelState } from './channelSnapshot';
import { ConnectionStateMachine } from './connectionState';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect';
import { Reconnector } from './Reconnector';
import { ChannelTrouble, type ChannelTroubleOptions } from './ChannelTrouble';

const logger = new Logger('Channel');

export interface ChannelOptions extends ChannelJoinerOptions, ChannelTroubleOptions {
  client: VoxlayClient;
  /**
   * The settings store to read and persist through, shared with the rest of the app so nothing
   * else writes the same storage key behind the Channel's back. Takes precedence over `storage`.
   * Change mode, keys, devices and volumes through the Channel's controls: a direct store update
   * is not applied to the running call (it shows in `state` on the next change).
   */
  settings?: SettingsStore;
  /** Where settings persist when no `settings` store is given (default: localStorage, else memory). */
  storage?: SettingsStorage;
  reconnectPolicy?: ReconnectPolicy;
  /**
   * Where RNNoise's worklet and wasm are (the app's bundler gives their URLs): "Noise suppression"
   * can run only with them; without, the browser's own noise suppression does the job.
   */
  noiseSuppressionAssets?: NoiseSuppressionAssets;
  /** The per-microphone choices (default: in `storage`, else localStorage). */
  noiseSuppressionChoices?: NoiseSuppressionChoices;
}

/**
 * Being in one voice Channel (LiveKit's Room): one LocalParticipant (microphone, gate, producer),
 * the RemoteParticipants (consumers, levels, volumes), the ChannelConnection of the current join,
 * one ConnectionState, and the ChannelTrouble that says what is wrong (told the ConnectionState,
 * it follows the connection's media path and asks for the give-up); an immutable state snapshot
 * plus typed events. Rejoins after drops (Connected → Reconnecting → Connected). Every join attempt (first join or rejoin) has its own
 * AbortController: leave(), a removal or the next attempt aborts it, and whatever it still had in
 * flight stops at its next step (a connection it opened meanwhile leaves again).
 */
export class Channel implements ChannelControls {
  private readonly client: VoxlayClient;
  private readonly emitter = new TypedEmitter<ChannelEvents>();
  private readonly stateListeners = new Set<(state: ChannelState) => void>();
  private readonly connectionState: ConnectionStateMachine;
  private readonly settingsStore: SettingsStore;
  private readonly joiner: ChannelJoiner;
  private readonly reconnector: Reconnector;
  private readonly graph = new AudioGraph();
  private readonly loop = new LevelLoop();
  private readonly local: LocalParticipant;
  private readonly remotes: RemoteParticipants;
  private connection: ChannelConnection | null = null;
  /** The current join attempt; a resume after a WebSocket drop keeps it (the same connection carries on). */
  private attempt: AbortController | null = null;
  /** While the participant is resumed on a new WebSocket: `broken` when something failed meanwhile (rejoin once it ends). */
  private resuming: { signal: AbortSignal; broken: boolean } | null = null;
  private stopTicks: (() => void) | null = null;
  private joinArgs: { channelId: string; displayName: string } | null = null;
  /** The name of the channel last joined: a rejoin finds it by name when its id is gone (server restart). */
  private joinedChannelName: string | null = null;
  private error: { code: string; message: string } | null = null;
  private closed = false;
  private snapshot: ChannelState;
  /** Packets leaving and the local link quality, from getStats of the current connection. */
  private readonly link = new LinkMonitor(() => this.update());
  /** Tells the channel our own state (deafened, listen-only, voice mode, self-muted). */
  private readonly stateSync = new ParticipantStateSync((error) => logger.warn('could not tell the channel our state', error));
  /** What is wrong (ChannelState.trouble), the give-up timer, the media watch and the stale list. */
  private readonly trouble: ChannelTrouble;
  private microphone: MicrophoneState = { status: MicrophoneStatus.Off, error: null };
  private readonly cleanups: (() => void)[] = [];
  /** The streams watched on the current connection, by producer id. */
  private readonly watches = new Map<string, StreamWatch>();
  /** watchStream calls in flight by producer id: a second click waits for the first. */
  private readonly opening = new Map<string, Promise<StreamWatch>>();
  /** Producer ids watched when the connection dropped: watched again after the rejoin if still there. */
  private rewatchIds: string[] = [];
  /** Who watches our own streams, by producer id (StreamViewersChanged of this join). */
  private readonly ownViewers = new Map<string, string[]>();

  /** `seams` replace the network side of a join in unit tests (ChannelJoiner). */
  constructor(options: ChannelOptions, seams: JoinerSeams = {}) {
    this.client = options.client;
    this.settingsStore = options.settings ?? new SettingsStore(options.storage ?? defaultStorage());
    this.joiner = new ChannelJoiner(options.client, new Signaling(options.client.client), options, seams);
    this.reconnector = new Reconnector(options.reconnectPolicy ?? new DefaultReconnectPolicy(), this.client);
    this.trouble = new ChannelTrouble(this.client, options);
    this.trouble.on('changed', () => this.update());
    this.trouble.on('timedOut', (error) => this.giveUp(error));
    this.connectionState = new ConnectionStateMachine((next, previous) => {
      this.trouble.connectionStateChanged(next);
      this.emitter.emit('connectionStateChanged', next, previous);
      this.update();
    });

    this.local = new LocalParticipant(this.graph, this.settingsStore, {
      choices: options.noiseSuppressionChoices ?? new NoiseSuppressionChoices(options.storage ?? defaultStorage()),
      assets: options.noiseSuppressionAssets,
    });
    this.local.on('changed', () => this.update());
    this.local.on('trackOpened', () => this.ensureTicks());
    this.local.on('error', (error, fallbackCode) => void this.reportError(error, fallbackCode));
    this.local.on('microphoneFailed', (error) => {
      this.microphone = { status: MicrophoneStatus.Unavailable, error: { code: error.code, message: error.message } };
      this.emitter.emit('error', this.microphone.error!);
      this.update();
    });

    void this.graph.setOutputDevice(this.settingsStore.settings.outputDeviceId); // no element plays yet: cannot fail
    this.remotes = new RemoteParticipants(this.graph, this.settingsStore);
    this.remotes.on('changed', () => this.update());
    this.remotes.on('activeSpeakersChanged', (ids) => this.emitter.emit('activeSpeakersChanged', ids));

    // Resume the same participant on the new socket (rejoin when the server no longer has it).
    this.cleanups.push(this.client.on('closed', () => this.socketClosed()));
    this.snapshot = this.build();
  }

  // ── Observable state ─────────────────────────────────────────────────────────────

  get state(): ChannelState {
    return this.snapshot;
  }

  get settings(): SettingsStore {
    return this.settingsStore;
  }

  subscribe(listener: (state: ChannelState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  on<K extends keyof ChannelEvents>(event: K, listener: ChannelEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  off<K extends keyof ChannelEvents>(event: K, listener: ChannelEvents[K]): void {
    this.emitter.off(event, listener);
  }

  private update(): void {
    if (this.closed) return;
    const wasOpen = this.local.gate.transmitting;
    if (this.local.refresh() && !wasOpen) this.link.sampleSoon();
    const gate = this.local.gate;
    this.stateSync.set({
      selfMuted: gate.muted,
      deafened: gate.deafened,
      listenOnly: this.microphone.status === MicrophoneStatus.Unavailable,
      voiceMode: this.settingsStore.settings.mode,
    });
    this.snapshot = this.build();
    for (const listener of [...this.stateListeners]) listener(this.snapshot);
  }

  private build(): ChannelState {
    const gate = this.local.gate;
    const state = buildChannelState({
      settings: this.settingsStore.settings,
      connectionState: this.connectionState.state,
      connection: this.connection,
      joinDisplayName: this.joinArgs?.displayName,
      muted: gate.muted,
      deafened: gate.deafened,
      pttPressed: gate.pttPressed,
      transmitting: gate.transmitting,
      localSpeaking: this.local.speaking,
      localLevel: this.local.level,
      openMicrophoneId: this.local.openMicrophoneId,
      remotes: this.remotes.snapshots(),
      activeSpeakerIds: this.remotes.activeSpeakerIds,
      microphones: this.local.microphones,
      error: this.error,
      // Packets leave (bytesSent grows) and reach a connected server: a socket that dropped, or
      // transports that are not connected, may still push packets into the void.
      sending:
        this.link.sending && this.connectionState.state === ConnectionState.Connected && !this.trouble.mediaDown && this.client.connected,
      quality: this.link.quality,
      microphone: this.microphone,
      camera: this.withViewers(this.local.cameraState),
      screenShare: this.withViewers(this.local.screenShareState),
      cameras: this.local.cameras,
      watching: [...this.watches.keys()],
    });
    const noiseSuppression = this.local.noiseSuppression;
    return { ...state, ...this.trouble.view(state, this.connection !== null), trouble: this.trouble.current, noiseSuppression };
  }

  private withViewers(state: LocalStreamState): LocalStreamState {
    return { ...state, viewerIds: (state.producerId && this.ownViewers.get(state.producerId)) || [] };
  }

  /**
   * No more attempts: everything is dropped (the microphone too), Disconnected, with TroubleKind.GaveUp
   * and the stale list still shown until rejoin() or leave().
   */
  private giveUp(error: VoxlayError): void {
    if (this.closed || this.connectionState.state === ConnectionState.Disconnected) return;
    this.abortAttempt();
    this.resuming = null;
    this.teardown();
    this.closeMicrophone();
    this.trouble.gaveUp(error);
    this.connectionState.set(ConnectionState.Disconnected);
    this.reportError(error);
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
    return this.joiner.prepare();
  }

  async join(options: { channelId: string; displayName: string }): Promise<void> {
    if (this.closed) throw new InvalidStateError('Channel closed');
    if (this.connectionState.state !== ConnectionState.Disconnected) throw new InvalidStateError('already joined or joining');
    void this.graph.resume(); // first, while still inside the user's gesture
    const signal = this.newAttempt();
    this.joinArgs = { ...options };
    this.joinedChannelName = null;
    this.error = null;
    this.settingsStore.update({ displayName: options.displayName });
    this.connectionState.set(ConnectionState.Connecting);
    try {
      await this.connect(signal);
    } catch (error) {
      if (signal.aborted) return;
      this.teardown();
      this.connectionState.set(ConnectionState.Disconnected);
      throw this.reportError(error);
    }
  }

  /** Aborts the current attempt (if any) and starts the next one. */
  private newAttempt(): AbortSignal {
    this.attempt?.abort();
    this.attempt = new AbortController();
    return this.attempt.signal;
  }

  private abortAttempt(): void {
    this.attempt?.abort();
    this.attempt = null;
  }

  /**
   * One join attempt (first join or a rejoin); leaves `Connected` behind on success. The microphone
   * opens once the channel is heard: hearing never waits for it.
   */
  private async connect(signal: AbortSignal): Promise<void> {
    const args = this.joinArgs;
    if (!args) throw new InvalidStateError('no channel to join');
    const { connection, channelId } = await this.joiner.join(
      { ...args, channelName: this.joinedChannelName, audio: this.remotes, listen: (c) => this.listen(c, signal) },
      signal,
    );
    if (signal.aborted) {
      void connection.leave();
      return;
    }
    if (channelId !== args.channelId) this.joinArgs = { ...args, channelId };
    this.adopt(connection);
    // Hear first: the microphone (getUserMedia, its audio graph) and its transport (ConnectTransport,
    // Produce) wait until the channel is heard, so none of it competes with the first packet.
    await connection.heard;
    if (signal.aborted) return;
    const track = await this.local.open();
    if (signal.aborted) return;
    if (track) await this.local.publish(track);
    if (signal.aborted) return;
    if (track) {
      this.error = null;
      this.microphone = { status: MicrophoneStatus.Ready, error: null };
    }
    this.connectionState.set(ConnectionState.Connected);
    this.joiner.learnNodesSoon(signal); // where to go if this node dies
    // A rejoin sends the camera and the screen again, and watches again what was watched.
    void this.local.publishVideo().then(() => this.update());
    this.rewatch(signal);
  }

  /** Wires a new connection of the attempt `signal` (before it can emit anything). */
  private listen(connection: ChannelConnection, signal: AbortSignal): void {
    // An attempt aborted while its connection was still being opened: that participant leaves again.
    signal.addEventListener('abort', () => void connection.leave(), { once: true });
    this.remotes.follow(connection);
    connection.on('interrupted', (message) => {
      this.reportError(new VoxlayError(ErrorCode.CHANNEL_INTERRUPTED, message));
      this.recover(true);
    });
    connection.on('failed', (error) => {
      logger.warn('connection failed, rejoining', error);
      this.recover(true);
    });
    // Shown, not rejoined: the same server would hand out the same relays.
    connection.on('noPath', (error) => {
      if (error) void this.reportError(error);
      else if (this.error?.code === ErrorCode.TRANSPORT_FAILED) {
        this.error = null;
        this.update();
      }
    });
    connection.on('removed', (reason) => this.removedByServer(reason, signal));
    const ended = (producerId: string): void => {
      for (const watch of [...this.watches.values()]) watch.ended(producerId);
    };
    connection.on('watchEnded', ended);
    connection.on('watchLayersChanged', (producerId, layers) => this.watches.get(producerId)?.layersChanged(producerId, layers));
    connection.on('streamViewersChanged', (participantId, producerId, viewerIds) => {
      if (participantId !== connection.participantId) return;
      this.ownViewers.set(producerId, viewerIds);
      this.update();
    });
    connection.on('streamStopped', (_participantId, producerId) => ended(producerId));
    connection.on('recordingChanged', (recording) => {
      this.emitter.emit('recordingChanged', recording);
      this.update();
    });
  }

  async leave(): Promise<void> {
    this.trouble.reset();
    const leaving = this.dropConnection(true);
    this.abortAttempt();
    this.resuming = null;
    this.closeMicrophone();
    this.connectionState.set(ConnectionState.Disconnected);
    this.update();
    await leaving;
  }

  private adopt(connection: ChannelConnection): void {
    this.connection = connection;
    this.joinedChannelName = connection.channel.name;
    this.local.joined(connection);
    this.link.follow(connection);
    this.stateSync.follow(connection);
    this.trouble.follow(connection);
    for (const p of connection.initialParticipants) this.remotes.add(p, false);
    this.remotes.setActive(connection.initialActiveSpeakerIds);
    this.ensureTicks();
    this.update();
  }

  /** Drops the connection and every remote participant (no server call). */
  private teardown(): void {
    for (const watch of [...this.watches.values()]) watch.left();
    this.watches.clear();
    this.ownViewers.clear();
    this.local.left();
    this.link.follow(null);
    this.stateSync.follow(null);
    this.trouble.follow(null);
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

  /**
   * The server closed our participant for good (REPLACED: the same identity joined elsewhere;
   * CHANNEL_DELETED): back to Disconnected with the reason as the error, and no rejoin (that would
   * take the channel back from the other device). Other reasons are ignored.
   */
  private removedByServer(reason: unknown, signal: AbortSignal): void {
    const error = removalError(reason);
    if (!error || signal.aborted) return;
    this.teardown();
    this.abortAttempt();
    this.resuming = null;
    this.closeMicrophone();
    this.connectionState.set(ConnectionState.Disconnected);
    this.reportError(error);
  }

  // ── Recovery: Connected → Reconnecting → Connected ───────────────────────────────

  /**
   * The WebSocket closed. With a resumable connection: Reconnecting, then the participant is
   * resumed as soon as the socket is back (Connected again, same participant: media never
   * stopped, the others see nothing); on failure, a rejoin as after any drop.
   */
  private socketClosed(): void {
    if (this.connectionState.state !== ConnectionState.Connected) return;
    const connection = this.connection;
    const signal = this.attempt?.signal;
    if (!connection || !signal || !connection.suspend()) {
      this.startRejoin(false);
      return;
    }
    const resuming = { signal, broken: false };
    this.resuming = resuming;
    this.connectionState.set(ConnectionState.Reconnecting);
    void this.reconnector
      .once(signal, () => this.resumeParticipant(connection, signal))
      .then((resumed) => {
        if (this.resuming === resuming) this.resuming = null;
        if (signal.aborted) return;
        if (resumed && !resuming.broken) {
          this.connectionState.set(ConnectionState.Connected);
          return;
        }
        this.startRejoin(resuming.broken && resumed);
      });
  }

  private async resumeParticipant(connection: ChannelConnection, signal: AbortSignal): Promise<void> {
    try {
      await connection.resumeParticipant();
    } catch (error) {
      // Removed while the socket was down (another device took over, the channel was deleted).
      if (error instanceof VoxlayError) this.removedByServer(error.extensions.reason, signal);
      throw error;
    }
  }

  /**
   * ChannelInterrupted (the worker died) or a failed ICE restart / event stream: leave, then rejoin.
   * Only from Connected: a run already going, or a join in progress, is left alone; while the
   * participant is being resumed, the rejoin waits until the resume ends.
   */
  private recover(leaveFirst: boolean): void {
    if (this.resuming && !this.resuming.signal.aborted) {
      this.resuming.broken = true;
      return;
    }
    if (this.connectionState.state !== ConnectionState.Connected) return;
    this.startRejoin(leaveFirst);
  }

  /** Drops the connection (leaving first when it is still ours) and rejoins with attempts paced by the ReconnectPolicy. */
  private startRejoin(leaveFirst: boolean): void {
    if (this.watches.size > 0) this.rewatchIds = [...this.watches.keys()];
    // After a WebSocket drop the old participant belongs to the dead socket (the server drops it
    // after its grace period); a LeaveChannel later could hit our own rejoin. Leave only when the
    // connection is still the one that joined, and start it before the teardown closes it locally.
    const leaving = this.dropConnection(leaveFirst);
    const signal = this.newAttempt();
    this.connectionState.set(ConnectionState.Reconnecting);
    void this.reconnector
      .run(signal, {
        before: async () => {
          await leaving;
        },
        progress: (attempt, nextRetryAt) => this.trouble.retrying(attempt, nextRetryAt),
        attempt: async () => {
          this.teardown(); // a failed attempt's leftovers; the microphone is kept
          await this.connect(signal);
          if (this.connectionState.state !== ConnectionState.Connected)
            throw new VoxlayError(ErrorCode.RECONNECT_FAILED, 'rejoin did not complete');
        },
      })
      .then((ok) => {
        if (ok || signal.aborted) return;
        this.giveUp(new VoxlayError(ErrorCode.RECONNECT_FAILED, 'Could not reconnect to the channel'));
      });
  }

  // ── Microphone and levels ────────────────────────────────────────────────────────

  private closeMicrophone(): void {
    this.local.stop();
    this.rewatchIds = [];
    void this.local.stopVideo(); // leaving (or giving up) turns the camera and the screen off
    this.microphone = { status: MicrophoneStatus.Off, error: null };
    this.stopTicks?.();
    this.stopTicks = null;
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
    // Unmuting in listen-only mode is asking for the microphone: try it again (it may be allowed now).
    if (!muted && this.microphone.status === MicrophoneStatus.Unavailable) void this.retryMicrophone();
    const gate = this.local.gate;
    if (!gate.setMuted(muted)) {
      await this.setDeafened(false); // unmuting while deafened undeafens too
      return;
    }
    this.update();
    await gate.apply();
  }

  async setDeafened(deafened: boolean): Promise<void> {
    const gate = this.local.gate;
    if (!gate.setDeafened(deafened)) return;
    this.remotes.setDeafened(deafened);
    for (const watch of this.watches.values()) watch.setSoundMuted(deafened);
    this.update();
    const connection = this.connection;
    if (!connection) return;
    const ids = deafened ? connection.consumerIdsOf() : this.remotes.wantedIds().flatMap((id) => connection.consumerIdsOf(id));
    await Promise.all([connection.setConsumersPaused(ids, deafened).catch((e) => void this.reportError(e)), gate.apply()]);
  }

  async setMode(mode: VoiceMode): Promise<void> {
    this.settingsStore.update({ mode });
    this.update();
    await this.local.gate.apply();
  }

  setVadSensitivity(sensitivity: VadSensitivity): void {
    this.local.setVadSensitivity(sensitivity);
    this.settingsStore.update({ vadSensitivity: sensitivity });
    this.update();
  }

  setPushToTalk(pressed: boolean): void {
    if (!this.local.gate.setPushToTalk(pressed)) return;
    this.update();
  }

  setPttKey(code: string): void {
    this.settingsStore.update({ pttKey: code });
    this.update();
  }

  async selectMicrophone(deviceId: string): Promise<void> {
    this.settingsStore.update({ microphoneId: deviceId });
    if (this.local.active) {
      try {
        await this.local.switchMicrophone(deviceId);
      } catch (error) {
        throw this.reportError(error, ErrorCode.MICROPHONE_ERROR);
      }
    }
    this.update();
  }

  /** "Noise suppression" on or off for the microphone in use (remembered per microphone), applied live (replaceTrack). */
  async setNoiseSuppression(enabled: boolean): Promise<void> {
    try {
      await this.local.setNoiseSuppression(enabled);
    } catch (error) {
      throw this.reportError(error, ErrorCode.MICROPHONE_ERROR);
    }
    this.update();
  }

  /**
   * The speaker remote audio plays on ('' = system default; HTMLMediaElement.setSinkId), saved in
   * the settings. Where the browser cannot choose a speaker the system default plays. Rejects
   * (the caller shows it) when the speaker cannot be used.
   */
  async selectOutputDevice(deviceId: string): Promise<void> {
    this.settingsStore.update({ outputDeviceId: deviceId });
    await this.graph.setOutputDevice(deviceId);
  }

  /** The microphone's input gain, 0..2 (1 = unchanged), saved in the settings. */
  async setInputGain(gain: number): Promise<void> {
    const { inputGain } = this.settingsStore.update({ inputGain: gain });
    try {
      await this.local.setInputGain(inputGain);
    } catch (error) {
      throw this.reportError(error, ErrorCode.MICROPHONE_ERROR);
    }
    this.update();
  }

  setParticipantVolume(participantId: string, volume: number): void {
    if (this.remotes.setVolume(participantId, volume)) this.update();
  }

  async setParticipantLocallyMuted(participantId: string, muted: boolean): Promise<void> {
    if (!this.remotes.setLocallyMuted(participantId, muted)) return;
    this.update();
    const connection = this.connection;
    if (this.local.gate.deafened || !connection) return;
    await connection.setConsumersPaused(connection.consumerIdsOf(participantId), muted).catch((e) => void this.reportError(e));
  }

  // ── Camera, screen and streams watched on demand ─────────────────────────────────

  /**
   * Camera on (`deviceId`, '' = default; switches the device when already on) or off; sent at once
   * when in a channel, else with the next join. Failures (denied, no camera, a server limit) are in
   * `state.error` with their code and reject.
   */
  async setCameraEnabled(enabled: boolean, deviceId = ''): Promise<void> {
    if (this.closed) throw new InvalidStateError('Channel closed');
    try {
      await this.local.setCameraEnabled(enabled, deviceId);
    } catch (error) {
      throw this.reportError(error, ErrorCode.CAMERA_ERROR);
    } finally {
      this.update();
    }
  }

  /**
   * Screen share on (the browser's picker, or `captured`: a stream the caller captured, like the
   * extension's tab) or off; LIVE for everyone while on. Failures as setCameraEnabled's.
   */
  async setScreenShareEnabled(enabled: boolean, captured?: MediaStream): Promise<void> {
    if (this.closed) throw new InvalidStateError('Channel closed');
    try {
      await this.local.setScreenShareEnabled(enabled, captured);
    } catch (error) {
      throw this.reportError(error, ErrorCode.SCREEN_ERROR);
    } finally {
      this.update();
    }
  }

  /** The local camera track (a self view), or null. */
  get cameraTrack(): MediaStreamTrack | null {
    return this.local.cameraTrack;
  }

  /** The local screen share's video track (a self view), or null. */
  get screenTrack(): MediaStreamTrack | null {
    return this.local.screenTrack;
  }

  /**
   * Watches a remote participant's camera or screen (with the screen's sound): the StreamWatch to
   * attach to a <video>. The same one when already watched. Rejects (and reports) the server's refusal.
   */
  watchStream(producerId: string): Promise<StreamWatch> {
    if (this.closed) return Promise.reject(new InvalidStateError('Channel closed'));
    const existing = this.watches.get(producerId);
    if (existing) return Promise.resolve(existing);
    let opening = this.opening.get(producerId);
    if (!opening) {
      opening = this.openWatch(producerId).finally(() => this.opening.delete(producerId));
      this.opening.set(producerId, opening);
    }
    return opening;
  }

  private async openWatch(producerId: string): Promise<StreamWatch> {
    const connection = this.connection;
    if (!connection) throw new InvalidStateError('not in a channel');
    const owner = [...this.remotes.values()].find((r) => r.stream(producerId));
    const stream = owner?.stream(producerId);
    if (!owner || !stream) throw this.reportError(new VoxlayError(ErrorCode.NOT_FOUND, 'That stream has stopped'));
    const audio = stream.source === 'screen' ? owner.streamOf('screen-audio') : undefined;
    let watch: StreamWatch;
    try {
      watch = await StreamWatch.open(connection, { ...stream, audioProducerId: audio?.producerId });
    } catch (error) {
      throw this.reportError(error);
    }
    if (connection !== this.connection) {
      watch.left();
      throw new InvalidStateError('the connection changed');
    }
    watch.setSoundMuted(this.local.gate.deafened);
    this.watches.set(producerId, watch);
    watch.on('closed', () => {
      if (this.watches.get(producerId) === watch) this.watches.delete(producerId);
      this.update();
    });
    this.update();
    return watch;
  }

  /**
   * Caps what this client receives in bits per second (a data saver, a weak link; null: no cap of
   * its own): the SFU lowers the watched streams' layers to fit. Resolves with the cap in force (0: none).
   */
  async setReceiveBitrate(bitsPerSecond: number | null): Promise<number> {
    const connection = this.connection;
    if (this.closed || !connection) throw new InvalidStateError('not in a channel');
    try {
      return await connection.setReceiveBitrate(bitsPerSecond);
    } catch (error) {
      throw this.reportError(error);
    }
  }

  /** The stream being watched with this producer id, if any. */
  streamWatch(producerId: string): StreamWatch | undefined {
    return this.watches.get(producerId);
  }

  /** Stops watching a stream (its consumer closes here and on the server). */
  stopWatching(producerId: string): void {
    this.watches.get(producerId)?.close();
  }

  /** After a rejoin: watches again the streams watched before the drop that are still there. */
  private rewatch(signal: AbortSignal): void {
    const ids = this.rewatchIds;
    this.rewatchIds = [];
    for (const id of ids) {
      if (signal.aborted) return;
      if (![...this.remotes.values()].some((r) => r.stream(id))) continue;
      void this.watchStream(id).catch((error: unknown) => logger.warn('could not watch a stream again after the rejoin', error));
    }
  }

  /** Joins the same channel again (after giving up, or when audio found no path). */
  async rejoin(): Promise<void> {
    if (this.closed) throw new InvalidStateError('Channel closed');
    const args = this.joinArgs;
    if (!args) throw new InvalidStateError('no channel to rejoin');
    if (this.connectionState.state !== ConnectionState.Disconnected) await this.leave();
    await this.join(args);
  }

  /**
   * Listen-only because the microphone could not be opened: opens it again and sends it on the same
   * connection, without rejoining (everybody sees listen-only end). Still unavailable: the new
   * reason is in `state.microphone`.
   */
  async retryMicrophone(): Promise<void> {
    if (this.closed) throw new InvalidStateError('Channel closed');
    const connection = this.connection;
    if (!connection || this.local.hasTrack) return;
    const track = await this.local.open();
    if (!track || connection !== this.connection || connection.isClosed) return;
    this.microphone = { status: MicrophoneStatus.Ready, error: null };
    this.update();
    if (!connection.hasProducer) await this.local.publish(track);
    this.update();
  }

  /** Leaves, stops the microphone, every timer and listener. The Channel cannot be used again. */
  close(): void {
    if (this.closed) return;
    void this.leave();
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.trouble.close();
    this.link.close();
    this.stateSync.follow(null);
    this.loop.close();
    this.graph.close();
    this.local.close();
    this.stateListeners.clear();
    this.emitter.removeAllListeners();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
