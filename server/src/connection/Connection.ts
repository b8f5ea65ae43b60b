import { hasRight, lookUpChannel, OPEN_PRINCIPAL, requireIdentity, type Principal } from '../auth/access.js';
import { alreadyJoined, ErrorCode, forbidden, noSession, notFound, voxlayError } from '../errors.js';
import type { ClientAddress } from '../limits/ClientLimitsTypes.js';
import { clientOf, limitError } from '../limits/graphql.js';
import { TokenBucket } from '../limits/TokenBucket.js';
import type { JoinResult } from '../sfu/Channel.js';
import type { ParticipantEventData } from '../sfu/ChannelTypes.js';
import type { OutboxMessage } from '../sfu/EventOutbox.js';
import type { Participant } from '../sfu/Participant.js';
import type { MediaObjectKind, MediaObjects } from '../sfu/ParticipantTypes.js';
import { parseName, parseRtpCapabilities } from '../sfu/validation.js';
import type { ConnectionOptions, JoinRequest } from './ConnectionTypes.js';
import { ResumeTokens } from './ResumeTokens.js';

type EventStream = AsyncIterableIterator<OutboxMessage<ParticipantEventData>>;

const UNKNOWN_ADDRESS: ClientAddress = { ip: 'unknown', key: 'unknown', exempt: true };

const KIND_LABEL: Record<MediaObjectKind, string> = { transport: 'Transport', producer: 'Producer', consumer: 'Consumer' };

/**
 * One client's graphql-ws WebSocket connection. It holds at most one Participant, and every id an operation
 * names must belong to that participant. When the socket closes the participant gets a grace
 * period, then is closed (DISCONNECTED).
 */
export class Connection {
  readonly #options: ConnectionOptions;
  #participant: Participant | null = null;
  #joining = false;
  #socketClosed = false;
  #graceTimer: NodeJS.Timeout | undefined;
  /** The participant's resume token (resumeParticipant), while this connection holds the participant. */
  #resumeToken: string | undefined;
  /** This connection's participantEvents streams: they end when another connection resumes the participant. */
  readonly #eventStreams = new Set<EventStream>();
  readonly #resumeTokens: ResumeTokens<Connection>;
  readonly principal: Principal;
  /** The client address of the connection. */
  readonly address: ClientAddress;
  /** Mutations of this connection (limits/graphql.ts). */
  readonly mutationBucket: TokenBucket;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.principal = options.principal ?? OPEN_PRINCIPAL;
    this.address = options.address ?? UNKNOWN_ADDRESS;
    this.mutationBucket = new TokenBucket(options.mutationRatePerSecond ?? 30, options.mutationBurst ?? 60);
    this.#resumeTokens = ResumeTokens.of<Connection>(options.registry);
  }

  get socketClosed(): boolean {
    return this.#socketClosed;
  }

  /** The joined participant, while it is open. */
  get participant(): Participant | null {
    return this.#participant && !this.#participant.closed ? this.#participant : null;
  }

  requireParticipant(): Participant {
    const participant = this.participant;
    if (!participant) throw noSession('Join a channel first: this connection holds no participant');
    return participant;
  }

  /**
   * Joins a channel. Token mode: the token is checked (and the join right) before the channel id
   * is looked up, a channel the token does not grant is FORBIDDEN whether or not it exists, and a
   * participant of the same identity already in the channel is replaced. Joins are rate limited per
   * address and identity (RATE_LIMITED) once the caller may join.
   */
  async join(input: JoinRequest): Promise<JoinResult & { resumeToken: string }> {
    if (this.participant || this.#joining) throw alreadyJoined();
    const principal = this.principal;
    // Token mode: a valid, unexpired token first; its name is the display name (the client's is ignored).
    const identity = requireIdentity(principal);
    const displayName = identity ? identity.displayName : parseName(input.displayName, 'displayName');
    const rtpCapabilities =
      input.rtpCapabilities === undefined || input.rtpCapabilities === null ? undefined : parseRtpCapabilities(input.rtpCapabilities);
    this.#joining = true;
    try {
      const channel = await lookUpChannel(principal, input.channelId, (id) => this.#options.registry.get(id), 'join');
      if (!channel) throw notFound('Channel', input.channelId);
      const refusal = this.#options.limits?.takeJoin(clientOf(principal, this.address));
      if (refusal) throw limitError(refusal);
      const result = await channel.join({
        displayName,
        rtpCapabilities,
        permissions: { publish: hasRight(principal, 'publish'), subscribe: hasRight(principal, 'subscribe') },
        subject: identity?.subject,
      });
      this.#participant = result.participant;
      this.#dropResumeToken();
      const resumeToken = this.#resumeTokens.issue(this);
      this.#resumeToken = resumeToken;
      if (this.#socketClosed) this.#startGrace();
      return { ...result, resumeToken };
    } finally {
      this.#joining = false;
    }
  }

  ownTransport(id: string): MediaObjects['transport'] {
    return this.#own('transport', id);
  }

  ownProducer(id: string): MediaObjects['producer'] {
    return this.#own('producer', id);
  }

  ownConsumer(id: string): MediaObjects['consumer'] {
    return this.#own('consumer', id);
  }

  leave(): boolean {
    const participant = this.requireParticipant();
    participant.close('LEFT');
    this.#participant = null;
    this.#dropResumeToken();
    return true;
  }

  /**
   * resumeParticipant: takes over the participant `resumeToken` names from the connection holding it
   * (normally one whose socket closed, in its grace period). That connection lets go (its grace
   * timer stops, its participantEvents streams end); the participant, its transports, producer
   * and consumers stay as they are, so the channel sees nothing. NOT_FOUND when the token is
   * unknown or its participant is gone.
   */
  resume(resumeToken: string): Participant {
    if (this.participant || this.#joining) throw alreadyJoined();
    const tokens = this.#resumeTokens;
    const holder = tokens.holder(resumeToken);
    const participant = holder?.participant;
    if (!holder || !participant) {
      // Removed by the server (another device of the same identity joined, or the channel was
      // deleted): say so, so that the client does not join again on its own.
      const reason = holder ? holder.#participant?.leaveReason : undefined;
      if (holder) holder.#dropResumeToken();
      if (reason === 'REPLACED' || reason === 'CHANNEL_DELETED') {
        const why = reason === 'REPLACED' ? 'the same identity joined the channel from another connection' : 'the channel was deleted';
        throw voxlayError(ErrorCode.NOT_FOUND, `nothing to resume: ${why}`, { reason });
      }
      throw voxlayError(ErrorCode.NOT_FOUND, 'nothing to resume: the token is unknown or its participant is gone; join again');
    }
    // Token mode: the new connection must carry a valid token of the same subject.
    const identity = requireIdentity(this.principal);
    const heldBy = holder.principal.mode === 'token' ? holder.principal.identity?.subject : undefined;
    if (heldBy !== undefined && identity?.subject !== heldBy)
      throw voxlayError(ErrorCode.FORBIDDEN, 'this participant belongs to another identity');
    holder.#letGo();
    tokens.transfer(resumeToken, this);
    this.#participant = participant;
    this.#resumeToken = resumeToken;
    this.#options.logger.debug({ participantId: participant.id }, 'participant resumed on a new connection');
    if (this.#socketClosed) this.#startGrace();
    return participant;
  }

  /**
   * participantEvents of this connection's participant (FORBIDDEN for any other id). One the server
   * closed under this connection (replaced by another device, channel deleted, worker died) still
   * replays its buffered events, the last of which says why, then completes.
   */
  subscribeEvents(participantId: string, afterSeq: number | null | undefined): EventStream {
    const participant = this.#participant;
    if (!participant || participant.id !== participantId) throw forbidden('Participant', participantId);
    const source = participant.outbox.subscribe(afterSeq);
    const streams = this.#eventStreams;
    const stream: EventStream = {
      next: async () => {
        const result = await source.next();
        if (result.done) streams.delete(stream);
        return result;
      },
      return: () => {
        streams.delete(stream);
        return source.return?.() ?? Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => stream,
    };
    streams.add(stream);
    return stream;
  }

  /** The WebSocket closed: the participant lingers for the grace period, then is closed. */
  closeSocket(): void {
    if (this.#socketClosed) return;
    this.#socketClosed = true;
    if (!this.participant) this.#dropResumeToken();
    this.#startGrace();
  }

  /** Another connection resumed the participant: forget it without closing it. */
  #letGo(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
    this.#participant = null;
    this.#resumeToken = undefined;
    for (const stream of [...this.#eventStreams]) void stream.return?.();
    this.#eventStreams.clear();
  }

  #dropResumeToken(): void {
    if (this.#resumeToken !== undefined) this.#resumeTokens.revoke(this.#resumeToken);
    this.#resumeToken = undefined;
  }

  #startGrace(): void {
    const participant = this.participant;
    if (!participant || this.#graceTimer) return;
    this.#graceTimer = setTimeout(() => {
      this.#options.logger.debug({ participantId: participant.id }, 'disconnect grace over');
      this.#graceTimer = undefined;
      if (this.#participant !== participant) return;
      participant.close('DISCONNECTED');
      this.#participant = null;
      this.#dropResumeToken();
    }, this.#options.disconnectGraceMs);
    this.#graceTimer.unref();
  }

  /** NOT_FOUND for an unknown id, FORBIDDEN for somebody else's. */
  #own<K extends MediaObjectKind>(kind: K, id: string): MediaObjects[K] {
    const participant = this.requireParticipant();
    const own = participant.find(kind, id);
    if (own) return own;
    if (this.#options.registry.ownerOf(kind, id)) throw forbidden(KIND_LABEL[kind], id);
    throw notFound(KIND_LABEL[kind], id);
  }
}
