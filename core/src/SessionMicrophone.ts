import type { AudioGraph } from './AudioGraph';
import type { ChannelConnection } from './ChannelConnection';
import { MicrophoneList } from './devices';
import { ErrorCode } from './errors';
import { LocalAudio } from './LocalAudio';
import { MicrophoneGate } from './MicrophoneGate';
import type { SettingsStore } from './settings';

/** What a SessionMicrophone tells (and asks) its VoiceSession. */
export interface SessionMicrophoneHooks {
  /** The device list or the producer changed: publish a new state. */
  changed(): void;
  /** A track was opened: the level loop must run (the meter and the VAD are sampled there). */
  opened(): void;
  /** A failure worth showing (the session's `error`). */
  error(error: unknown, fallbackCode?: string): void;
  /** The connection the microphone is produced on, if any. */
  connection(): ChannelConnection | null;
}

/**
 * The microphone of a VoiceSession: opened once per join and kept across rejoins, produced on
 * each connection behind its gate (mute / deafen / push-to-talk / VAD), switched mid-call without
 * rejoining (falling back to the default device when the one in use goes away), and the device list.
 */
export class SessionMicrophone {
  readonly audio: LocalAudio;
  readonly gate: MicrophoneGate;
  readonly devices: MicrophoneList;

  constructor(
    graph: AudioGraph,
    private readonly settings: SettingsStore,
    private readonly hooks: SessionMicrophoneHooks,
  ) {
    this.audio = new LocalAudio(graph, settings.settings.vadSensitivity, () => void this.onEnded());
    this.gate = new MicrophoneGate(this.audio, settings);
    this.devices = new MicrophoneList(() => hooks.changed());
    void this.devices.refresh().catch(() => undefined);
  }

  /** Opens the mic once (it survives rejoins). Null, with the error reported, when it cannot be opened: listen only. */
  async open(): Promise<MediaStreamTrack | null> {
    try {
      const track = await this.audio.open(this.settings.settings.microphoneId);
      this.hooks.opened();
      void this.devices.refresh().catch(() => undefined); // labels appear once allowed
      return track;
    } catch (error) {
      this.hooks.error(error, ErrorCode.MICROPHONE_ERROR);
      return null;
    }
  }

  /** Sends `track` on `connection` (paused while the gate is closed); the gate pauses and resumes it from then on. */
  async produce(connection: ChannelConnection, track: MediaStreamTrack): Promise<void> {
    const on = this.gate.compute();
    await connection.produce(track, !on);
    if (connection.isClosed) return;
    this.gate.attach(on, (value) => connection.setTransmitting(value), (e) => this.hooks.error(e));
    this.hooks.changed();
  }

  /** Opens `deviceId` and puts it on the producer (replaceTrack), or starts producing when there was none. */
  async switch(deviceId: string): Promise<void> {
    const connection = this.hooks.connection();
    const track = await this.audio.switch(deviceId, async (t) => {
      if (connection?.hasProducer) await connection.replaceTrack(t);
    });
    this.hooks.opened();
    if (connection && !connection.hasProducer && !connection.isClosed) await this.produce(connection, track);
    this.hooks.changed();
  }

  private async onEnded(): Promise<void> {
    // The device went away: fall back to the system default without rejoining.
    await this.switch('').catch((e) => this.hooks.error(e, ErrorCode.MICROPHONE_ERROR));
  }

  /** Stops the track, its meter and the VAD (leave, or the rejoin gave up). open() works again afterwards. */
  stop(): void {
    this.audio.close();
  }

  /** Stops watching the device list. The session is closing; nothing works afterwards. */
  close(): void {
    this.devices.close();
  }
}
