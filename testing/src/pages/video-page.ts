/// <reference lib="dom" />
// Video test and bench page: joins a Voxlay channel over graphql-ws with mediasoup-client, produces
// the fake camera (simulcast or not), the fake screen or the clock canvas with its MediaSource, and
// watches another participant's stream on demand (watchStream), recording the frames its <video>
// element shows. It can also send the clock over a direct RTCPeerConnection (the reference path of
// the glass-to-glass benchmark). A test harness, not the product client (that is core/).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { Device, type types } from 'mediasoup-client';
import {
  ConnectTransportDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ResumeConsumersDocument,
  RouterRtpCapabilitiesDocument,
} from '../../../core/src/graphql/__generated__/graphql.js';
import { exposePageApi } from './audio.js';
import { execute, transportOptions } from './graphql.js';
import { ClockReader, type ClockSource, clockNow, startClockSource } from './video-clock.js';
import { DirectLink } from './video-direct.js';
import { FrameLog, videoElement } from './video-frames.js';
import {
  type ConsumerLayers,
  DIRECT_STREAM,
  type SentEncoding,
  type VideoPageApi,
  type VideoStats,
  type WatchTiming,
} from './video-page-api.js';

type Source = 'CAMERA' | 'SCREEN';

const ProduceDocument = parse('mutation VideoPageProduce($input: ProduceInput!) { produce(input: $input) { id } }') as TypedDocumentNode<
  { produce: { id: string } },
  { input: { transportId: string; kind: 'VIDEO'; source: Source; rtpParameters: unknown } }
>;
const WatchDocument = parse(
  'mutation VideoPageWatch($producerId: ID!) { watchStream(producerId: $producerId) { id producerId kind rtpParameters } }',
) as TypedDocumentNode<{ watchStream: { id: string; producerId: string; kind: string; rtpParameters: unknown } }, { producerId: string }>;
const StopDocument = parse('mutation VideoPageStop($producerId: ID!) { stopWatching(producerId: $producerId) }') as TypedDocumentNode<
  { stopWatching: boolean },
  { producerId: string }
>;
const LayersDocument = parse(
  `mutation VideoPageLayers($consumerId: ID!, $spatialLayer: Int!, $temporalLayer: Int) {
    setPreferredLayers(consumerId: $consumerId, spatialLayer: $spatialLayer, temporalLayer: $temporalLayer) {
      preferredLayers { spatialLayer temporalLayer }
      currentLayers { spatialLayer temporalLayer }
    }
  }`,
) as TypedDocumentNode<
  { setPreferredLayers: { preferredLayers: ConsumerLayers | null; currentLayers: ConsumerLayers | null } },
  { consumerId: string; spatialLayer: number; temporalLayer?: number }
>;

const ReceiveBitrateDocument = parse(
  'mutation VideoPageReceiveBitrate($bitsPerSecond: Int) { setReceiveBitrate(bitsPerSecond: $bitsPerSecond) }',
) as TypedDocumentNode<{ setReceiveBitrate: number }, { bitsPerSecond: number | null }>;

/**
 * The camera's simulcast: 320x240 and 640x480 of the 640x480 fake camera. Two layers because Chromium
 * sends at most two for a 640x480 source (its simulcast layer limit; a third encoding stays inactive).
 */
const CAMERA_SIMULCAST: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

interface Watched {
  consumer: types.Consumer;
  element: HTMLVideoElement;
  log: FrameLog;
  timing: WatchTiming;
}

class VideoHarness {
  readonly #device = new Device();
  /** Local consumers by the producer id they receive, with the element each plays in. */
  readonly #watched = new Map<string, Watched>();
  readonly #tracks: MediaStreamTrack[] = [];
  readonly #producers = new Map<string, types.Producer>();
  readonly errors: string[] = [];
  #send?: types.Transport;
  #recv?: types.Transport;
  #clock?: ClockSource;
  #direct?: { link: DirectLink; element?: HTMLVideoElement; log?: FrameLog };

  constructor(private readonly client: Client) {}

  async join(channelId: string, displayName: string): Promise<{ participantId: string }> {
    const { routerRtpCapabilities } = await execute(this.client, RouterRtpCapabilitiesDocument, {});
    await this.#device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    const { joinChannel: join } = await execute(this.client, JoinChannelDocument, {
      input: { channelId, displayName, rtpCapabilities: this.#device.rtpCapabilities },
    });
    const send = this.#device.createSendTransport(transportOptions(join.sendTransport));
    send.on('connect', ({ dtlsParameters }, callback, errback) => {
      execute(this.client, ConnectTransportDocument, { transportId: send.id, dtlsParameters }).then(() => callback(), errback);
    });
    send.on('produce', ({ rtpParameters, appData }, callback, errback) => {
      const source = (appData as { source: Source }).source;
      execute(this.client, ProduceDocument, { input: { transportId: send.id, kind: 'VIDEO', source, rtpParameters } }).then(
        ({ produce }) => callback({ id: String(produce.id) }),
        errback,
      );
    });
    const recv = this.#device.createRecvTransport(transportOptions(join.recvTransport));
    recv.on('connect', ({ dtlsParameters }, callback, errback) => {
      execute(this.client, ConnectTransportDocument, { transportId: recv.id, dtlsParameters }).then(() => callback(), errback);
    });
    this.#send = send;
    this.#recv = recv;
    return { participantId: String(join.participant.id) };
  }

  async produceCamera(simulcast: boolean): Promise<string> {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    return this.#produce(this.#track(stream), 'CAMERA', simulcast ? CAMERA_SIMULCAST : undefined);
  }

  async produceScreen(): Promise<string> {
    return this.#produce(this.#track(await navigator.mediaDevices.getDisplayMedia({ video: true })), 'SCREEN');
  }

  produceClock(): Promise<string> {
    return this.#produce(this.#clockTrack(), 'SCREEN');
  }

  async watch(producerId: string, readClock: boolean): Promise<string> {
    if (!this.#recv) throw new Error('join first');
    const calledAt = clockNow();
    const { watchStream: options } = await execute(this.client, WatchDocument, { producerId });
    const answeredAt = clockNow();
    const consumer = await this.#recv.consume({
      id: String(options.id),
      producerId: String(options.producerId),
      kind: 'video',
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    const element = videoElement(consumer.track, this.errors);
    const log = new FrameLog(element, readClock ? new ClockReader() : undefined);
    const timing: WatchTiming = { calledAt, answeredAt, resumedAt: Number.NaN };
    this.#watched.set(producerId, { consumer, element, log, timing });
    await execute(this.client, ResumeConsumersDocument, { consumerIds: [consumer.id] });
    timing.resumedAt = clockNow();
    return consumer.id;
  }

  async stopWatching(producerId: string): Promise<boolean> {
    const { stopWatching } = await execute(this.client, StopDocument, { producerId });
    this.#forget(producerId);
    return stopWatching;
  }

  async setPreferredLayers(producerId: string, spatialLayer: number, temporalLayer?: number) {
    const { consumer } = this.#get(producerId);
    const variables =
      temporalLayer === undefined ? { consumerId: consumer.id, spatialLayer } : { consumerId: consumer.id, spatialLayer, temporalLayer };
    return (await execute(this.client, LayersDocument, variables)).setPreferredLayers;
  }

  async setReceiveBitrate(bitsPerSecond: number | null): Promise<number> {
    return (await execute(this.client, ReceiveBitrateDocument, { bitsPerSecond })).setReceiveBitrate;
  }

  async videoStats(producerId: string): Promise<VideoStats> {
    const totals: VideoStats = { framesDecoded: 0, frameWidth: 0, frameHeight: 0, bytesReceived: 0 };
    const watched = this.#watched.get(producerId);
    if (!watched || watched.consumer.closed) return totals;
    const report = await watched.consumer.getStats();
    report.forEach((stat: { type: string; kind?: string } & Partial<VideoStats>) => {
      if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
      totals.framesDecoded += stat.framesDecoded ?? 0;
      totals.bytesReceived += stat.bytesReceived ?? 0;
      totals.frameWidth = Math.max(totals.frameWidth, stat.frameWidth ?? 0);
      totals.frameHeight = Math.max(totals.frameHeight, stat.frameHeight ?? 0);
    });
    return totals;
  }

  watchTiming(producerId: string): WatchTiming {
    const { timing, log } = this.#get(producerId);
    const firstFrame = log.frames[0];
    return firstFrame ? { ...timing, firstFrame } : { ...timing };
  }

  frames(stream: string, since?: number) {
    const log = stream === DIRECT_STREAM ? this.#direct?.log : this.#watched.get(stream)?.log;
    return log?.since(since) ?? [];
  }

  async directOffer(): Promise<string> {
    const link = new DirectLink();
    this.#direct = { link };
    return link.offer(this.#clockTrack());
  }

  async directAnswer(offer: string): Promise<string> {
    const link = new DirectLink();
    this.#direct = { link };
    const { answer, track } = await link.answer(offer);
    const element = videoElement(track, this.errors);
    this.#direct = { link, element, log: new FrameLog(element, new ClockReader()) };
    return answer;
  }

  async directAccept(answer: string): Promise<void> {
    if (!this.#direct) throw new Error('no direct connection');
    await this.#direct.link.accept(answer);
  }

  async leave(): Promise<void> {
    await execute(this.client, LeaveChannelDocument, {});
    for (const producerId of [...this.#watched.keys()]) this.#forget(producerId);
    this.#direct?.log?.stop();
    this.#direct?.element?.remove();
    this.#direct?.link.close();
    this.#direct = undefined;
    for (const track of this.#tracks) track.stop();
    this.#clock?.close();
    this.#send?.close();
    this.#recv?.close();
    await this.client.dispose();
  }

  #track(stream: MediaStream): MediaStreamTrack {
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('no video track');
    this.#tracks.push(track);
    return track;
  }

  /** A new track of the page's clock canvas (one canvas for the SFU and the direct path), contentHint 'detail' as a screen. */
  #clockTrack(): MediaStreamTrack {
    this.#clock ??= startClockSource();
    const track = this.#clock.track.clone();
    track.contentHint = 'detail';
    this.#tracks.push(track);
    return track;
  }

  async #produce(track: MediaStreamTrack, source: Source, encodings?: types.RtpEncodingParameters[]): Promise<string> {
    if (!this.#send) throw new Error('join first');
    track.contentHint ||= source === 'SCREEN' ? 'detail' : 'motion';
    const codec = this.#device.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
    const producer = await this.#send.produce({
      track,
      appData: { source },
      ...(codec ? { codec } : {}),
      ...(encodings ? { encodings } : {}),
    });
    // A loaded test machine must not make the encoder shrink the frames the test measures.
    const sender = producer.rtpSender;
    if (sender) {
      const parameters = sender.getParameters();
      parameters.degradationPreference = 'maintain-resolution';
      await sender.setParameters(parameters);
    }
    this.#producers.set(producer.id, producer);
    return producer.id;
  }

  async sentEncodings(producerId: string): Promise<SentEncoding[]> {
    const producer = this.#producers.get(producerId);
    if (!producer) throw new Error(`no producer ${producerId}`);
    const encodings: SentEncoding[] = [];
    (await producer.getStats()).forEach((stat: { type: string } & Partial<SentEncoding>) => {
      if (stat.type !== 'outbound-rtp') return;
      encodings.push({
        ...(stat.rid === undefined ? {} : { rid: stat.rid }),
        frameWidth: stat.frameWidth ?? 0,
        frameHeight: stat.frameHeight ?? 0,
        framesPerSecond: stat.framesPerSecond ?? 0,
        bytesSent: stat.bytesSent ?? 0,
        qualityLimitationReason: stat.qualityLimitationReason ?? 'none',
      });
    });
    return encodings.sort((a, b) => a.frameWidth - b.frameWidth);
  }

  #get(producerId: string): Watched {
    const watched = this.#watched.get(producerId);
    if (!watched) throw new Error(`not watching ${producerId}`);
    return watched;
  }

  #forget(producerId: string): void {
    const watched = this.#watched.get(producerId);
    if (!watched) return;
    this.#watched.delete(producerId);
    watched.log.stop();
    watched.consumer.close();
    watched.element.srcObject = null;
    watched.element.remove();
  }
}

let harness: VideoHarness | undefined;

function current(): VideoHarness {
  if (!harness) throw new Error('join first');
  return harness;
}

const video: VideoPageApi = {
  async join(serverUrl, channelId, displayName) {
    if (harness) throw new Error('already joined');
    const url = new URL('/graphql', serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    harness = new VideoHarness(createClient({ url: url.href, lazy: false, retryAttempts: 0 }));
    return harness.join(channelId, displayName);
  },
  produceCamera: (options) => current().produceCamera(options?.simulcast === true),
  produceScreen: () => current().produceScreen(),
  produceClock: () => current().produceClock(),
  watch: (producerId, options) => current().watch(producerId, options?.readClock === true),
  stopWatching: (producerId) => current().stopWatching(producerId),
  setPreferredLayers: (producerId, spatialLayer, temporalLayer) => current().setPreferredLayers(producerId, spatialLayer, temporalLayer),
  setReceiveBitrate: (bitsPerSecond) => current().setReceiveBitrate(bitsPerSecond),
  sentEncodings: (producerId) => current().sentEncodings(producerId),
  videoStats: (producerId) => current().videoStats(producerId),
  watchTiming: async (producerId) => current().watchTiming(producerId),
  frames: async (stream, since) => current().frames(stream, since),
  now: async () => clockNow(),
  directOffer: () => current().directOffer(),
  directAnswer: (offer) => current().directAnswer(offer),
  directAccept: (answer) => current().directAccept(answer),
  errors: async () => current().errors.slice(),
  async leave() {
    await current().leave();
    harness = undefined;
  },
};

exposePageApi('video', video);
