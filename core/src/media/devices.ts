import type { AudioDevice, VideoDevice } from '../types';

/** Pseudo-devices Chromium lists besides the real ones; '' (system default) stands for them. */
const PSEUDO_IDS = new Set(['default', 'communications']);

export function toAudioDevices(infos: readonly MediaDeviceInfo[], kind: AudioDevice['kind']): AudioDevice[] {
  const devices: AudioDevice[] = [];
  for (const info of infos) {
    if (info.kind !== kind || PSEUDO_IDS.has(info.deviceId) || info.deviceId === '') continue;
    const fallback = `${kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${devices.length + 1}`;
    devices.push({ deviceId: info.deviceId, label: info.label || fallback, kind });
  }
  return devices;
}

function toVideoDevices(infos: readonly MediaDeviceInfo[]): VideoDevice[] {
  const devices: VideoDevice[] = [];
  for (const info of infos) {
    if (info.kind !== 'videoinput' || info.deviceId === '') continue;
    devices.push({ deviceId: info.deviceId, label: info.label || `Camera ${devices.length + 1}` });
  }
  return devices;
}

/** The device kinds a DeviceList follows, and what it lists for each. */
interface ListedDevices {
  audioinput: AudioDevice;
  videoinput: VideoDevice;
}
type ListedKind = keyof ListedDevices;

const READERS: { [K in ListedKind]: (infos: readonly MediaDeviceInfo[]) => ListedDevices[K][] } = {
  audioinput: (infos) => toAudioDevices(infos, 'audioinput'),
  videoinput: toVideoDevices,
};

/** The devices of one kind, kept current by `devicechange`. Labels appear once that kind was allowed. */
export class DeviceList<K extends ListedKind> {
  private devices: ListedDevices[K][] = [];
  private readonly onDeviceChange = (): void => void this.refresh().catch(() => undefined);
  private closed = false;

  constructor(
    private readonly kind: K,
    private readonly onChange: (devices: ListedDevices[K][]) => void,
    private readonly mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
  ) {
    this.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
  }

  get list(): ListedDevices[K][] {
    return this.devices;
  }

  async refresh(): Promise<ListedDevices[K][]> {
    if (!this.mediaDevices || this.closed) return this.devices;
    const next = READERS[this.kind](await this.mediaDevices.enumerateDevices());
    if (this.closed) return this.devices;
    const same =
      next.length === this.devices.length &&
      next.every((d, i) => d.deviceId === this.devices[i]?.deviceId && d.label === this.devices[i]?.label);
    if (!same) {
      this.devices = next;
      this.onChange(next);
    }
    return this.devices;
  }

  close(): void {
    this.closed = true;
    this.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
  }
}

/** The microphone list (audioinput). */
export class MicrophoneList extends DeviceList<'audioinput'> {
  constructor(onChange: (devices: AudioDevice[]) => void, mediaDevices?: MediaDevices) {
    super('audioinput', onChange, mediaDevices);
  }
}

/** The camera list (videoinput). */
export class CameraList extends DeviceList<'videoinput'> {
  constructor(onChange: (devices: VideoDevice[]) => void, mediaDevices?: MediaDevices) {
    super('videoinput', onChange, mediaDevices);
  }
}
