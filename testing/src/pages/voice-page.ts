import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { Device, type types } from 'mediasoup-client';
import { execute, transportOptions } from './graphql.js';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ParticipantEventsDocument,
  PauseProducerDocument,
  ProduceDocument,
  ResumeProducerDocument,
  ResumeConsumersDocument,
  RouterRtpCapabilitiesDocument,
  type ConsumerOptionsFieldsFragment,
  type ParticipantEventsSubscription,
} from '../../../core/src/graphql/__generated__/graphql.js';
import type { AudioStats, JoinOptions, JoinResult, SpeakerStats, VoicePageApi } from '../page-api.js';
import { exposePageApi, inboundAudioStats, openMicrophone, openTone, OPUS_CODEC_OPTIONS, playTrack } from './audio.js';

/** One joined participant: its WebSocket client, Device, transports and consumers. */
class VoiceHarness {
  private readonly device = new Device();
  private readonly consumers = new Map<string, types.Consumer>();
  /** Whose producer each consumer receives (producerParticipantId). */
  private readonly consumerSpeakers = new Map<string, string>();
  /** The most consumers open at once. */
  private maxOpenConsumers = 0;
  /** Every ActiveSpeakersChanged seen, in order. */
  private readonly activeSpeakerEvents: string[][] = [];
  private producerId?: string;
  private readonly stopPlaying: (() => void)[] = [];
  /** Consumers handed to the server for resuming (by the recv connect, or one by one afterwards). */
  private readonly resumed = new Set<string>();
  /** Consumer ids known before the recv transport connected: the connect resumes them all. */
  private readonly pending = new Set<string>();
  private recvConnected = false;
  private sendTransport?: types.Transport;
  private recvTransport?: types.Transport;
  private unsubscribe?: () => void;
  readonly errors: string[] = [];

  constructor(private readonly client: Client) {}

  async join(channelId: string, displayName: string, options: JoinOptions = {}): Promise<JoinResult> {
    const { client } = this;
    // Can be fetched (and cached) before the join; the join returns it too.
    const { routerRtpCapabilities } = await execute(client, RouterRtpCapabilitiesDocument, {});
    await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });

    const { joinChannel: join } = await execute(client, JoinChannelDocument, {
      input: { channelId, displayName, rtpCapabilities: this.device.rtpCapabilities },
    });
    const participantId = String(join.participant.id);

    const recv = this.device.createRecvTransport(transportOptions(join.recvTransport));
    this.recvTransport = recv;
    recv.on('connect', ({ dtlsParameters }, callback, errback) => {
      // Connect and resume every consumer known so far in one round trip.
      const consumerIds = [...this.pending];
      execute(client, ConnectRecvTransportDocument, { transportId: recv.id, dtlsParameters, consumerIds }).then(() => {
        for (const id of consumerIds) this.resumed.add(id);
        this.recvConnected = true;
        callback();
      }, errback);
    });

    const send = this.device.createSendTransport(transportOptions(join.sendTransport));
    this.sendTransport = send;
    send.on('connect', ({ dtlsParameters }, callback, errback) => {
      execute(client, ConnectTransportDocument, { transportId: send.id, dtlsParameters }).then(() => callback(), errback);
    });
    send.on('produce', ({ rtpParameters }, callback, errback) => {
      execute(client, ProduceDocument, { input: { transportId: send.id, kind: 'AUDIO', rtpParameters } }).then(
        ({ produce }) => callback({ id: String(produce.id) }),
        errback,
      );
    });

    // Events are buffered from the join: start after the last one the payload already reflects.
    this.unsubscribe = client.subscribe(
      { query: print(ParticipantEventsDocument), variables: { participantId, afterSeq: join.seq } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) this.errors.push(...errors.map((e) => e.message));
          const event = (data as ParticipantEventsSubscription | null | undefined)?.participantEvents.event;
          if (event?.__typename === 'ConsumerAdded') {
            this.addConsumer(event.consumer).catch((err: unknown) => this.errors.push(String(err)));
          } else if (event?.__typename === 'ConsumerClosed') {
            this.consumers.get(String(event.consumerId))?.close();
          } else if (event?.__typename === 'ActiveSpeakersChanged') {
            this.activeSpeakerEvents.push(event.participantIds.map(String));
          }
        },
        error: (err) => this.errors.push(`participantEvents: ${String(err)}`),
        complete: () => {},
      },
    );

    await Promise.all(join.consumers.map((c) => this.addConsumer(c)));
    if (options.speak === false) return { participantId, producerId: '', initialConsumers: join.consumers.length };
    const track = options.tone ? openTone() : await openMicrophone();
    const producer = await send.produce({ track, codecOptions: OPUS_CODEC_OPTIONS });
    this.producerId = producer.id;
    return { participantId, producerId: producer.id, initialConsumers: join.consumers.length };
  }

  /** Server-side mute (pauseProducer) or unmute. */
  async mute(muted: boolean): Promise<void> {
    const producerId = this.producerId;
    if (!producerId) throw new Error('not speaking');
    if (muted) await execute(this.client, PauseProducerDocument, { producerId });
    else await execute(this.client, ResumeProducerDocument, { producerId });
  }

  /** Bytes received and audio energy played per speaker over the open consumers, and the most consumers ever open at once. */
  async speakerStats(): Promise<SpeakerStats> {
    const at = performance.now();
    const bytesBySpeaker: Record<string, number> = {};
    const energyBySpeaker: Record<string, number> = {};
    for (const [id, consumer] of this.consumers) {
      if (consumer.closed) continue;
      const speaker = this.consumerSpeakers.get(id) ?? '?';
      const { bytesReceived, totalAudioEnergy } = await inboundAudioStats([consumer]);
      bytesBySpeaker[speaker] = (bytesBySpeaker[speaker] ?? 0) + bytesReceived;
      energyBySpeaker[speaker] = (energyBySpeaker[speaker] ?? 0) + totalAudioEnergy;
    }
    return {
      bytesBySpeaker,
      energyBySpeaker,
      at,
      maxOpenConsumers: this.maxOpenConsumers,
      activeSpeakerEvents: this.activeSpeakerEvents.slice(),
    };
  }

  /** Creates a server-made (paused) consumer locally, plays it, and has the server resume it. */
  private async addConsumer(options: ConsumerOptionsFieldsFragment): Promise<void> {
    const id = String(options.id);
    if (!this.recvTransport) throw new Error('no recv transport');
    if (!this.recvConnected) this.pending.add(id);
    const consumer = await this.recvTransport.consume({
      id,
      producerId: String(options.producerId),
      kind: 'audio',
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    this.consumers.set(id, consumer);
    this.consumerSpeakers.set(id, String(options.producerParticipantId));
    consumer.observer.on('close', () => this.consumers.delete(id));
    this.maxOpenConsumers = Math.max(this.maxOpenConsumers, [...this.consumers.values()].filter((c) => !c.closed).length);
    this.stopPlaying.push(playTrack(consumer.track));
    if (!this.resumed.has(id)) {
      this.resumed.add(id);
      await execute(this.client, ResumeConsumersDocument, { consumerIds: [id] });
    }
  }

  stats(): Promise<AudioStats> {
    return inboundAudioStats(this.consumers.values());
  }

  async leave(): Promise<void> {
    await execute(this.client, LeaveChannelDocument, {});
    this.unsubscribe?.();
    for (const stop of this.stopPlaying) stop();
    for (const consumer of this.consumers.values()) consumer.close();
    this.sendTransport?.close();
    this.recvTransport?.close();
    await this.client.dispose();
  }
}

let harness: VoiceHarness | undefined;

function current(): VoiceHarness {
  if (!harness) throw new Error('join first');
  return harness;
}

const voice: VoicePageApi = {
  async join(serverUrl, channelId, displayName, options) {
    if (harness) throw new Error('already joined');
    const url = new URL('/graphql', serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    // Not lazy: the participant is bound to this one WebSocket, which must stay open between operations.
    harness = new VoiceHarness(createClient({ url: url.href, lazy: false, retryAttempts: 0 }));
    return harness.join(channelId, displayName, options);
  },
  stats: () => current().stats(),
  speakerStats: () => current().speakerStats(),
  mute: (muted) => current().mute(muted),
  errors: async () => current().errors.slice(),
  async leave() {
    await current().leave();
    harness = undefined;
  },
};

exposePageApi('voice', voice);
