import type { SpeakerLevel } from './ActiveSpeakerSetTypes.js';
import type { TransportSettings } from './ParticipantTypes.js';

/** How each router of a channel reports audio levels (mediasoup AudioLevelObserver). */
export interface AudioLevelSettings {
  /** Loudest producers reported per interval (at least last-N). */
  maxEntries: number;
  /** dBov (-127..0) a producer's average must exceed to count as loud. */
  threshold: number;
  /** Reporting interval, ms. */
  interval: number;
}

/**
 * mediasoup only reports a producer with at least 10 packets in an interval: 300 ms holds 15 packets
 * of 20 ms speech, while DTX silence (a packet every 400 ms) never counts as loud.
 */
export const DEFAULT_AUDIO_LEVELS: AudioLevelSettings = { maxEntries: 5, threshold: -70, interval: 300 };

export interface ChannelRouterOptions {
  channelId: string;
  audioLevels: AudioLevelSettings;
  /** Pipe transports listen on loopback of the listen address's family. */
  transportSettings: TransportSettings;
}

export type ChannelRouterEvents = {
  /** Participants whose producers (native to this router) are loud now. */
  volumes: [SpeakerLevel[]];
  /** The router closed under the channel (its worker died). */
  workerclose: [];
  /** Private: closed (by close() or its worker dying). */
  '@close': [];
};
