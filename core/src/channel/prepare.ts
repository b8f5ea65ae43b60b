import { Device } from 'mediasoup-client';
import type { VoxlayClient } from '../createVoxlayClient';
import { loadDevice } from '../media/deviceLoader';
import { Signaling } from '../signaling/Signaling';

/** How long prepare() waits for the WebSocket before giving up waiting (the join waits again). */
export const PREPARE_SOCKET_WAIT_MS = 5_000;

/** Devices loaded with the default factory, per server URL: every Channel of the app shares one. */
const sharedDevices = new Map<string, Promise<Device>>();

/**
 * The mediasoup-client Device for `client`'s current server, loaded with its router capabilities
 * (one HTTP query, cached per URL). With the default factory the Device is shared by every Channel
 * of the page; a custom factory (tests, a forced handler) loads one per call.
 */
export function deviceFor(client: Pick<VoxlayClient, 'client' | 'url'>, createDevice?: () => Promise<Device>): Promise<Device> {
  const signaling = new Signaling(client.client);
  if (createDevice) return loadDevice(signaling, client.url, createDevice);
  let device = sharedDevices.get(client.url);
  if (!device) {
    device = loadDevice(signaling, client.url, () => Device.factory());
    sharedDevices.set(client.url, device);
    const url = client.url;
    device.catch(() => {
      if (sharedDevices.get(url) === device) sharedDevices.delete(url);
    });
  }
  return device;
}

/** Resolves true once the WebSocket is connected (at once if it is), false after `timeoutMs`. */
export function whenConnected(client: Pick<VoxlayClient, 'connected' | 'on'>, timeoutMs: number): Promise<boolean> {
  if (client.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      off();
      resolve(ok);
    };
    const off = client.on('connected', () => done(true));
    const timer = setTimeout(() => done(false), timeoutMs);
  });
}

/**
 * Everything a join needs that does not depend on the channel, done ahead (when the app starts):
 * waits for `client`'s WebSocket (bounded; the client opens it when created) and loads the shared
 * Device for its server. A Channel on this client then joins with JoinChannel +
 * ConnectRecvTransport only. Rejects when the router capabilities cannot be loaded.
 */
export async function prepareVoice(client: VoxlayClient): Promise<void> {
  await Promise.all([deviceFor(client), whenConnected(client, PREPARE_SOCKET_WAIT_MS)]);
}
