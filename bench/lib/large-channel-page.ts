/// <reference lib="dom" />
// Browser page of the large-channel suite (bundled by esbuild, served by the test page server).
// Joins through the Voxlay GraphQL API over graphql-ws like @voxlay/testing's pages/voice-page.ts,
// but a speaker joins muted (its producer created paused) and unmutes on command (resumeProducer),
// and the page records when each speaker's audio first arrives, for the last-N latency figure.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { Device, type types } from 'mediasoup-client';
import { execute, transportOptions } from '@voxlay/testing/pages/graphql';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  PauseProducerDocument,
  ProduceDocument,
  ResumeConsumersDocument,
  ResumeProducerDocument,
  RouterRtpCapabilitiesDocument,
  type ConsumerOptionsFieldsFragment,
} from '../../core/src/graphql/__generated__/graphql.js';
import { exposePageApi, openMicrophone, OPUS_CODEC_OPTIONS, playTrack } from '@voxlay/testing/pages/audio';
import type { HeardResult, LargeChannelJoin, LargeChannelPageApi, PageConsumer, PageEvent, PageTime } from './large-channel-types.js';

const now = (): PageTime => performance.timeOrigin + performance.now();

/**
 * The participant events this page needs, ActiveSpeakersChanged included (the committed contract has it;
 * core's generated ParticipantEvents document does not select it yet).
 */
interface EventsData {
  participantEvents: {
    seq: number;
    event:
      | { __typename: 'ConsumerAdded'; consumer: ConsumerOptionsFieldsFragment }
      | { __typename: 'ConsumerClosed'; consumerId: string; producerId: string }
      | { __typename: 'ActiveSpeakersChanged'; participantIds: string[] }
      | { __typename: string };
  };
}
const EventsDocument = parse(`subscription LargeChannelEvents($participantId: ID!, $afterSeq: Int) {
  participantEvents(participantId: $participantId, afterSeq: $afterSeq) {
    seq
    event {
      __typename
      ... on ConsumerAdded { consumer { id producerId producerParticipantId kind rtpParameters producerPaused } }
      ... on ConsumerClosed { consumerId producerId }
      ... on ActiveSpeakersChanged { participantIds }
    }
  }
}`) as TypedDocumentNode<EventsData, { participantId: string; afterSeq?: number }>;

interface Held {
  consumer: types.Consumer;
  record: PageConsumer;
  stop: () => void;
}

async function rtpCounts(consumer: types.Consumer): Promise<{ bytes: number; header: number; packets: number }> {
  const out = { bytes: 0, header: 0, packets: 0 };
  const report = await consumer.getStats();
  report.forEach((s: { type: string; bytesReceived?: number; headerBytesReceived?: number; packetsReceived?: number }) => {
    if (s.type !== 'inbound-rtp') return;
    out.bytes += s.bytesReceived ?? 0;
    out.header += s.headerBytesReceived ?? 0;
    out.packets += s.packetsReceived ?? 0;
  });
  return out;
}

/** One participant of the page: Device, transports, (paused) producer, consumers and an event log. */
class LargeChannelMember {
  readonly device = new Device();
  readonly held = new Map<string, Held>();
  readonly events: PageEvent[] = [];
  readonly errors: string[] = [];
  producerId?: string;
  private recv?: types.Transport;
  private send?: types.Transport;
  private recvConnected = false;
  private readonly pending = new Set<string>();
  private readonly resumed = new Set<string>();
  private unsubscribe?: () => void;
  private readonly watches = new Map<string, Promise<Pick<HeardResult, 'heardAt' | 'via'>>>();

  constructor(readonly client: Client) {}

  async join(channelId: string, displayName: string, speaker: boolean): Promise<LargeChannelJoin> {
    const { client } = this;
    const { routerRtpCapabilities } = await execute(client, RouterRtpCapabilitiesDocument, {});
    await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    const { joinChannel: join } = await execute(client, JoinChannelDocument, {
      input: { channelId, displayName, rtpCapabilities: this.device.rtpCapabilities },
    });
    const participantId = String(join.participant.id);
    const recv = this.device.createRecvTransport(transportOptions(join.recvTransport));
    this.recv = recv;
    recv.on('connect', ({ dtlsParameters }, callback, errback) => {
      const consumerIds = [...this.pending];
      execute(client, ConnectRecvTransportDocument, { transportId: recv.id, dtlsParameters, consumerIds }).then(() => {
        for (const id of consumerIds) this.resumed.add(id);
        this.recvConnected = true;
        callback();
        // Consumers that arrived while the connect was in flight.
        const late = [...this.pending].filter((id) => !this.resumed.has(id));
        for (const id of late) this.resumed.add(id);
        if (late.length)
          execute(client, ResumeConsumersDocument, { consumerIds: late }).catch((err: unknown) =>
            this.errors.push(`resume: ${String(err)}`),
          );
      }, errback);
    });
    this.unsubscribe = client.subscribe<EventsData>(
      { query: print(EventsDocument), variables: { participantId, afterSeq: join.seq } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) this.errors.push(...errors.map((e) => e.message));
          const event = data?.participantEvents.event;
          if (event) this.onEvent(event);
        },
        error: (err) => this.errors.push(`participantEvents: ${String(err)}`),
        complete: () => {},
      },
    );
    await Promise.all(join.consumers.map((c) => this.addConsumer(c)));
    if (speaker) {
      const send = this.device.createSendTransport(transportOptions(join.sendTransport));
      this.send = send;
      send.on('connect', ({ dtlsParameters }, callback, errback) => {
        execute(client, ConnectTransportDocument, { transportId: send.id, dtlsParameters }).then(() => callback(), errback);
      });
      send.on('produce', ({ rtpParameters }, callback, errback) => {
        // Joined muted: the server holds the producer paused until resumeProducer.
        execute(client, ProduceDocument, { input: { transportId: send.id, kind: 'AUDIO', rtpParameters, paused: true } }).then(
          ({ produce }) => callback({ id: String(produce.id) }),
          errback,
        );
      });
      const producer = await send.produce({ track: await openMicrophone(), codecOptions: OPUS_CODEC_OPTIONS });
      this.producerId = producer.id;
    }
    return { participantId, producerId: this.producerId, initialConsumers: join.consumers.length };
  }

  private onEvent(event: EventsData['participantEvents']['event']): void {
    const at = now();
    if (event.__typename === 'ConsumerAdded' && 'consumer' in event) {
      this.events.push({
        at,
        type: 'ConsumerAdded',
        participantId: String(event.consumer.producerParticipantId),
        consumerId: String(event.consumer.id),
      });
      this.addConsumer(event.consumer).catch((err: unknown) => this.errors.push(`consume: ${String(err)}`));
    } else if (event.__typename === 'ConsumerClosed' && 'consumerId' in event) {
      const held = this.held.get(String(event.consumerId));
      this.events.push({
        at,
        type: 'ConsumerClosed',
        consumerId: String(event.consumerId),
        participantId: held?.record.producerParticipantId,
      });
      if (held) {
        held.record.closedAt = at;
        held.stop();
        held.consumer.close();
      }
    } else if (event.__typename === 'ActiveSpeakersChanged' && 'participantIds' in event) {
      this.events.push({ at, type: 'ActiveSpeakersChanged', participantIds: event.participantIds.map(String) });
    } else {
      this.events.push({ at, type: event.__typename });
    }
  }

  /** Creates a server-made (paused) consumer locally, plays it, and has the server resume it. */
  private async addConsumer(options: ConsumerOptionsFieldsFragment): Promise<void> {
    const id = String(options.id);
    if (!this.recv) throw new Error('no recv transport');
    const record: PageConsumer = {
      id,
      producerParticipantId: String(options.producerParticipantId),
      addedAt: now(),
      bytesReceived: 0,
      headerBytesReceived: 0,
      packetsReceived: 0,
    };
    if (!this.recvConnected) this.pending.add(id);
    const consumer = await this.recv.consume({
      id,
      producerId: String(options.producerId),
      kind: 'audio',
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    const mark = () => (record.firstPacketAt ??= now());
    if (!consumer.track.muted) mark();
    else consumer.track.addEventListener('unmute', mark, { once: true });
    this.held.set(id, { consumer, record, stop: playTrack(consumer.track) });
    if (!this.resumed.has(id) && this.recvConnected) {
      this.resumed.add(id);
      await execute(this.client, ResumeConsumersDocument, { consumerIds: [id] });
    }
  }

  async refresh(): Promise<PageConsumer[]> {
    const out: PageConsumer[] = [];
    for (const { consumer, record } of this.held.values()) {
      if (!consumer.closed) {
        const c = await rtpCounts(consumer).catch(() => undefined);
        if (c) Object.assign(record, { bytesReceived: c.bytes, headerBytesReceived: c.header, packetsReceived: c.packets });
      }
      out.push({ ...record });
    }
    return out;
  }

  /**
   * Starts watching for audio from `participantId` (call before the speaker unmutes): a new consumer's
   * first packet (track unmute), or bytes growing on a consumer that already existed (getStats every 10 ms).
   */
  async arm(participantId: string, timeoutMs: number): Promise<void> {
    const armedAt = now();
    const baseline = new Map<string, number>();
    for (const { consumer, record } of this.held.values()) {
      if (record.producerParticipantId === participantId && !consumer.closed) baseline.set(record.id, (await rtpCounts(consumer)).bytes);
    }
    const watch = (async (): Promise<Pick<HeardResult, 'heardAt' | 'via'>> => {
      const deadline = armedAt + timeoutMs;
      for (let i = 0; i < Math.ceil(timeoutMs / 10) + 1 && now() < deadline; i++) {
        for (const { consumer, record } of this.held.values()) {
          if (record.producerParticipantId !== participantId) continue;
          const base = baseline.get(record.id);
          if (base === undefined) {
            if (record.addedAt >= armedAt && record.firstPacketAt !== undefined)
              return { heardAt: record.firstPacketAt, via: 'track-unmute' };
          } else if (!consumer.closed && (await rtpCounts(consumer)).bytes > base) {
            return { heardAt: now(), via: 'bytes' };
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return {};
    })();
    this.watches.set(participantId, watch);
  }

  /** The armed watch's result, with the control-plane steps seen after `since`. */
  async heard(participantId: string, since: PageTime): Promise<HeardResult> {
    const watch = this.watches.get(participantId);
    if (!watch) throw new Error(`not armed for ${participantId}`);
    const found = await watch;
    this.watches.delete(participantId);
    return {
      ...found,
      activeAt: this.events.find((e) => e.at >= since && e.type === 'ActiveSpeakersChanged' && e.participantIds?.includes(participantId))
        ?.at,
      consumerAddedAt: this.events.find((e) => e.at >= since && e.type === 'ConsumerAdded' && e.participantId === participantId)?.at,
    };
  }

  async unmute(): Promise<{ at: PageTime; answeredAt: PageTime }> {
    if (!this.producerId) throw new Error('not a speaker');
    const at = now();
    await execute(this.client, ResumeProducerDocument, { producerId: this.producerId });
    return { at, answeredAt: now() };
  }

  async mute(): Promise<{ at: PageTime }> {
    if (!this.producerId) throw new Error('not a speaker');
    const at = now();
    await execute(this.client, PauseProducerDocument, { producerId: this.producerId });
    return { at };
  }

  async leave(): Promise<void> {
    await execute(this.client, LeaveChannelDocument, {}).catch(() => undefined);
    this.unsubscribe?.();
    for (const h of this.held.values()) {
      h.stop();
      h.consumer.close();
    }
    this.send?.close();
    this.recv?.close();
    await this.client.dispose();
  }
}

function wsUrl(serverUrl: string): string {
  const url = new URL('/graphql', serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

let member: LargeChannelMember | undefined;
const current = (): LargeChannelMember => {
  if (!member) throw new Error('join first');
  return member;
};

const api: LargeChannelPageApi = {
  async deviceCapabilities(serverUrl) {
    const client = createClient({ url: wsUrl(serverUrl), lazy: true, retryAttempts: 0 });
    try {
      const { routerRtpCapabilities } = await execute(client, RouterRtpCapabilitiesDocument, {});
      const device = new Device();
      await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
      return device.rtpCapabilities;
    } finally {
      await client.dispose();
    }
  },
  async join(serverUrl, channelId, displayName, speaker) {
    if (member) throw new Error('already joined');
    // Not lazy: the participant is bound to this one WebSocket.
    member = new LargeChannelMember(createClient({ url: wsUrl(serverUrl), lazy: false, retryAttempts: 0 }));
    return member.join(channelId, displayName, speaker);
  },
  unmute: () => current().unmute(),
  mute: () => current().mute(),
  arm: (participantId, timeoutMs) => current().arm(participantId, timeoutMs),
  heard: (participantId, since) => current().heard(participantId, since),
  consumers: () => current().refresh(),
  events: async () => current().events.slice(),
  errors: async () => current().errors.slice(),
  now: async () => now(),
  async leave() {
    await member?.leave();
    member = undefined;
  },
};

exposePageApi('lc', api);
