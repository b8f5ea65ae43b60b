import type { VideoDevice } from '../types';

/** The cameras (videoinput), kept current by `devicechange`. Labels appear once a camera was allowed. */
export class CameraList {
  private devices: VideoDevice[] = [];
  private readonly onDeviceChange = (): void => void this.refresh().catch(() => undefined);
  private closed = false;

  constructor(
    private readonly onChange: (devices: VideoDevice[]) => void,
    private readonly mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
  ) {
    this.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
  }

  get list(): VideoDevice[] {
    return this.devices;
  }

  async refresh(): Promise<VideoDevice[]> {
    if (!this.mediaDevices || this.closed) return this.devices;
    const infos = await this.mediaDevices.enumerateDevices();
    if (this.closed) return this.devices;
    const next: VideoDevice[] = [];
    for (const info of infos) {
      if (info.kind !== 'videoinput' || info.deviceId === '') continue;
      next.push({ deviceId: info.deviceId, label: info.label || `Camera ${next.length + 1}` });
    }
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
