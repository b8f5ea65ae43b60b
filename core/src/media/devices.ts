import type { AudioDevice } from '../types';

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

/** The microphone list, kept current by `devicechange`. Labels appear once the mic is allowed. */
export class MicrophoneList {
  private devices: AudioDevice[] = [];
  private readonly onDeviceChange = (): void => void this.refresh();
  private closed = false;

  constructor(
    private readonly onChange: (devices: AudioDevice[]) => void,
    private readonly mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
  ) {
    this.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
  }

  get list(): AudioDevice[] {
    return this.devices;
  }

  async refresh(): Promise<AudioDevice[]> {
    if (!this.mediaDevices || this.closed) return this.devices;
    const next = toAudioDevices(await this.mediaDevices.enumerateDevices(), 'audioinput');
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
