import type { types } from 'mediasoup-client';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  ProduceDocument,
  RestartIceDocument,
  type TransportOptionsFieldsFragment,
} from './graphql/__generated__/graphql';
import type { Signaling } from './signaling';

type Device = import('mediasoup-client').Device;

/** The server's JSON TransportOptions → mediasoup-client's options. */
function transportOptions(options: TransportOptionsFieldsFragment): types.TransportOptions {
  return {
    id: options.id,
    iceParameters: options.iceParameters as types.IceParameters,
    iceCandidates: options.iceCandidates as types.IceCandidate[],
    dtlsParameters: options.dtlsParameters as types.DtlsParameters,
  };
}

/** Send transport: 'connect' → ConnectTransport, 'produce' → Produce (paused per appData.paused). */
export function createSendTransport(device: Device, options: TransportOptionsFieldsFragment, signaling: Signaling): types.Transport {
  const transport = device.createSendTransport(transportOptions(options));
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
  signaling: Signaling,
  takePendingConsumerIds: () => string[],
  onConnected: () => void,
): types.Transport {
  const transport = device.createRecvTransport(transportOptions(options));
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
 * 'disconnected' for a moment: RestartIce → transport.restartIce({ iceParameters }).
 * `onFailed` is told when the restart itself fails (the session then rejoins).
 */
export function watchIce(transport: types.Transport, signaling: Signaling, onFailed: (error: unknown) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;
  const restart = async (): Promise<void> => {
    if (restarting || transport.closed) return;
    restarting = true;
    try {
      const data = await signaling.mutate(RestartIceDocument, { transportId: transport.id });
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
