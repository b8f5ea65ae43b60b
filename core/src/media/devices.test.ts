import { describe, expect, it } from 'vitest';
import { CameraList, MicrophoneList } from './devices.js';

/** Just the part of MediaDevices a device list uses: the device infos and `devicechange`. */
class FakeMediaDevices extends EventTarget {
  infos: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[] = [];

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return this.infos.map((info) => ({ ...info, groupId: '', toJSON: () => info }));
  }

  change(infos: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[]): void {
    this.infos = infos;
    this.dispatchEvent(new Event('devicechange'));
  }
}

const INFOS: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[] = [
  { deviceId: 'default', kind: 'audioinput', label: 'Default' },
  { deviceId: 'mic-a', kind: 'audioinput', label: 'Headset' },
  { deviceId: 'mic-b', kind: 'audioinput', label: '' },
  { deviceId: 'out-a', kind: 'audiooutput', label: 'Speakers' },
  { deviceId: 'cam-a', kind: 'videoinput', label: '' },
  { deviceId: 'cam-b', kind: 'videoinput', label: 'Webcam' },
];

describe('device lists', () => {
  it('a MicrophoneList lists the real microphones, naming the unlabelled ones', async () => {
    const media = new FakeMediaDevices();
    media.infos = INFOS;
    const list = new MicrophoneList(() => undefined, media as unknown as MediaDevices);
    expect(await list.refresh()).toEqual([
      { deviceId: 'mic-a', label: 'Headset', kind: 'audioinput' },
      { deviceId: 'mic-b', label: 'Microphone 2', kind: 'audioinput' },
    ]);
    list.close();
  });

  it('a CameraList lists the cameras, naming the unlabelled ones', async () => {
    const media = new FakeMediaDevices();
    media.infos = INFOS;
    const list = new CameraList(() => undefined, media as unknown as MediaDevices);
    expect(await list.refresh()).toEqual([
      { deviceId: 'cam-a', label: 'Camera 1' },
      { deviceId: 'cam-b', label: 'Webcam' },
    ]);
    list.close();
  });

  it('follows devicechange, reports only real changes and stops when closed', async () => {
    const media = new FakeMediaDevices();
    media.infos = INFOS;
    const seen: string[][] = [];
    let changed = (): void => undefined;
    const list = new CameraList(
      (devices) => {
        seen.push(devices.map((d) => d.deviceId));
        changed();
      },
      media as unknown as MediaDevices,
    );
    await list.refresh();
    await list.refresh();
    expect(seen).toEqual([['cam-a', 'cam-b']]);

    const next = new Promise<void>((resolve) => {
      changed = resolve;
    });
    media.change(INFOS.filter((info) => info.deviceId !== 'cam-a'));
    await next;
    expect(list.list).toEqual([{ deviceId: 'cam-b', label: 'Webcam' }]);

    list.close();
    media.change(INFOS);
    expect(await list.refresh()).toEqual([{ deviceId: 'cam-b', label: 'Webcam' }]);
    expect(seen).toEqual([['cam-a', 'cam-b'], ['cam-b']]);
  });
});
