import type { types } from 'mediasoup-client';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  ProduceDocument,
  RestartIceDocument,
  type IceServerFieldsFragment,
  type MediaSource,
  type TransportOptionsFieldsFragment,
} from '../graphql/__generated__/graphql';
import { ErrorCode, VoxlayError } from '../errors';
import type { Signaling } from '../signaling/Signaling';

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

/**
 * Send transport: 'connect' → ConnectTransport, 'produce' → Produce (paused per appData.paused, with
 * appData.source: MICROPHONE when absent).
 */
export function createSendTransport(
  device: Device,
  options: TransportOptionsFieldsFragment,
  ice: IceSettings,
  signaling: Signaling,
): types.Transport {
  const transport = device.createSendTransport(transportOptions(options, ice));
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling.mutate(ConnectTransportDocument, { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    const source = typeof appData.source === 'string' ? (appData.source as MediaSource) : 'MICROPHONE';
    signaling
      .mutate(ProduceDocument, {
        input: {
          transportId: transport.id,
          kind: kind === 'video' ? 'VIDEO' : 'AUDIO',
          source,
          rtpParameters,
          paused: appData.paused === true,
        },
      })
      .then((data) => callback({ id: data.produce.id }), errback);
  });
  return transport;
}

/** What a receive transport tells its connection about its one connect. */
export interface RecvConnectHooks {
  /** The consumers to resume with the connect (taken: ones consumed later resume on their own). */
  takePendingConsumerIds(): string[];
  /** The connect is on its way: consumers created from now on must be resumed by themselves. */
  connecting(): void;
  /** The server refused the connect (or never answered): this transport will carry nothing. */
  failed(error: unknown): void;
}

/**
 * Receive transport, hearing first. Its 'connect' (fired by the first consume) sends
 * ConnectRecvTransport, which connects and resumes every consumer pending so far in one request,
 * and lets mediasoup-client go on at once instead of after the server's answer: the browser sets
 * its answer and starts ICE a round trip earlier. The request still reaches the SFU before the
 * browser's DTLS ClientHello can (that needs ICE checks answered first, then the handshake); the
 * SFU would drop a ClientHello that came before the connect and the browser would resend it
 * 50 ms later, which the join benchmark would show as a tail (0 of 22 handshakes in a check with
 * mediasoup's DTLS log on). A refused connect reaches `hooks.failed`.
 */
export function createRecvTransport(
  device: Device,
  options: TransportOptionsFieldsFragment,
  ice: IceSettings,
  signaling: Signaling,
  hooks: RecvConnectHooks,
): types.Transport {
  const transport = device.createRecvTransport(transportOptions(options, ice));
  transport.on('connect', ({ dtlsParameters }, callback) => {
    const consumerIds = hooks.takePendingConsumerIds();
    hooks.connecting();
    callback();
    signaling.mutate(ConnectRecvTransportDocument, { transportId: transport.id, dtlsParameters, consumerIds }).catch((error: unknown) => {
      if (!transport.closed) hooks.failed(error);
    });
  });
  return transport;
}

/** How long ICE may stay 'disconnected' before we restart it (it often recovers by itself). */
export const ICE_DISCONNECTED_GRACE_MS = 1_500;

/**
 * After ICE gathering completed, how long a transport may stay 'new' before it counts as having no
 * path: nothing to check means no local candidate was usable (with policy 'relay': every TURN
 * allocation was refused or unreachable), and the browser would stay 'new' without ever failing.
 */
export const ICE_NO_CANDIDATE_GRACE_MS = 1_000;
/** Restarts in a row that gathered nothing before the transport reports it has no path. */
export const MAX_RESTARTS_WITHOUT_CANDIDATES = 2;
/** The longest wait between two restarts of a transport without candidates (they back off from 1 s). */
export const NO_CANDIDATE_RETRY_MAX_MS = 30_000;

/** What watchIce tells its connection. */
export interface IceWatchHooks {
  /** The ICE restart itself failed (the Channel then rejoins). */
  failed(error: unknown): void;
  /** The fresh TURN credentials of a restart (for transports created later). */
  iceServers?(iceServers: RTCIceServer[]): void;
  /**
   * ICE has no path (TRANSPORT_FAILED; restarts go on, backing off) or has one again (null). Not a
   * rejoin: it would get the same relays, and a new participant every few seconds.
   */
  noPath?(error: VoxlayError | null): void;
}

/**
 * Restarts ICE when the transport's connectionState goes 'failed' (at once) or stays
 * 'disconnected' for a moment: RestartIce (new ICE parameters and fresh TURN credentials, as the
 * join's may have expired during a long call) → transport.updateIceServers → transport.restartIce,
 * which gathers new relay candidates with them. The same restart follows a gathering that found no
 * usable candidate (the credentials expired before a late transport allocated its relay, coturn was
 * down): at once the first time, then backing off from 1 s to NO_CANDIDATE_RETRY_MAX_MS; after
 * MAX_RESTARTS_WITHOUT_CANDIDATES such restarts `noPath` reports it, and again (null) once connected.
 */
export function watchIce(transport: types.Transport, signaling: Signaling, hooks: IceWatchHooks): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let noCandidateTimer: ReturnType<typeof setTimeout> | undefined;
  let restartsWithoutCandidates = 0;
  let noPathReported = false;
  let restarting = false;
  const restart = async (): Promise<void> => {
    if (restarting || transport.closed) return;
    restarting = true;
    try {
      const data = await signaling.mutate(RestartIceDocument, { transportId: transport.id });
      if (transport.closed) return;
      const iceServers = toRtcIceServers(data.renewIceServers);
      hooks.iceServers?.(iceServers);
      await transport.updateIceServers({ iceServers });
      if (!transport.closed) await transport.restartIce({ iceParameters: data.restartIce as types.IceParameters });
    } catch (error) {
      if (!transport.closed) hooks.failed(error);
    } finally {
      restarting = false;
    }
  };
  const onState = (state: types.ConnectionState): void => {
    clearTimeout(timer);
    if (state === 'connected') {
      restartsWithoutCandidates = 0;
      if (noPathReported) hooks.noPath?.(null);
      noPathReported = false;
    }
    if (state === 'failed') void restart();
    else if (state === 'disconnected') timer = setTimeout(() => void restart(), ICE_DISCONNECTED_GRACE_MS);
  };
  const onGathering = (state: types.IceGatheringState): void => {
    clearTimeout(noCandidateTimer);
    if (state !== 'complete') return;
    noCandidateTimer = setTimeout(() => {
      if (transport.closed || transport.connectionState !== 'new') return;
      const attempt = restartsWithoutCandidates++;
      if (attempt >= MAX_RESTARTS_WITHOUT_CANDIDATES && !noPathReported) {
        noPathReported = true;
        hooks.noPath?.(
          new VoxlayError(
            ErrorCode.TRANSPORT_FAILED,
            'No network path to the voice server: ICE found no usable candidate (is the TURN relay refusing or unreachable?)',
          ),
        );
      }
      const delay = attempt === 0 ? 0 : Math.min(1_000 * 2 ** (attempt - 1), NO_CANDIDATE_RETRY_MAX_MS);
      noCandidateTimer = setTimeout(() => void restart(), delay);
    }, ICE_NO_CANDIDATE_GRACE_MS);
  };
  transport.on('connectionstatechange', onState);
  transport.on('icegatheringstatechange', onGathering);
  return () => {
    clearTimeout(timer);
    clearTimeout(noCandidateTimer);
    transport.off('connectionstatechange', onState);
    transport.off('icegatheringstatechange', onGathering);
  };
}
