import {
  JoinChannelDocument,
  ParticipantEventsDocument,
  ProduceDocument,
  type JoinChannelMutation,
  type ParticipantEventsSubscription,
} from '../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../server/src/app.js';
import { defined, waitFor } from './wait.js';
import { TestClient, type EventCollector } from './client.js';
import { opusRtpParameters } from './media.js';

export type Joined = JoinChannelMutation['joinChannel'];
export type ParticipantEventValue = ParticipantEventsSubscription['participantEvents'];

/** A connected client that joined a channel, with its participantEvents subscription running. */
export interface Member {
  client: TestClient;
  joined: Joined;
  events: EventCollector<ParticipantEventsSubscription>;
}

export function joinMember(app: VoxlayApp, channelId: string, displayName: string, rtpCapabilities?: unknown): Promise<Member> {
  return joinOver(new TestClient(app.url), channelId, displayName, rtpCapabilities);
}

/** Joins `channelId` over `client` (e.g. one with a token) and subscribes to the participant's events. */
export async function joinOver(client: TestClient, channelId: string, displayName: string, rtpCapabilities?: unknown): Promise<Member> {
  const { joinChannel: joined } = await client.data(JoinChannelDocument, {
    input: { channelId, displayName, rtpCapabilities },
  });
  const events = client.subscribe(ParticipantEventsDocument, { participantId: joined.participant.id, afterSeq: joined.seq });
  return { client, joined, events };
}

/** Waits for a participant event of a given type (and optional extra condition). */
export function waitForEvent<T extends ParticipantEventValue['event']['__typename']>(
  member: Member,
  typename: T,
  match: (event: Extract<ParticipantEventValue['event'], { __typename: T }>) => boolean = () => true,
): Promise<Extract<ParticipantEventValue['event'], { __typename: T }>> {
  const isIt = (event: ParticipantEventValue['event']): event is Extract<ParticipantEventValue['event'], { __typename: T }> =>
    event.__typename === typename;
  return member.events
    .waitFor(({ participantEvents: { event } }) => isIt(event) && match(event))
    .then(({ participantEvents: { event } }) => event as Extract<ParticipantEventValue['event'], { __typename: T }>);
}

export async function produceAudio(member: Member, paused = false): Promise<string> {
  const { produce } = await member.client.data(ProduceDocument, {
    input: { transportId: member.joined.sendTransport.id, kind: 'AUDIO', rtpParameters: opusRtpParameters(), paused },
  });
  return produce.id;
}

/** Every id of a participant's mediasoup objects that must be gone from the worker after it leaves. */
export function mediaIdsOf(app: VoxlayApp, participantId: string): string[] {
  for (const channel of app.channels.list()) {
    const participant = channel.participant(participantId);
    if (participant) {
      return [
        ...participant.transports.map((transport) => transport.id),
        ...participant.producers.map((producer) => producer.id),
        ...participant.consumers.map((consumer) => consumer.id),
      ];
    }
  }
  return [];
}

/**
 * Resolves once a channelEvents subscription is live. graphql-ws does not acknowledge a subscribe, and
 * the server starts listening a moment after it: only a delivered event proves it listens. `probe`
 * makes a participant join the channel (and leave again) and returns its id; it is repeated until
 * `events` delivers one probe's ParticipantJoined. The server publishes a channel's events in order,
 * so every event after that one reaches the subscriber. Returns the probes' ids (to filter them out).
 */
export async function untilChannelEventsLive<T extends { channelEvents: { __typename: string } }>(
  events: EventCollector<T>,
  probe: () => Promise<string>,
  timeoutMs = 5000,
): Promise<string[]> {
  const probes: string[] = [];
  const isProbeJoin = ({ channelEvents: event }: T): boolean =>
    event.__typename === 'ParticipantJoined' && probes.includes((event as { participant?: { id: string } }).participant?.id ?? '');
  await waitFor(
    async () => {
      probes.push(await probe());
      return events.waitFor(isProbeJoin, 250).catch(() => undefined);
    },
    defined,
    { message: 'the channelEvents subscription to deliver a probe participant joining', timeoutMs },
  );
  return probes;
}

/**
 * Resolves once a lobbyEvents subscription is live (see untilChannelEventsLive): `probe` makes
 * something happen that the subscriber may see, a participant joining or a channel created, and
 * returns its id; it is repeated until `events` delivers that ParticipantJoined or ChannelCreated.
 * Returns the probes' ids.
 */
export async function untilLobbyEventsLive<T extends { lobbyEvents: { __typename: string } }>(
  events: EventCollector<T>,
  probe: () => Promise<string>,
  timeoutMs = 5000,
): Promise<string[]> {
  const probes: string[] = [];
  const isProbe = ({ lobbyEvents: event }: T): boolean => {
    const e = event as { participant?: { id: string }; channel?: { id: string } };
    return probes.includes(e.participant?.id ?? e.channel?.id ?? '');
  };
  await waitFor(
    async () => {
      probes.push(await probe());
      return events.waitFor(isProbe, 250).catch(() => undefined);
    },
    defined,
    { message: 'the lobbyEvents subscription to deliver a probe', timeoutMs },
  );
  return probes;
}
