import type { Device } from 'mediasoup-client';
import { ErrorCode, VoxlayError } from '../errors';
import { RouterRtpCapabilitiesDocument } from '../graphql/__generated__/graphql';
import type { Signaling } from '../signaling/Signaling';

/** Router capabilities per server URL: every channel's router shares one codec set. */
const capabilitiesCache = new Map<string, Promise<unknown>>();

export function fetchRouterCapabilities(signaling: Signaling, serverUrl: string): Promise<unknown> {
  let caps = capabilitiesCache.get(serverUrl);
  if (!caps) {
    caps = signaling.query(RouterRtpCapabilitiesDocument, {}).then((d) => d.routerRtpCapabilities);
    capabilitiesCache.set(serverUrl, caps);
    caps.catch(() => capabilitiesCache.delete(serverUrl));
  }
  return caps;
}

/** A mediasoup-client Device loaded with the router capabilities (one HTTP query, cached per URL). */
export async function loadDevice(signaling: Signaling, serverUrl: string, createDevice: () => Promise<Device>): Promise<Device> {
  const caps = fetchRouterCapabilities(signaling, serverUrl);
  let device: Device;
  try {
    device = await createDevice();
  } catch (error) {
    throw new VoxlayError(ErrorCode.DEVICE_UNSUPPORTED, 'WebRTC is not supported here', { cause: error });
  }
  await device.load({ routerRtpCapabilities: (await caps) as Parameters<Device['load']>[0]['routerRtpCapabilities'] });
  return device;
}
