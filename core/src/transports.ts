import type { types } from 'mediasoup-client';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  ProduceDocument,
  RestartIceDocument,
  type IceServerFieldsFragment,
  type TransportOptionsFieldsFragment,
} from './graphql/__generated__/graphql';
import type { Signaling } from './signaling';

type Device = import('mediasoup-client').Device;

/**
 * How a connection's transports reach the SFU: the TURN relays the server handed out (with this
 * participant's credentials) and the ICE policy ('relay' uses only TURN: strict networks, tests).
 */
export interface IceSettings {
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
}

/** The API's IceServer list → RTCIceServer (the expiry is for us, not for the browser). */
export function toRtcIceServers(servers: readonly IceServerFieldsFragment[]): RTCIceServer[] {
  return servers.map((server) => ({ urls: [...server.urls], username: server.username, credential: server.credential }));
}

/** The server's JSON TransportOptions → mediasoup-client's options. */
function transportOptions(options: TransportOptionsFieldsFragment, ice: IceSettings): types.TransportOptions {
  return {
    id: options.id,
    iceParameters: options.iceParameters as types.IceParameters,
    iceCandidates: options.iceCandidates as types.IceCandidate[],
    dtlsParameters: options.dtlsParameters as types.DtlsParameters,
    iceServers: ice.iceServers,
    iceTransportPolicy: ice.iceTransportPolicy,
  };
}

/** Send transport: 'connect' → ConnectTransport, 'produce' → Produce (paused per appData.paused). */
export function createSendTransport(device: Device, options: TransportOptionsFieldsFragment, ice: IceSettings, signaling: Signaling): types.Transport {
  const transport = device.createSendTransport(transportOptions(options, ice));
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling
      .mutate(ConnectTransportDocument, { transportId: transport.id, dtlsParameters })
      .then(() => callback(), errback);
  });
  transport.on('produce', ({ rtpParameters, appData }, callback, errback) => {
    signaling
      .mutate(ProduceDocument, {
        input: { transportId: transport.id, kind: 'AUDIO', rtpParameters, paused: appData['paused'] === true },
      })
      .then((data) => callback({ id: data.produce.id }), errback);
  });
  return transport;
}

/**
 * Receive transport: its 'connect' (fired by the first consume) sends ConnectRecvTransport, which
 * connects and resumes every consumer pending so far in one request.
 */
export function createRecvTransport(
  device: Device,
  options: TransportOptionsFieldsFragment,
  ice: IceSettings,
  signaling: Signaling,
  takePendingConsumerIds: () => string[],
  onConnected: () => void,
): types.Transport {
  const transport = device.createRecvTransport(transportOptions(options, ice));
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    const consumerIds = takePendingConsumerIds();
    onConnected();
    signaling
      .mutate(ConnectRecvTransportDocument, { transportId: transport.id, dtlsParameters, consumerIds })
      .then(() => callback(), errback);
  });
  return transport;
}

/** How long ICE may stay 'disconnected' before we restart it (it often recovers by itself). */
export const ICE_DISCONNECTED_GRACE_MS = 1_500;

/**
 * Restarts ICE when the transport's connectionState goes 'failed' (at once) or stays
 * 'disconnected' for a moment: RestartIce (new ICE parameters and fresh TURN credentials, as the
 * join's may have expired during a long call) → transport.updateIceServers → transport.restartIce,
 * which gathers new relay candidates with them. `onIceServers` gets the fresh list (for transports
 * created later); `onFailed` is told when the restart itself fails (the session then rejoins).
 */
export function watchIce(
  transport: types.Transport,
  signaling: Signaling,
  onFailed: (error: unknown) => void,
  onIceServers: (iceServers: RTCIceServer[]) => void = () => undefined,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;
  const restart = async (): Promise<void> => {
    if (restarting || transport.closed) return;
    restarting = true;
    try {
      const data = await signaling.mutate(RestartIceDocument, { transportId: transport.id });
      if (transport.closed) return;
      const iceServers = toRtcIceServers(data.renewIceServers);
      onIceServers(iceServers);
      await transport.updateIceServers({ iceServers });
      if (!transport.closed) await transport.restartIce({ iceParameters: data.restartIce as types.IceParameters });
    } catch (error) {
      if (!transport.closed) onFailed(error);
    } finally {
      restarting = false;
    }
  };
  const onState = (state: types.ConnectionState): void => {
    clearTimeout(timer);
    if (state === 'failed') void restart();
    else if (state === 'disconnected') timer = setTimeout(() => void restart(), ICE_DISCONNECTED_GRACE_MS);
  };
  transport.on('connectionstatechange', onState);
  return () => {
    clearTimeout(timer);
    transport.off('connectionstatechange', onState);
  };
}
