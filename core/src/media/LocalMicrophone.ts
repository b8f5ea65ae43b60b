import { ErrorCode, fromMediaError } from '../errors';

export const MICROPHONE_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  channelCount: 1,
};

/**
 * The local microphone track. Survives reconnects (the same track is produced again); a device
 * switch opens the new track first, then the caller replaces it on the producer and the old one stops.
 */
export class LocalMicrophone {
  private current: MediaStreamTrack | null = null;
  private currentId = '';
  private readonly onEnded = (): void => this.onTrackEnded();

  constructor(
    /** The track ended on its own (device unplugged, permission revoked). */
    private readonly onTrackEndedCallback: () => void,
    private readonly mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
  ) {}

  get track(): MediaStreamTrack | null {
    return this.current;
  }

  /** The deviceId asked for ('' = system default). */
  get deviceId(): string {
    return this.currentId;
  }

  /** Opens `deviceId` ('' = default). When that device is gone, falls back to the default one. */
  async open(deviceId: string, browserNoiseSuppression = true): Promise<MediaStreamTrack> {
    const track = await this.acquire(deviceId, browserNoiseSuppression);
    this.adopt(track, deviceId);
    return track;
  }

  /**
   * Opens the new device without stopping the old track; call `commit()` after the producer switched.
   * `browserNoiseSuppression` false when RNNoise processes the track instead (NoiseSuppressor).
   */
  async acquire(deviceId: string, browserNoiseSuppression = true): Promise<MediaStreamTrack> {
    if (!this.mediaDevices) throw fromMediaError(Object.assign(new Error('getUserMedia unavailable'), { name: 'NotFoundError' }));
    const get = (id: string): Promise<MediaStream> =>
      this.mediaDevices!.getUserMedia({
        audio: { ...MICROPHONE_CONSTRAINTS, noiseSuppression: browserNoiseSuppression, ...(id ? { deviceId: { exact: id } } : {}) },
        video: false,
      });
    let stream: MediaStream;
    try {
      stream = await get(deviceId);
    } catch (error) {
      const mapped = fromMediaError(error);
      if (!deviceId || mapped.code !== ErrorCode.MICROPHONE_NOT_FOUND) throw mapped;
      try {
        stream = await get('');
      } catch (again) {
        throw fromMediaError(again);
      }
    }
    const track = stream.getAudioTracks()[0];
    if (!track) throw fromMediaError(Object.assign(new Error('no audio track'), { name: 'NotFoundError' }));
    return track;
  }

  /** Makes `track` the current one and stops the previous track. */
  adopt(track: MediaStreamTrack, deviceId: string): void {
    const previous = this.current;
    this.current = track;
    this.currentId = deviceId;
    track.addEventListener('ended', this.onEnded);
    if (previous && previous !== track) this.release(previous);
  }

  private onTrackEnded(): void {
    if (this.current && this.current.readyState === 'ended') this.onTrackEndedCallback();
  }

  private release(track: MediaStreamTrack): void {
    track.removeEventListener('ended', this.onEnded);
    track.stop();
  }

  close(): void {
    if (this.current) this.release(this.current);
    this.current = null;
  }
}
