import type { ChannelConnection } from '../channel/ChannelConnection';
import { ErrorCode, fromMediaError, type VoxlayError } from '../errors';
import { TypedEmitter } from '../events';
import type { AudioGraph } from '../media/AudioGraph';
import { CameraList, MicrophoneList } from '../media/devices';
import { LocalVideo } from '../media/LocalVideo';
import { LocalAudio } from '../media/LocalAudio';
import type { NoiseSuppressionAssets } from '../media/noise/NoiseSuppressor';
import type { NoiseSuppressionChoices } from '../media/noise/noiseSuppressionChoices';
import type { SettingsStore } from '../settings';
import {
  type AudioDevice,
  type LocalStreamState,
  type NoiseSuppressionState,
  NoiseSuppressionStatus,
  type VadSensitivity,
  type VideoDevice,
} from '../types';
import { MicrophoneGate } from './MicrophoneGate';

/** What a LocalParticipant tells its Channel. */
export interface LocalParticipantEvents {
  /** The device list, the producer, the level or the speaking flag changed: publish a new state. */
  changed: () => void;
  /** A microphone track was opened: the level loop must run (the meter and the VAD are sampled there). */
  trackOpened: () => void;
  /** The microphone could not be opened (denied, dismissed, missing, busy): listen-only until it can. */
  microphoneFailed: (error: VoxlayError) => void;
  /** A failure worth showing (the Channel's `error`); `fallbackCode` when it carries no code of its own. */
  error: (error: unknown, fallbackCode?: string) => void;
}

/**
 * This client in its Channel: the microphone (opened once per join and kept across rejoins), its
 * gate (mute / deafen / push-to-talk / VAD), its level and speaking flag, the device list, and the
 * Producer on the current connection (sent behind the gate, switched mid-call without rejoining,
 * falling back to the default device when the one in use goes away); its camera and screen share
 * (LocalVideo each: sent on the connection, sent again after a rejoin) and the camera list.
 */
export class LocalParticipant {
  private readonly emitter = new TypedEmitter<LocalParticipantEvents>();
  private readonly audio: LocalAudio;
  readonly gate: MicrophoneGate;
  private readonly devices: MicrophoneList;
  /** The connection the microphone is produced on (or will be), while in a channel. */
  private connection: ChannelConnection | null = null;
  private speakingValue = false;
  /** The noise-suppression choice for the microphone in use (or chosen): read from storage once per device, then as set. */
  private noiseChoice: { deviceId: string; enabled: boolean } | null = null;
  private readonly camera: LocalVideo;
  private readonly screen: LocalVideo;
  private readonly cameraList: CameraList;

  constructor(
    graph: AudioGraph,
    private readonly settings: SettingsStore,
    private readonly noise: { choices: NoiseSuppressionChoices; assets?: NoiseSuppressionAssets | undefined },
  ) {
    this.audio = new LocalAudio(graph, settings.settings.vadSensitivity, () => void this.onEnded(), {
      ...noise,
      onOverrun: () => void this.onOverrun(),
    });
    this.audio.setGain(settings.settings.inputGain);
    this.gate = new MicrophoneGate(this.audio, settings);
    this.devices = new MicrophoneList(() => this.emitter.emit('changed'));
    void this.devices.refresh().catch(() => undefined);
    this.camera = new LocalVideo('camera');
    this.screen = new LocalVideo('screen');
    for (const video of [this.camera, this.screen]) {
      video.on('changed', () => this.emitter.emit('changed'));
      video.on('error', (error) => this.emitter.emit('error', error));
    }
    this.cameraList = new CameraList(() => this.emitter.emit('changed'));
    void this.cameraList.refresh().catch(() => undefined);
  }

  get cameras(): VideoDevice[] {
    return this.cameraList.list;
  }

  get cameraState(): LocalStreamState {
    return this.camera.state;
  }

  get screenShareState(): LocalStreamState {
    return this.screen.state;
  }

  /** The local camera track (a self view), or null. */
  get cameraTrack(): MediaStreamTrack | null {
    return this.camera.track;
  }

  /** The local screen share's video track (a self view), or null. */
  get screenTrack(): MediaStreamTrack | null {
    return this.screen.track;
  }

  /**
   * Camera on (the device `deviceId`, '' = default; switches the device when already on) or off.
   * Sent on the current connection at once, on the next one otherwise. Rejects with a coded error.
   */
  async setCameraEnabled(enabled: boolean, deviceId = ''): Promise<void> {
    if (!enabled) return this.camera.stop();
    await this.camera.start(this.connection, deviceId);
    void this.cameraList.refresh().catch(() => undefined); // labels appear once allowed
  }

  /**
   * Screen share on (the browser's picker, or `captured`: a stream captured elsewhere, such as the
   * extension's tab capture) or off. The browser's own "Stop sharing" turns it off too.
   */
  async setScreenShareEnabled(enabled: boolean, captured?: MediaStream): Promise<void> {
    if (!enabled) return this.screen.stop();
    await this.screen.start(this.connection, '', captured);
  }

  /** Sends the camera and the screen that are on (after a join or a rejoin); a refusal is reported and turns that one off. */
  async publishVideo(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    await Promise.all(
      [this.camera, this.screen].map((video) =>
        video.publish(connection).catch(async (error: unknown) => {
          await video.stop();
          this.emitter.emit('error', error);
        }),
      ),
    );
  }

  /** Camera and screen off (leave, or the Channel gave up). */
  async stopVideo(): Promise<void> {
    await Promise.all([this.camera.stop(), this.screen.stop()]);
  }

  on<K extends keyof LocalParticipantEvents>(event: K, listener: LocalParticipantEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  get microphones(): AudioDevice[] {
    return this.devices.list;
  }

  /** The deviceId of the open microphone ('' = default), or null when none is open. */
  get openMicrophoneId(): string | null {
    return this.audio.track ? this.audio.deviceId : null;
  }

  get level(): number {
    return this.audio.level;
  }

  get speaking(): boolean {
    return this.speakingValue;
  }

  setVadSensitivity(sensitivity: VadSensitivity): void {
    this.audio.setSensitivity(sensitivity);
  }

  /** The input gain (0..2): applied at once, or by reopening the microphone when it was sent without a GainNode. */
  async setInputGain(gain: number): Promise<void> {
    if (this.audio.setGain(gain) && this.active) await this.switchMicrophone(this.audio.deviceId);
  }

  /** Noise suppression for the microphone in use (or the one chosen, before it opens). */
  get noiseSuppression(): NoiseSuppressionState {
    const deviceId = this.audio.track ? this.audio.deviceId : this.settings.settings.microphoneId;
    if (this.noiseChoice?.deviceId !== deviceId) this.noiseChoice = { deviceId, enabled: this.noise.choices.enabledFor(deviceId) };
    const enabled = this.noiseChoice.enabled;
    const stats = this.audio.noiseStats;
    const status = this.audio.noiseStatus;
    const reason = status === NoiseSuppressionStatus.Unavailable ? this.audio.noiseReason : null;
    return {
      enabled,
      status,
      ...(stats ? { frameP95Ms: stats.p95Ms, frameMeanMs: stats.meanMs } : {}),
      ...(reason ? { reason } : {}),
    };
  }

  /** Noise suppression on/off for the microphone in use, remembered for it; a live microphone is reopened and replaced on the producer. */
  async setNoiseSuppression(enabled: boolean): Promise<void> {
    const deviceId = this.audio.track ? this.audio.deviceId : this.settings.settings.microphoneId;
    this.noise.choices.set(deviceId, enabled);
    this.noiseChoice = { deviceId, enabled };
    this.emitter.emit('changed'); // the choice shows at once; the microphone follows
    if (this.audio.track) await this.switchMicrophone(deviceId);
    this.emitter.emit('changed');
  }

  /** The worklet did not keep up: off for this microphone, the plain track sent again, and the status says why. */
  private async onOverrun(): Promise<void> {
    const deviceId = this.audio.deviceId;
    this.noise.choices.set(deviceId, false);
    this.noiseChoice = { deviceId, enabled: false };
    try {
      await this.switchMicrophone(deviceId);
    } catch (error) {
      this.emitter.emit('error', error, ErrorCode.MICROPHONE_ERROR);
    }
    this.audio.markOverrun();
    this.emitter.emit('changed');
  }

  /**
   * Follows the gate's inputs and the VAD (on every state update): the producer is paused or
   * resumed to match, and the speaking flag follows. Returns whether audio is sent.
   */
  refresh(): boolean {
    const transmitting = this.gate.refresh();
    this.speakingValue = this.audio.vadOpen && transmitting && this.connection !== null;
    return transmitting;
  }

  /** One level-loop tick; true when the level or the VAD changed. */
  sample(elapsedMs: number): boolean {
    return this.audio.sample(elapsedMs);
  }

  /** Opens the mic once (it survives rejoins). Null, with the error reported, when it cannot be opened: listen only. */
  async open(): Promise<MediaStreamTrack | null> {
    this.noiseChoice = null; // read again: another page may have changed it since
    try {
      const track = await this.audio.open(this.settings.settings.microphoneId);
      this.emitter.emit('trackOpened');
      void this.devices.refresh().catch(() => undefined); // labels appear once allowed
      return track;
    } catch (error) {
      this.emitter.emit('microphoneFailed', fromMediaError(error));
      return null;
    }
  }

  /** The connection of the current join: the microphone is produced on it (publish) and switched on it. */
  joined(connection: ChannelConnection): void {
    this.connection = connection;
  }

  /** Sends `track` on the current connection (paused while the gate is closed); the gate pauses and resumes it from then on. */
  async publish(track: MediaStreamTrack): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const on = this.gate.compute();
    await connection.produce(track, !on);
    if (connection.isClosed) return;
    this.gate.attach(
      on,
      (value) => connection.setTransmitting(value),
      (e) => this.emitter.emit('error', e),
    );
    this.emitter.emit('changed');
  }

  /** Opens `deviceId` and puts it on the producer (replaceTrack), or starts producing when there was none. */
  async switchMicrophone(deviceId: string): Promise<void> {
    const connection = this.connection;
    if (this.noiseChoice?.deviceId !== deviceId) this.noiseChoice = null;
    const track = await this.audio.switch(deviceId, async (t) => {
      if (connection?.hasProducer) await connection.replaceTrack(t);
    });
    this.emitter.emit('trackOpened');
    if (connection && connection === this.connection && !connection.hasProducer && !connection.isClosed) await this.publish(track);
    this.emitter.emit('changed');
  }

  /** A microphone track is open. */
  get hasTrack(): boolean {
    return this.audio.track !== null;
  }

  /** Whether a microphone is open or a connection is there to produce on (a device choice then applies now). */
  get active(): boolean {
    return this.audio.track !== null || this.connection !== null;
  }

  private async onEnded(): Promise<void> {
    // The device went away: fall back to the system default without rejoining.
    await this.switchMicrophone('').catch((e) => this.emitter.emit('error', e, ErrorCode.MICROPHONE_ERROR));
  }

  /** The connection is gone (teardown): stop switching its producer. The gate's inputs and the track are kept. */
  left(): void {
    this.gate.detach();
    this.connection = null;
    this.camera.unpublished();
    this.screen.unpublished();
  }

  /** Stops the track, its meter and the VAD (leave, or the rejoin gave up). open() works again afterwards. */
  stop(): void {
    this.audio.close();
  }

  /** Stops watching the device list and every listener. The Channel is closing; nothing works afterwards. */
  close(): void {
    this.left();
    this.audio.close();
    this.devices.close();
    this.camera.close();
    this.screen.close();
    this.cameraList.close();
    this.emitter.removeAllListeners();
  }
}
