/// <reference lib="dom" />
// Page script for video.test.ts: joins a Voxlay channel over graphql-ws with mediasoup-client,
// produces the fake camera or screen with its MediaSource, and watches another participant's stream
// on demand (watchStream). A test harness, not the product client (that is core/).
// Checked with core's settings (server/tsconfig.core-pages.json), bundled by esbuild.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { Device, type types } from 'mediasoup-client';
import { execute, transportOptions } from '@voxlay/testing/pages/graphql';
import {
  ConnectTransportDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ResumeConsumersDocument,
  RouterRtpCapabilitiesDocument,
} from '../../../../core/src/graphql/__generated__/graphql.js';
import { exposePageApi } from '@voxlay/testing/pages/audio';
import type { VideoPageApi, VideoStats } from '../video-page-api.js';

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

class VideoHarness {
  readonly #device = new Device();
  /** Local consumers by the producer id they receive, with the element each plays in. */
  readonly #watched = new Map<string, { consumer: types.Consumer; element: HTMLVideoElement }>();
  readonly #tracks: MediaStreamTrack[] = [];
  readonly errors: string[] = [];
  #send?: types.Transport;
  #recv?: types.Transport;

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

  async produce(source: Source): Promise<string> {
    if (!this.#send) throw new Error('join first');
    const stream =
      source === 'CAMERA'
        ? await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } })
        : await navigator.mediaDevices.getDisplayMedia({ video: true });
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error(`no ${source} track`);
    track.contentHint = source === 'SCREEN' ? 'detail' : 'motion';
    this.#tracks.push(track);
    const producer = await this.#send.produce({ track, appData: { source } });
    // A loaded test machine must not make the encoder shrink the frames the test measures.
    const sender = producer.rtpSender;
    if (sender) {
      const parameters = sender.getParameters();
      parameters.degradationPreference = 'maintain-resolution';
      await sender.setParameters(parameters);
    }
    return producer.id;
  }

  async watch(producerId: string): Promise<string> {
    if (!this.#recv) throw new Error('join first');
    const { watchStream: options } = await execute(this.client, WatchDocument, { producerId });
    const consumer = await this.#recv.consume({
      id: String(options.id),
      producerId: String(options.producerId),
      kind: 'video',
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    const element = document.createElement('video');
    element.autoplay = true;
    element.muted = true;
    element.playsInline = true;
    element.srcObject = new MediaStream([consumer.track]);
    document.body.append(element);
    void element.play().catch((err: unknown) => this.errors.push(`video.play(): ${String(err)}`));
    this.#watched.set(producerId, { consumer, element });
    await execute(this.client, ResumeConsumersDocument, { consumerIds: [consumer.id] });
    return consumer.id;
  }

  async stopWatching(producerId: string): Promise<boolean> {
    const { stopWatching } = await execute(this.client, StopDocument, { producerId });
    this.#forget(producerId);
    return stopWatching;
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

  async leave(): Promise<void> {
    await execute(this.client, LeaveChannelDocument, {});
    for (const producerId of [...this.#watched.keys()]) this.#forget(producerId);
    for (const track of this.#tracks) track.stop();
    this.#send?.close();
    this.#recv?.close();
    await this.client.dispose();
  }

  #forget(producerId: string): void {
    const watched = this.#watched.get(producerId);
    if (!watched) return;
    this.#watched.delete(producerId);
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
  produceCamera: () => current().produce('CAMERA'),
  produceScreen: () => current().produce('SCREEN'),
  watch: (producerId) => current().watch(producerId),
  stopWatching: (producerId) => current().stopWatching(producerId),
  videoStats: (producerId) => current().videoStats(producerId),
  errors: async () => current().errors.slice(),
  async leave() {
    await current().leave();
    harness = undefined;
  },
};

exposePageApi('video', video);
