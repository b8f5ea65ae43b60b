import type { Logger } from 'pino';
import type { ChannelEventData } from '../sfu/ChannelTypes.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { ChannelDirectory } from './ChannelDirectory.js';
import { participantRecord } from './channelEventWire.js';

/** The participant a channel event is about. */
function participantIdOf(event: ChannelEventData): string | undefined {
  switch (event.type) {
    case 'ParticipantJoined':
    case 'ParticipantStateChanged':
      return event.participant.id;
    case 'ProducerAdded':
      return event.producer.appData.participantId;
    case 'ParticipantLeft':
    case 'ProducerClosed':
    case 'MuteChanged':
      return event.participantId;
    default:
      return undefined;
  }
}

/**
 * Keeps the participant lists in Redis of the channels hosted here: on every join, leave, producer and
 * mute the participant's record is written again (or removed once it left), so any node can list
 * the participants and counts of any channel.
 */
export class ParticipantSync {
  readonly #channels: ChannelRegistry;
  readonly #directory: ChannelDirectory;
  readonly #isHosted: (channelId: string) => boolean;
  readonly #logger: Logger;
  #closed = false;

  constructor(options: {
    channels: ChannelRegistry;
    directory: ChannelDirectory;
    isHosted: (channelId: string) => boolean;
    logger: Logger;
  }) {
    this.#channels = options.channels;
    this.#directory = options.directory;
    this.#isHosted = options.isHosted;
    this.#logger = options.logger.child({ component: 'ParticipantSync' });
    this.#channels.on('channelevent', this.#onEvent);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#channels.off('channelevent', this.#onEvent);
  }

  readonly #onEvent = (channelId: string, event: ChannelEventData): void => {
    if (!this.#isHosted(channelId)) return;
    const participantId = participantIdOf(event);
    if (participantId === undefined) return;
    const participant = this.#channels.get(channelId)?.participants.find((candidate) => candidate.id === participantId);
    const write = participant
      ? this.#directory.setParticipant(participantRecord(participant))
      : this.#directory.removeParticipant(channelId, participantId);
    write.catch((error: unknown) => this.#logger.warn({ err: error, channelId, participantId }, 'could not update the participant list'));
  };
}
