// The silent members of the large channel: Node clients, each on its own graphql-ws WebSocket, that
// join through the real control plane with a browser Device's RTP capabilities and (optionally)
// follow their participant events, but never connect media: they cost the server its participant,
// transports and consumers, and nothing on the wire.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { execute } from '@voxlay/testing/pages/graphql';
import { withTimeout } from './config.js';

/** A lean join: a large-channel client does not read the whole member list with it. */
const JoinDocument = parse(`mutation LargeChannelMemberJoin($input: JoinChannelInput!) {
  joinChannel(input: $input) { participant { id } consumers { id } seq }
}`) as TypedDocumentNode<
  { joinChannel: { participant: { id: string }; consumers: Array<{ id: string }>; seq: number } },
  { input: { channelId: string; displayName: string; rtpCapabilities: unknown } }
>;

interface EventsData {
  participantEvents: { seq: number; event: { __typename: string } };
}
const EventsDocument = parse(`subscription LargeChannelMemberEvents($participantId: ID!, $afterSeq: Int) {
  participantEvents(participantId: $participantId, afterSeq: $afterSeq) { seq event { __typename } }
}`) as TypedDocumentNode<EventsData, { participantId: string; afterSeq: number }>;

export interface MembersOptions {
  serverUrl: string;
  channelId: string;
  count: number;
  rtpCapabilities: unknown;
  /** Joins in flight at once. */
  concurrency: number;
  /** Follow participantEvents like a real client (every member then receives the channel's events). */
  subscribe: boolean;
  joinTimeoutMs: number;
  log(message: string): void;
}

export interface JoinPhase {
  joined: number;
  failed: number;
  errors: string[];
  /** Wall time of the whole phase, and of each join (socket open + joinChannel answered). */
  seconds: number;
  joinMs: number[];
}

interface Member {
  client: Client;
  participantId: string;
  stop?: () => void;
}

/** The members' clients and the events they received, by type. */
export class SilentMembers {
  readonly #members: Member[] = [];
  readonly events = new Map<string, number>();
  #closed = false;

  get size(): number {
    return this.#members.length;
  }

  eventsTotal(): number {
    let n = 0;
    for (const v of this.events.values()) n += v;
    return n;
  }

  async join(options: MembersOptions): Promise<JoinPhase> {
    const phase: JoinPhase = { joined: 0, failed: 0, errors: [], seconds: 0, joinMs: [] };
    let next = 0;
    const t0 = performance.now();
    const one = async (i: number) => {
      const started = performance.now();
      // Counted, not printed: a dropped member socket shows in the events table.
      const client = memberClient(options.serverUrl, () => this.#count('socket closed'));
      try {
        const data = await withTimeout(
          execute(client, JoinDocument, {
            input: { channelId: options.channelId, displayName: `Member ${i}`, rtpCapabilities: options.rtpCapabilities },
          }),
          options.joinTimeoutMs,
          `member ${i} join`,
        );
        phase.joinMs.push(performance.now() - started);
        const member: Member = { client, participantId: data.joinChannel.participant.id };
        if (options.subscribe) {
          member.stop = client.subscribe<EventsData>(
            { query: print(EventsDocument), variables: { participantId: member.participantId, afterSeq: data.joinChannel.seq } },
            {
              next: ({ data: d }) => {
                this.#count(d?.participantEvents.event.__typename ?? 'error');
              },
              error: () => this.#count('subscription error'),
              complete: () => {},
            },
          );
        }
        this.#members.push(member);
        phase.joined++;
      } catch (error) {
        phase.failed++;
        if (phase.errors.length < 5) phase.errors.push(error instanceof Error ? error.message : String(error));
        await client.dispose();
      }
    };
    const lanes = Array.from({ length: Math.min(options.concurrency, options.count) }, async () => {
      while (next < options.count && !this.#closed) {
        const i = next++;
        await one(i);
        if ((i + 1) % 100 === 0) options.log(`large-channel: ${i + 1}/${options.count} members joined (${phase.failed} failed)`);
      }
    });
    await Promise.all(lanes);
    phase.seconds = (performance.now() - t0) / 1000;
    return phase;
  }

  #count(type: string): void {
    this.events.set(type, (this.events.get(type) ?? 0) + 1);
  }

  /** Closes every member's socket (the server closes their participants after its grace period). */
  async close(): Promise<void> {
    this.#closed = true;
    const all = this.#members.splice(0);
    await Promise.all(
      all.map(async (m) => {
        m.stop?.();
        await m.client.dispose();
      }),
    );
  }
}

/** A member's own graphql-ws client: eager, never retried (a dropped socket is reported, not replayed). */
export function memberClient(serverUrl: string, onSocketError: () => void): Client {
  const url = new URL('/graphql', serverUrl);
  url.protocol = 'ws:';
  return createClient({ url: url.href, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: onSocketError });
}
