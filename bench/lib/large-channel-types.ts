// Shapes shared by the large-channel suite (Node) and its browser page (bench/lib/large-channel-page.ts).

/** Clock: performance.timeOrigin + performance.now() of the page, the same for every page of one browser. */
export type PageTime = number;

export interface LargeChannelJoin {
  participantId: string;
  /** Set for a speaker: its producer, created paused (joined muted). */
  producerId?: string | undefined;
  /** Consumers the join payload returned. */
  initialConsumers: number;
}

export interface PageEvent {
  at: PageTime;
  type: string;
  /** ActiveSpeakersChanged: the new set; ConsumerAdded/Closed: the speaker it is for. */
  participantIds?: string[];
  participantId?: string;
  consumerId?: string;
}

/** One consumer of a page: which speaker, when it came and went, what it received so far. */
export interface PageConsumer {
  id: string;
  producerParticipantId: string;
  addedAt: PageTime;
  closedAt?: PageTime | undefined;
  /** The track's first `unmute` (its first RTP packet). */
  firstPacketAt?: PageTime | undefined;
  bytesReceived: number;
  headerBytesReceived: number;
  packetsReceived: number;
}

/** When a page first received audio from one speaker after a given moment, and how it got there. */
export interface HeardResult {
  /** First audio from the speaker after `since` (undefined: not within the timeout). */
  heardAt?: PageTime | undefined;
  /** The first ActiveSpeakersChanged after `since` that contains the speaker. */
  activeAt?: PageTime | undefined;
  /** The first ConsumerAdded for the speaker after `since` (none when a consumer already existed). */
  consumerAddedAt?: PageTime | undefined;
  /** How the audio was seen: a new track's unmute, or bytes growing on an existing consumer. */
  via?: 'track-unmute' | 'bytes' | undefined;
}

export interface LargeChannelPageApi {
  /** Loads a mediasoup-client Device with the server's router capabilities and returns its RTP capabilities. */
  deviceCapabilities(serverUrl: string): Promise<unknown>;
  join(serverUrl: string, channelId: string, displayName: string, speaker: boolean): Promise<LargeChannelJoin>;
  /** resumeProducer; returns the page time just before the request was sent, and when it was answered. */
  unmute(): Promise<{ at: PageTime; answeredAt: PageTime }>;
  mute(): Promise<{ at: PageTime }>;
  /** Starts watching (at most timeoutMs) for audio from `participantId`; call before it unmutes. */
  arm(participantId: string, timeoutMs: number): Promise<void>;
  /** The armed watch's result; control-plane steps are those seen after `since` (the unmute). */
  heard(participantId: string, since: PageTime): Promise<HeardResult>;
  consumers(): Promise<PageConsumer[]>;
  events(): Promise<PageEvent[]>;
  errors(): Promise<string[]>;
  now(): Promise<PageTime>;
  leave(): Promise<void>;
}
