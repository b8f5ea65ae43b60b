// The Voxlay path of the capacity benchmark: participants made the way a client makes them, each on
// its own graphql-ws WebSocket to the running app: JoinChannel with RTP capabilities (the consumers of
// the active speakers come back with it), ConnectTransport + Produce for a speaker, and
// ConnectRecvTransport (connect + resume the consumers in one request) for everyone. Speakers follow
// their participantEvents like a real client (the consumers made while the active set fills arrive as
// ConsumerAdded and are resumed); the first speaker's stream is also where the benchmark reads the
// active speaker set over GraphQL. Listeners join once the set is full and still, so their join
// brings all their consumers; they do not subscribe (a thousand subscriptions would make every join
// cost the app a thousand event deliveries; no event reaches them while the set holds still).
// Video: a streamer's Produce carries source SCREEN; a viewer calls WatchStream for each stream (a
// paused consumer each) before ConnectRecvTransport resumes them, as a client opening the streams does.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import type { Client } from 'graphql-ws';
import type { types } from 'mediasoup';
import type { VoxlayApp } from '../../server/src/app.js';
import type { Channel } from '../../server/src/sfu/Channel.js';
import {
  ConnectRecvTransportDocument,
  ConnectTransportDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ParticipantEventsDocument,
  ProduceDocument,
  ResumeConsumersDocument,
  type JoinChannelMutation,
  type ParticipantEventsSubscription,
} from '../../core/src/graphql/__generated__/graphql.js';
import { memberClient } from './large-channel-members.js';
import { execute } from '@voxlay/testing/pages/graphql';
import type { SfuLayout, SfuParticipant, SfuParticipantObjects, SfuPath, SfuSource, TransportInfo } from './capacity-sfu.js';

type Joined = JoinChannelMutation['joinChannel'];

/** core/ has no watchStream document yet: the bench's own, asking only for the consumer's id. */
const WatchStreamDocument = parse(
  'mutation CapacityWatchStream($producerId: ID!) { watchStream(producerId: $producerId) { id } }',
) as TypedDocumentNode<{ watchStream: { id: string } }, { producerId: string }>;

export class VoxlayPath implements SfuPath {
  readonly kind = 'voxlay' as const;
  readonly workerPid: number;
  readonly routerRtpCapabilities: types.RtpCapabilities;
  readonly lastN: number;
  readonly portRange: { min: number; max: number };
  readonly #app: VoxlayApp;
  readonly #channel: Channel;
  readonly #clientCapabilities: types.RtpCapabilities;
  /** The active set as the first speaker's participantEvents report it. */
  #active: { ids: string[]; changes: number } = { ids: [], changes: 0 };
  #observer: VoxlayParticipant | undefined;
  /** Member sockets that closed under their client. */
  socketErrors = 0;

  constructor(
    app: VoxlayApp,
    channel: Channel,
    options: { workerPid: number; clientCapabilities: types.RtpCapabilities; portRange: { min: number; max: number } },
  ) {
    this.#app = app;
    this.#channel = channel;
    this.workerPid = options.workerPid;
    this.routerRtpCapabilities = channel.rtpCapabilities;
    this.lastN = channel.lastN;
    this.portRange = options.portRange;
    this.#clientCapabilities = options.clientCapabilities;
  }

  async join(displayName: string, speaker: boolean): Promise<SfuParticipant> {
    const client = memberClient(this.#app.url, () => this.socketErrors++);
    try {
      const { joinChannel } = await execute(client, JoinChannelDocument, {
        input: { channelId: this.#channel.id, displayName, rtpCapabilities: this.#clientCapabilities },
      });
      const participant = new VoxlayParticipant(client, joinChannel);
      if (speaker) {
        const observe = this.#observer === undefined || this.#observer.left;
        if (observe) {
          this.#observer = participant;
          this.#active = { ids: [...joinChannel.channel.activeSpeakerIds], changes: 0 };
        }
        participant.follow(joinChannel.seq, observe ? (ids) => (this.#active = { ids, changes: this.#active.changes + 1 }) : undefined);
      }
      return participant;
    } catch (error) {
      await client.dispose();
      throw error;
    }
  }

  activeSpeakers(): { ids: string[]; changes: number } {
    return { ids: [...this.#active.ids], changes: this.#active.changes };
  }

  objects(): SfuParticipantObjects[] {
    return this.#channel.participants.map((p) => ({
      id: p.id,
      routerId: this.#channel.routerOf(p)?.id,
      producer: p.producers[0],
      consumers: p.consumers,
      transports: p.transports,
    }));
  }

  layout(): SfuLayout {
    const routers = this.#channel.routers;
    return { routers: routers.length, pipedProducers: routers.reduce((n, r) => n + r.pipedProducerCount, 0) };
  }

  /** Resolves once every participant left the channel (the grace period of closed sockets included). */
  async drained(timeoutMs: number): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (this.#channel.participantCount > 0) {
      if (performance.now() > until)
        throw new Error(`${this.#channel.participantCount} participants still in the channel after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

class VoxlayParticipant implements SfuParticipant {
  readonly id: string;
  readonly send: TransportInfo;
  readonly recv: TransportInfo;
  readonly #client: Client;
  readonly #consumerIds = new Set<string>();
  #recvConnected = false;
  #left = false;
  #stopEvents: (() => void) | undefined;

  constructor(client: Client, joined: Joined) {
    this.#client = client;
    this.id = joined.participant.id;
    // The JSON scalars carry mediasoup's TransportOptions.
    this.send = joined.sendTransport as unknown as TransportInfo;
    this.recv = joined.recvTransport as unknown as TransportInfo;
    for (const consumer of joined.consumers) this.#consumerIds.add(consumer.id);
  }

  get consumerCount(): number {
    return this.#consumerIds.size;
  }

  get left(): boolean {
    return this.#left;
  }

  /** Follows participantEvents from `afterSeq`: consumers added and closed, and the active set. */
  follow(afterSeq: number, onActiveSpeakers?: (ids: string[]) => void): void {
    this.#stopEvents = this.#client.subscribe<ParticipantEventsSubscription>(
      { query: print(ParticipantEventsDocument), variables: { participantId: this.id, afterSeq } },
      {
        next: ({ data }) => {
          const event = data?.participantEvents.event;
          if (event?.__typename === 'ConsumerAdded') {
            this.#consumerIds.add(event.consumer.id);
            if (this.#recvConnected)
              void execute(this.#client, ResumeConsumersDocument, { consumerIds: [event.consumer.id] }).catch(() => undefined);
          } else if (event?.__typename === 'ConsumerClosed') {
            this.#consumerIds.delete(event.consumerId);
          } else if (event?.__typename === 'ActiveSpeakersChanged') {
            onActiveSpeakers?.(event.participantIds);
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  async connectSend(dtlsParameters: types.DtlsParameters): Promise<void> {
    await execute(this.#client, ConnectTransportDocument, { transportId: this.send.id, dtlsParameters });
  }

  async produce(rtpParameters: types.RtpParameters, source: SfuSource): Promise<string> {
    const kind = source === 'MICROPHONE' ? 'AUDIO' : 'VIDEO';
    const { produce } = await execute(this.#client, ProduceDocument, {
      input: { transportId: this.send.id, kind, source, rtpParameters, paused: false },
    });
    return String(produce.id);
  }

  async watch(producerIds: readonly string[]): Promise<void> {
    for (const producerId of producerIds) {
      const { watchStream } = await execute(this.#client, WatchStreamDocument, { producerId });
      this.#consumerIds.add(watchStream.id);
    }
  }

  async connectRecv(dtlsParameters: types.DtlsParameters): Promise<void> {
    this.#recvConnected = true;
    await execute(this.#client, ConnectRecvTransportDocument, {
      transportId: this.recv.id,
      dtlsParameters,
      consumerIds: [...this.#consumerIds],
    });
  }

  async leave(): Promise<void> {
    if (this.#left) return;
    this.#left = true;
    this.#stopEvents?.();
    await execute(this.#client, LeaveChannelDocument, {}).catch(() => undefined);
    await this.#client.dispose();
  }
}
