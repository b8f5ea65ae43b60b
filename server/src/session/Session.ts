import type { Logger } from 'pino';
import type { JoinChannelInput } from '../graphql/__generated__/resolvers-types.js';
import { alreadyJoined, forbidden, noSession, notFound } from '../errors.js';
import type { JoinResult } from '../sfu/Channel.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { Participant } from '../sfu/Participant.js';
import type { MediaObjectKind, MediaObjects } from '../sfu/ParticipantTypes.js';
import { parseName, parseRtpCapabilities } from '../sfu/validation.js';

export interface SessionOptions {
  registry: ChannelRegistry;
  disconnectGraceMs: number;
  logger: Logger;
}

const KIND_LABEL: Record<MediaObjectKind, string> = { transport: 'Transport', producer: 'Producer', consumer: 'Consumer' };

/**
 * One graphql-ws connection. It holds at most one Participant, and every id a session operation
 * names must belong to that participant. When the socket closes the participant gets a grace
 * period, then is closed (DISCONNECTED).
 */
export class Session {
  readonly #options: SessionOptions;
  #participant: Participant | null = null;
  #joining = false;
  #socketClosed = false;
  #graceTimer: NodeJS.Timeout | undefined;

  constructor(options: SessionOptions) {
    this.#options = options;
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

  async join(input: JoinChannelInput): Promise<JoinResult> {
    if (this.participant || this.#joining) throw alreadyJoined();
    const displayName = parseName(input.displayName, 'displayName');
    const rtpCapabilities =
      input.rtpCapabilities === undefined || input.rtpCapabilities === null ? undefined : parseRtpCapabilities(input.rtpCapabilities);
    const channel = this.#options.registry.get(input.channelId);
    if (!channel) throw notFound('Channel', input.channelId);
    this.#joining = true;
    try {
      const result = await channel.join({ displayName, rtpCapabilities });
      this.#participant = result.participant;
      if (this.#socketClosed) this.#startGrace();
      return result;
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
    return true;
  }

  /** The WebSocket closed: the participant lingers for the grace period, then is closed. */
  closeSocket(): void {
    if (this.#socketClosed) return;
    this.#socketClosed = true;
    this.#startGrace();
  }

  #startGrace(): void {
    const participant = this.participant;
    if (!participant || this.#graceTimer) return;
    this.#graceTimer = setTimeout(() => {
      this.#options.logger.debug({ participantId: participant.id }, 'disconnect grace over');
      participant.close('DISCONNECTED');
      this.#participant = null;
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
