import type { types } from 'mediasoup-client';
import type { ChannelConnection } from '../channel/ChannelConnection';
import { fromVideoError, InvalidStateError, type VoxlayError } from '../errors';
import { TypedEmitter } from '../events';
import { Logger } from '../logger';
import type { LocalStreamState } from '../types';
import { CAMERA_CONSTRAINTS, CAMERA_PROFILE, SCREEN_CONSTRAINTS, SCREEN_PROFILE } from './videoProfiles';

const logger = new Logger('LocalVideo');

export type LocalVideoSource = 'camera' | 'screen';

export interface LocalVideoEvents {
  /** Status, device or producers changed. */
  changed: () => void;
  /** The browser ended it (its own "Stop sharing", the camera unplugged): it is off now. */
  ended: () => void;
  /** Sending it again on a new connection failed (it is off now). */
  error: (error: VoxlayError) => void;
}

/**
 * One local camera or screen share: opens its track (getUserMedia / getDisplayMedia), sends it on the
 * connection of the current join with its profile (CAMERA: VP8 simulcast; SCREEN: detail, 15 fps,
 * plus SCREEN_AUDIO when the browser gives the screen's sound) and stops it (CloseProducer, tracks
 * stopped). The tracks outlive a connection: a rejoin sends them again (publish).
 */
export class LocalVideo {
  private readonly emitter = new TypedEmitter<LocalVideoEvents>();
  private statusValue: LocalStreamState['status'] = 'off';
  private deviceIdValue = '';
  private video: MediaStreamTrack | null = null;
  private audio: MediaStreamTrack | null = null;
  private producers: types.Producer[] = [];
  private connection: ChannelConnection | null = null;
  /** Bumped by every start and stop: a start that finds it changed was cancelled meanwhile. */
  private generation = 0;
  private closed = false;
  private readonly onEnded = (): void => {
    if (this.statusValue === 'off') return;
    void this.stop().finally(() => this.emitter.emit('ended'));
  };

  constructor(
    readonly source: LocalVideoSource,
    private readonly mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
  ) {}

  on<K extends keyof LocalVideoEvents>(event: K, listener: LocalVideoEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  get state(): LocalStreamState {
    return {
      status: this.statusValue,
      deviceId: this.deviceIdValue,
      producerId: this.producers.find((p) => p.kind === 'video' && !p.closed)?.id ?? null,
    };
  }

  get active(): boolean {
    return this.statusValue !== 'off';
  }

  /** The video track being sent (a local preview may show it), or null. */
  get track(): MediaStreamTrack | null {
    return this.video;
  }

  /**
   * Opens the camera (`deviceId`, '' = default) or asks for a screen (or takes `captured`, a stream the
   * caller captured itself: the extension's tab), then sends it on `connection`
   * when there is one (else on the next publish). Throws a coded VoxlayError (denied, cancelled
   * picker, no device, server refusal); it is off again then. A camera already on switches device.
   */
  async start(connection: ChannelConnection | null, deviceId = '', captured?: MediaStream): Promise<void> {
    if (this.closed) throw new InvalidStateError('LocalVideo closed');
    if (this.statusValue === 'on' && this.source === 'camera' && deviceId !== this.deviceIdValue) {
      await this.switchCamera(deviceId);
      return;
    }
    if (this.statusValue !== 'off') return;
    const generation = ++this.generation;
    this.deviceIdValue = deviceId;
    this.setStatus('starting');
    let stream: MediaStream;
    try {
      stream = captured ?? (await this.open(deviceId));
    } catch (error) {
      if (generation === this.generation) this.setStatus('off');
      throw fromVideoError(error, this.source);
    }
    if (generation !== this.generation || this.closed) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.adopt(stream);
    this.setStatus('on');
    if (connection && !connection.isClosed) {
      try {
        await this.publish(connection);
      } catch (error) {
        await this.stop();
        throw error;
      }
    }
  }

  private async open(deviceId: string): Promise<MediaStream> {
    const media = this.mediaDevices;
    if (!media) throw Object.assign(new Error('media devices unavailable'), { name: 'NotFoundError' });
    if (this.source === 'camera') {
      return media.getUserMedia({ video: { ...CAMERA_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) }, audio: false });
    }
    if (typeof media.getDisplayMedia !== 'function')
      throw Object.assign(new Error('getDisplayMedia unavailable'), { name: 'NotFoundError' });
    return media.getDisplayMedia(SCREEN_CONSTRAINTS);
  }

  private adopt(stream: MediaStream): void {
    this.video = stream.getVideoTracks()[0] ?? null;
    this.audio = this.source === 'screen' ? (stream.getAudioTracks()[0] ?? null) : null;
    for (const track of stream.getAudioTracks()) if (track !== this.audio) track.stop();
    if (this.video) {
      this.video.contentHint = this.source === 'screen' ? 'detail' : 'motion';
      this.video.addEventListener('ended', this.onEnded);
    }
  }

  /** Sends the open tracks on `connection` (the join, or a rejoin's new connection). */
  async publish(connection: ChannelConnection): Promise<void> {
    const video = this.video;
    if (!video || this.statusValue !== 'on' || connection.isClosed) return;
    this.connection = connection;
    const generation = this.generation;
    const producer = await connection.produceStream(
      video,
      this.source === 'camera' ? 'CAMERA' : 'SCREEN',
      this.source === 'camera' ? CAMERA_PROFILE : SCREEN_PROFILE,
    );
    if (generation !== this.generation || connection !== this.connection) {
      void connection.closeStream(producer);
      return;
    }
    this.producers.push(producer);
    if (this.source === 'screen') await keepResolution(producer);
    if (this.audio && generation === this.generation) {
      const audio = await connection.produceStream(this.audio, 'SCREEN_AUDIO').catch((error: unknown) => {
        logger.warn('the screen is shared without its sound', error); // the picture still goes out
        return null;
      });
      if (audio && (generation !== this.generation || connection !== this.connection)) void connection.closeStream(audio);
      else if (audio) this.producers.push(audio);
    }
    this.emitter.emit('changed');
  }

  /** The connection went away (teardown): its producers closed with its transport; the tracks stay for the next one. */
  unpublished(): void {
    this.connection = null;
    this.producers = [];
  }

  /** A camera on: opens `deviceId` and puts it on the producer (replaceTrack) without stopping the stream. */
  private async switchCamera(deviceId: string): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await this.open(deviceId);
    } catch (error) {
      throw fromVideoError(error, this.source);
    }
    const track = stream.getVideoTracks()[0];
    if (!track || this.statusValue !== 'on') {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    const old = this.video;
    old?.removeEventListener('ended', this.onEnded);
    this.adopt(stream);
    this.deviceIdValue = deviceId;
    for (const producer of this.producers) if (!producer.closed && producer.kind === 'video') await producer.replaceTrack({ track });
    old?.stop();
    this.emitter.emit('changed');
  }

  /** Stops sending (CloseProducer) and stops the tracks. */
  async stop(): Promise<void> {
    this.generation++;
    const producers = this.producers;
    const connection = this.connection;
    this.producers = [];
    this.connection = null;
    this.video?.removeEventListener('ended', this.onEnded);
    this.video?.stop();
    this.audio?.stop();
    this.video = null;
    this.audio = null;
    this.setStatus('off');
    if (connection) await Promise.all(producers.map((p) => connection.closeStream(p)));
    else for (const p of producers) p.close();
  }

  private setStatus(status: LocalStreamState['status']): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.emitter.emit('changed');
  }

  /** Stops everything and every listener. */
  close(): void {
    if (this.closed) return;
    void this.stop();
    this.closed = true;
    this.emitter.removeAllListeners();
  }
}

/** A screen keeps its resolution when the encoder is short of CPU or bandwidth (frames drop instead). */
async function keepResolution(producer: types.Producer): Promise<void> {
  const sender = producer.rtpSender;
  if (!sender) return;
  try {
    const parameters = sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters);
  } catch (error) {
    logger.debug('degradationPreference not applied', error);
  }
}
