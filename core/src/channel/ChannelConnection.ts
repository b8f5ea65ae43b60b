import type { Device, types } from 'mediasoup-client';
import {
  CloseProducerDocument,
  ConnectRecvTransportDocument,
  JoinChannelDocument,
  LeaveChannelDocument,
  ParticipantEventsDocument,
  PauseConsumersDocument,
  PauseProducerDocument,
  ResumeConsumersDocument,
  ResumeProducerDocument,
  ResumeParticipantDocument,
  SetParticipantStateDocument,
  SetPreferredLayersDocument,
  SetReceiveBitrateDocument,
  StopWatchingDocument,
  WatchStreamDocument,
  type ConsumerOptionsFieldsFragment,
  type MediaSource,
  type StreamStartedFieldsFragment,
  type ParticipantStateChangedFieldsFragment,
  type ParticipantStateInput,
  type JoinChannelMutation,
  type ParticipantEventsSubscription,
  type ParticipantFieldsFragment,
  type ParticipantStreamsFieldsFragment,
} from '../graphql/__generated__/graphql';
import type { LeaveReason } from '../graphql/__generated__/graphql';
import { loadParticipantPages, PARTICIPANT_PAGE_SIZE } from './participantPages';
import { InvalidStateError, type VoxlayError } from '../errors';
import { TypedEmitter } from '../events';
import { Logger } from '../logger';
import type { Signaling } from '../signaling/Signaling';
import { createRecvTransport, createSendTransport, toRtcIceServers, watchIce, type IceSettings } from '../media/transports';
import type { ChannelInfo, ChannelRecording } from '../types';

const logger = new Logger('ChannelConnection');

export const OPUS_CODEC_OPTIONS: types.ProducerCodecOptions = {
  opusFec: true,
  opusDtx: true,
  opusPtime: 20,
  opusStereo: false,
};

/**
 * What a ChannelConnection tells its Channel (typed events). A closed connection emits nothing, so
 * a join attempt that was aborted (its connection closed) can never touch the Channel again.
 */
export interface ChannelConnectionEvents {
  participantJoined: (participant: ParticipantFieldsFragment) => void;
  participantLeft: (participantId: string) => void;
  /** A page of earlier participants, loaded after the join (channels larger than one page). */
  participantsLoaded: (page: Array<ParticipantFieldsFragment & Partial<ParticipantStreamsFieldsFragment>>) => void;
  /** The channel's active speaker set (last-N), most recently loud first. */
  activeSpeakersChanged: (participantIds: string[]) => void;
  muteChanged: (participantId: string, muted: boolean) => void;
  trackAdded: (participantId: string, consumerId: string, track: MediaStreamTrack) => void;
  consumerClosed: (participantId: string, consumerId: string) => void;
  /** ChannelInterrupted: the worker died; rejoin. */
  interrupted: (message: string) => void;
  /** RecordingStarted (the recording) or RecordingStopped (null). */
  recordingChanged: (recording: ChannelRecording | null) => void;
  /** ICE restart or the event stream failed: rejoin. */
  failed: (error: unknown) => void;
  /** A transport's ICE has no path to the server (TRANSPORT_FAILED; it keeps retrying), or has one again (null). */
  noPath: (error: VoxlayError | null) => void;
  /** The server removed this participant (its own ParticipantLeft: REPLACED, CHANNEL_DELETED): stop, do not rejoin. */
  removed: (reason: LeaveReason) => void;
  /** Another participant's state (deafened, listen-only, voice mode, self-muted, quality) changed. */
  participantStateChanged: (participant: ParticipantStateChangedFieldsFragment['participant']) => void;
  /** The audio transports' connection (ICE + DTLS), both together: see MediaPathState. */
  mediaStateChanged: (state: MediaPathState) => void;
  /** Another participant started a stream others may watch (CAMERA, SCREEN, SCREEN_AUDIO). */
  streamStarted: (stream: StreamStartedFieldsFragment['producer']) => void;
  /** Another participant's stream stopped (its viewers' consumers close with it). */
  streamStopped: (participantId: string, producerId: string) => void;
  /** The server closed the consumer of a stream this side watched (the stream stopped, or the resume lost it). */
  watchEnded: (producerId: string) => void;
  /** Who watches a stream changed (ours included): participant ids in the order they started. */
  streamViewersChanged: (participantId: string, producerId: string, viewerIds: string[]) => void;
  /** The layers the SFU sends of a stream this side watches changed (null: none sent now). */
  watchLayersChanged: (producerId: string, layers: { spatialLayer: number; temporalLayer: number | null } | null) => void;
}

/** A stream watched on this connection: its local consumer, by the producer id it receives. */
export interface WatchedConsumer {
  consumer: types.Consumer;
  producerId: string;
  participantId: string;
  source: MediaSource;
}

/** How a camera or a screen is sent (LocalVideo's profiles). */
export interface StreamProduceOptions {
  encodings?: types.RtpEncodingParameters[];
  /** The codec to send ('video/VP8'); the browser's first one the router takes when absent or missing. */
  codecMimeType?: string;
  codecOptions?: types.ProducerCodecOptions;
}

/**
 * Where the audio transports stand together: 'connected' when every transport in use is (also when
 * none is: alone and listen-only); 'failed' when one failed (an ICE restart follows); else 'connecting'.
 */
export type MediaPathState = 'connecting' | 'connected' | 'failed';

/** Whose audio this side wants (RemoteParticipants): false while deafened or muted locally, so its consumer stays paused. */
export interface AudioWants {
  wantsAudio(participantId: string): boolean;
}

/** What a ChannelConnection is opened with, besides the channel and the name. */
export interface ChannelConnectionOptions {
  /** Participants per page (at most and by default PARTICIPANT_PAGE_SIZE). */
  participantPageSize?: number;
  /** 'relay': reach the SFU only through the TURN relays the join hands out (default 'all'). */
  iceTransportPolicy?: RTCIceTransportPolicy;
}

type ParticipantEvent = ParticipantEventsSubscription['participantEvents']['event'];

/** After the receive transport connects, how long to wait for a first packet before sending anyway. */
const HEARD_AFTER_CONNECTED_MS = 150;
/** The longest the microphone waits for the channel to be heard. */
const HEARD_TIMEOUT_MS = 1_500;

/**
 * One join of one Channel: the participant, both transports, the mic Producer, the Consumers and
 * the participantEvents stream. A reconnect throws it away and opens a new one.
 */
export class ChannelConnection {
  private readonly emitter = new TypedEmitter<ChannelConnectionEvents>();
  readonly participantId: string;
  readonly channel: ChannelInfo;
  /** The first page of participants at join time, ourselves excluded, in join order (the rest load after). */
  readonly initialParticipants: Array<ParticipantFieldsFragment & ParticipantStreamsFieldsFragment>;
  /** Most speakers this listener receives at once (the channel's last-N). */
  readonly lastN: number;
  /** The active speaker set at join time. */
  readonly initialActiveSpeakerIds: string[];
  /** The channel's running recording: at join time, then as RecordingStarted and RecordingStopped tell. */
  recording: ChannelRecording | null;
  /** Created on the first produce(): nothing that only serves sending runs before the channel is heard. */
  private sendTransport: types.Transport | null = null;
  private readonly sendTransportOptions: JoinChannelMutation['joinChannel']['sendTransport'];
  /** The join's TURN relays (renewed with each ICE restart) and the ICE policy, for both transports. */
  private readonly ice: IceSettings;
  private readonly recvTransport: types.Transport;
  private producer: types.Producer | null = null;
  private readonly consumers = new Map<string, { consumer: types.Consumer; participantId: string }>();
  /** Streams watched on demand, by consumer id (audio last-N consumers are in `consumers`). */
  private readonly watched = new Map<string, WatchedConsumer>();
  private readonly pendingResume = new Set<string>();
  private incoming: ConsumerOptionsFieldsFragment[] = [];
  private recvConnected = false;
  private lastSeq: number;
  private closed = false;
  /** Aborted when the connection closes: work it started in the background stops. */
  private readonly lifetime = new AbortController();
  private readonly cleanups: (() => void)[] = [];
  /** The secret that takes this participant back on a new WebSocket (resumeParticipant). */
  private readonly resumeToken: string;
  /** The participantEvents subscription (stopped while the WebSocket is down). */
  private stopEvents: (() => void) | null = null;
  /**
   * After a resume: the consumers the server held at `seq`. A replayed ConsumerAdded at or before
   * that seq for a consumer not among them describes one already closed again.
   */
  private resumedAt: { seq: number; consumerIds: Set<string> } | null = null;

  /**
   * JoinChannel, then the connection: the receive transport, the join's consumers and the event
   * stream. `listen` subscribes to the connection's events before anything can be emitted.
   */
  /** The documents a join sends before its first packet is heard (Signaling.prepare them ahead). */
  static readonly joinDocuments = [JoinChannelDocument, ConnectRecvTransportDocument, ParticipantEventsDocument];

  static async open(args: {
    signaling: Signaling;
    device: Device;
    channelId: string;
    displayName: string;
    audio: AudioWants;
    listen: (connection: ChannelConnection) => void;
    options?: ChannelConnectionOptions;
  }): Promise<ChannelConnection> {
    const { signaling, device } = args;
    const firstPage = Math.min(PARTICIPANT_PAGE_SIZE, Math.max(1, args.options?.participantPageSize ?? PARTICIPANT_PAGE_SIZE));
    const data = await signaling.mutate(JoinChannelDocument, {
      input: { channelId: args.channelId, displayName: args.displayName, rtpCapabilities: device.rtpCapabilities },
      participantsFirst: firstPage,
    });
    const connection = new ChannelConnection(
      signaling,
      device,
      args.audio,
      data.joinChannel,
      args.options?.iceTransportPolicy ?? 'all',
      args.listen,
    );
    const participants = data.joinChannel.channel.participants;
    const last = participants.at(-1);
    if (participants.length >= firstPage && last) connection.loadMoreParticipants(last.id, firstPage);
    return connection;
  }

  private constructor(
    private readonly signaling: Signaling,
    private readonly device: Device,
    private readonly audio: AudioWants,
    payload: JoinChannelMutation['joinChannel'],
    iceTransportPolicy: RTCIceTransportPolicy,
    listen: (connection: ChannelConnection) => void,
  ) {
    listen(this);
    this.participantId = payload.participant.id;
    this.channel = { id: payload.channel.id, name: payload.channel.name };
    this.initialParticipants = payload.channel.participants.filter((p) => p.id !== this.participantId);
    this.lastN = payload.channel.lastN;
    this.initialActiveSpeakerIds = [...payload.channel.activeSpeakerIds];
    this.recording = payload.channel.recording
      ? { id: payload.channel.recording.id, startedAt: payload.channel.recording.startedAt }
      : null;
    this.lastSeq = payload.seq;
    this.resumeToken = payload.resumeToken;
    this.sendTransportOptions = payload.sendTransport;
    this.ice = { iceServers: toRtcIceServers(payload.iceServers), iceTransportPolicy };
    this.recvTransport = createRecvTransport(device, payload.recvTransport, this.ice, signaling, {
      takePendingConsumerIds: () => this.takePending(),
      connecting: () => {
        this.recvConnected = true; // in use from now on: its state counts
        this.updateMediaState();
      },
      failed: (error) => this.fail(error),
    });
    this.cleanups.push(this.watchIce(this.recvTransport));
    const initial = this.consumeBatch(payload.consumers).catch(() => undefined);
    this.heard = this.whenHeard(payload.consumers, initial);
    // Hear first: the events subscription goes out once the join's consumers are set up (their
    // ConnectRecvTransport sent), so neither this page nor the server handles it before the first
    // packet's path. The server buffers events from the join on: nothing is lost meanwhile.
    void initial.then(() => {
      if (!this.closed) this.subscribeEvents();
    });
    this.cleanups.push(() => this.unsubscribeEvents());
    this.updateMediaState(); // no transport in use yet: nothing to wait for
  }

  /**
   * Settles once the channel is heard: the first packet of one of the join's consumers arrived (its
   * track unmuted), or there is nothing to wait for (no consumer of a sending producer), or the
   * receive transport connected and no packet followed within HEARD_AFTER_CONNECTED_MS (silent
   * speakers), or HEARD_TIMEOUT_MS passed. The Channel sends its microphone only after this, so the
   * send transport's ICE + DTLS and Produce never compete with the first packet heard.
   */
  readonly heard: Promise<void>;

  private whenHeard(initial: ConsumerOptionsFieldsFragment[], consumed: Promise<void>): Promise<void> {
    const audible = initial.filter((c) => !c.producerPaused && this.audio.wantsAudio(c.producerParticipantId));
    if (audible.length === 0) return consumed;
    return new Promise<void>((resolve) => {
      const undo: Array<() => void> = [];
      const done = (): void => {
        for (const u of undo.splice(0)) u();
        resolve();
      };
      const timeout = setTimeout(done, HEARD_TIMEOUT_MS);
      undo.push(() => clearTimeout(timeout));
      const onState = (state: types.ConnectionState): void => {
        if (state === 'connected') {
          const grace = setTimeout(done, HEARD_AFTER_CONNECTED_MS);
          undo.push(() => clearTimeout(grace));
        } else if (state === 'failed' || state === 'closed') done();
      };
      this.recvTransport.on('connectionstatechange', onState);
      undo.push(() => this.recvTransport.off('connectionstatechange', onState));
      this.cleanups.push(done);
      void consumed.then(() => {
        const tracks = audible.map((c) => this.consumers.get(c.id)?.consumer.track).filter((t): t is MediaStreamTrack => t !== undefined);
        if (tracks.length === 0 || tracks.some((t) => !t.muted)) return done();
        for (const track of tracks) {
          track.addEventListener('unmute', done);
          undo.push(() => track.removeEventListener('unmute', done));
        }
      });
    });
  }

  /** The participants after the first page, in the background (a failure only leaves the list short). */
  private loadMoreParticipants(after: string, pageSize: number): void {
    loadParticipantPages({
      signaling: this.signaling,
      channelId: this.channel.id,
      after,
      pageSize,
      signal: this.lifetime.signal,
      onPage: (page) =>
        this.emitter.emit(
          'participantsLoaded',
          page.filter((p) => p.id !== this.participantId),
        ),
    }).catch((error: unknown) => {
      if (!this.closed) logger.warn('could not load every participant', error);
    });
  }

  on<K extends keyof ChannelConnectionEvents>(event: K, listener: ChannelConnectionEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  /** participantEvents after the last seq handled (the join's seq at first). */
  private subscribeEvents(): void {
    this.unsubscribeEvents();
    this.stopEvents = this.signaling.subscribe(
      ParticipantEventsDocument,
      { participantId: this.participantId, afterSeq: this.lastSeq },
      ({ participantEvents }) => this.onEvent(participantEvents.seq, participantEvents.event),
      (error) => this.fail(error),
    );
  }

  private unsubscribeEvents(): void {
    const stop = this.stopEvents;
    this.stopEvents = null;
    stop?.();
  }

  /**
   * The WebSocket dropped: stop the event stream (graphql-ws would re-send it on the new socket
   * before the participant is ours again), keep the transports, producer and consumers: media does
   * not go through the WebSocket and keeps flowing. False (nothing done) once closed.
   */
  suspend(): boolean {
    if (this.closed) return false;
    this.unsubscribeEvents();
    return true;
  }

  /**
   * On the new WebSocket: takes the participant back (the resumeParticipant mutation), then the event
   * stream again after the last seq handled
   * (the server replays what happened meanwhile). Consumers the server no longer has are closed;
   * the server is told again what this side wants (consumers resumed, producer paused or not), in
   * case a request was lost with the old socket. Throws (NOT_FOUND once the grace period is over)
   * when the participant cannot be resumed: the caller joins again.
   */
  async resumeParticipant(): Promise<void> {
    if (this.closed) throw new Error('nothing to resume');
    const { resumeParticipant } = await this.signaling.mutate(ResumeParticipantDocument, { resumeToken: this.resumeToken });
    if (this.closed) return;
    const serverConsumerIds = new Set(resumeParticipant.consumers.map((c) => c.id));
    this.resumedAt = { seq: resumeParticipant.seq, consumerIds: serverConsumerIds };
    for (const id of [...this.consumers.keys()]) if (!serverConsumerIds.has(id)) this.closeConsumer(id);
    for (const id of [...this.watched.keys()]) if (!serverConsumerIds.has(id)) this.closeWatched(id, true);
    this.emitter.emit('activeSpeakersChanged', [...resumeParticipant.channel.activeSpeakerIds]);
    this.subscribeEvents();
    const wanted = [...this.consumers].filter(([, entry]) => this.audio.wantsAudio(entry.participantId)).map(([id]) => id);
    for (const [id, entry] of this.watched) if (!entry.consumer.paused) wanted.push(id);
    const producer = this.producer;
    // Best effort: the participant is ours again whatever these answer.
    await Promise.all([
      this.recvConnected ? this.setConsumersPaused(wanted, false) : undefined,
      producer && !producer.closed
        ? producer.paused
          ? this.signaling.mutate(PauseProducerDocument, { producerId: producer.id })
          : this.signaling.mutate(ResumeProducerDocument, { producerId: producer.id })
        : undefined,
    ]).catch((error: unknown) => logger.warn('could not re-sync after resuming', error));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get hasProducer(): boolean {
    return this.producer !== null && !this.producer.closed;
  }

  /** The send transport, created on first use (its ICE + DTLS start with the first produce). */
  private ensureSendTransport(): types.Transport {
    if (this.sendTransport) return this.sendTransport;
    const transport = createSendTransport(this.device, this.sendTransportOptions, this.ice, this.signaling);
    this.sendTransport = transport;
    this.cleanups.push(this.watchIce(transport));
    this.updateMediaState();
    return transport;
  }

  /** ICE restarts of a transport; the fresh TURN credentials each brings serve a send transport created later too. */
  private watchIce(transport: types.Transport): () => void {
    const onState = (): void => this.updateMediaState();
    transport.on('connectionstatechange', onState);
    const unwatch = watchIce(transport, this.signaling, {
      failed: (error) => this.fail(error),
      iceServers: (iceServers) => (this.ice.iceServers = iceServers),
      noPath: (error) => {
        if (!this.closed) this.emitter.emit('noPath', error);
      },
    });
    return () => {
      transport.off('connectionstatechange', onState);
      unwatch();
    };
  }

  private mediaStateValue: MediaPathState = 'connecting';

  /** The audio transports together (see MediaPathState). */
  get mediaState(): MediaPathState {
    return this.mediaStateValue;
  }

  /**
   * The transports in use: the receive one once its connect went out (it has something to carry),
   * the send one once created (by the first produce). Alone in a channel the receive transport is
   * never used and stays 'new': that is not a media path waiting to connect.
   */
  private updateMediaState(): void {
    const inUse = [this.recvConnected ? this.recvTransport : null, this.sendTransport];
    const states = inUse.filter((t): t is types.Transport => t !== null).map((t) => t.connectionState);
    const next: MediaPathState = states.includes('failed')
      ? 'failed'
      : states.every((state) => state === 'connected')
        ? 'connected'
        : 'connecting';
    if (next === this.mediaStateValue || this.closed) return;
    this.mediaStateValue = next;
    this.emitter.emit('mediaStateChanged', next);
  }

  /** Tells the channel how this participant takes part (SetParticipantState). */
  async setParticipantState(input: ParticipantStateInput): Promise<void> {
    if (this.closed) return;
    await this.signaling.mutate(SetParticipantStateDocument, { input });
  }

  /** getStats of the producer (outbound audio) and of the receive transport, for the local quality and "packets leave". */
  async stats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> {
    if (this.closed) return { send: null, recv: null };
    const producer = this.producer;
    const [send, recv] = await Promise.all([
      producer && !producer.closed ? producer.getStats().catch(() => null) : null,
      this.recvTransport.getStats().catch(() => null),
    ]);
    return { send, recv };
  }

  /** Sends the microphone; `paused` when the gate is closed (muted, PTT up, VAD closed). */
  async produce(track: MediaStreamTrack, paused: boolean): Promise<void> {
    if (this.closed) return;
    const producer = await this.ensureSendTransport().produce({
      track,
      codecOptions: OPUS_CODEC_OPTIONS,
      stopTracks: false, // the track outlives this connection (reconnects re-produce it)
      disableTrackOnPause: false, // keep the track live so the local meter and VAD still hear it
      zeroRtpOnPause: true, // while paused, send nothing at all
      appData: { paused },
    });
    if (this.closed) {
      producer.close();
      return;
    }
    if (paused) producer.pause();
    this.producer = producer;
  }

  /** Pauses / resumes the producer locally and server-side (SerialSwitch calls this one at a time). */
  async setTransmitting(on: boolean): Promise<void> {
    const producer = this.producer;
    if (!producer || producer.closed || this.closed) return;
    if (on) {
      producer.resume();
      await this.signaling.mutate(ResumeProducerDocument, { producerId: producer.id });
    } else {
      producer.pause();
      await this.signaling.mutate(PauseProducerDocument, { producerId: producer.id });
    }
  }

  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    if (this.producer && !this.producer.closed) await this.producer.replaceTrack({ track });
  }

  consumerIdsOf(participantId?: string): string[] {
    const ids: string[] = [];
    for (const [id, entry] of this.consumers) if (participantId === undefined || entry.participantId === participantId) ids.push(id);
    return ids;
  }

  /** PauseConsumers / ResumeConsumers (deafen, local mute): one request for all. */
  async setConsumersPaused(consumerIds: string[], paused: boolean): Promise<void> {
    if (consumerIds.length === 0 || this.closed) return;
    if (paused) await this.signaling.mutate(PauseConsumersDocument, { consumerIds });
    else await this.signaling.mutate(ResumeConsumersDocument, { consumerIds });
  }

  private takePending(): string[] {
    const ids = [...this.pendingResume];
    this.pendingResume.clear();
    return ids;
  }

  /** Creates consumers locally, then resumes those wanted in one request (or via the recv connect). */
  private async consumeBatch(list: ConsumerOptionsFieldsFragment[]): Promise<void> {
    if (list.length === 0) return;
    for (const options of list) if (this.audio.wantsAudio(options.producerParticipantId)) this.pendingResume.add(options.id);
    await Promise.allSettled(list.map((options) => this.consumeOne(options)));
    if (this.closed || !this.recvConnected) return;
    const ids = this.takePending().filter((id) => this.consumers.has(id) || this.watched.has(id));
    if (ids.length > 0) await this.setConsumersPaused(ids, false).catch((error) => this.fail(error));
  }

  private async consumeOne(options: ConsumerOptionsFieldsFragment): Promise<void> {
    try {
      const consumer = await this.recvTransport.consume({
        id: options.id,
        producerId: options.producerId,
        kind: 'audio',
        rtpParameters: options.rtpParameters as types.RtpParameters,
      });
      if (this.closed) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, { consumer, participantId: options.producerParticipantId });
      this.emitter.emit('trackAdded', options.producerParticipantId, consumer.id, consumer.track);
    } catch (error) {
      this.pendingResume.delete(options.id);
      if (!this.closed) logger.warn('consume failed', error);
    }
  }

  // ── Streams: cameras and screens, sent and watched on demand ─────────────────────

  /**
   * Sends a camera, a screen or a screen's sound (Produce with its source) on the send transport.
   * The caller owns the producer: closeStream() closes it here and on the server. Throws when the
   * server refuses (LIMIT_EXCEEDED, BAD_USER_INPUT) or the connection closed meanwhile.
   */
  async produceStream(
    track: MediaStreamTrack,
    source: Exclude<MediaSource, 'MICROPHONE'>,
    options: StreamProduceOptions = {},
  ): Promise<types.Producer> {
    if (this.closed) throw new InvalidStateError('connection closed');
    const wanted = options.codecMimeType?.toLowerCase();
    const codec = wanted ? this.device.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === wanted) : undefined;
    const producer = await this.ensureSendTransport().produce({
      track,
      encodings: options.encodings,
      codec,
      codecOptions: options.codecOptions,
      stopTracks: false, // the track outlives this connection (a rejoin sends it again)
      appData: { source },
    });
    if (this.closed) {
      producer.close();
      throw new InvalidStateError('connection closed');
    }
    return producer;
  }

  /** Stops sending a stream: closes the producer here, then on the server (best effort: leaving closes it too). */
  async closeStream(producer: types.Producer): Promise<void> {
    if (producer.closed) return;
    producer.close();
    if (this.closed) return;
    await this.signaling.mutate(CloseProducerDocument, { producerId: producer.id }).catch((error: unknown) => {
      if (!this.closed) logger.warn('could not close the stream on the server', error);
    });
  }

  /**
   * Watches another participant's stream (WatchStream): consumes it on the receive transport and
   * resumes it (with the receive transport's connect when it is the first consumer). Returns the
   * local consumer; the same one when already watched. Throws the server's coded refusal.
   */
  async watchStream(producerId: string): Promise<WatchedConsumer> {
    if (this.closed) throw new InvalidStateError('connection closed');
    for (const entry of this.watched.values()) if (entry.producerId === producerId) return entry;
    const { watchStream: options } = await this.signaling.mutate(WatchStreamDocument, { producerId });
    if (this.closed) throw new InvalidStateError('connection closed');
    this.pendingResume.add(options.id);
    let consumer: types.Consumer;
    try {
      consumer = await this.recvTransport.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind === 'VIDEO' ? 'video' : 'audio',
        rtpParameters: options.rtpParameters as types.RtpParameters,
      });
    } catch (error) {
      this.pendingResume.delete(options.id);
      void this.signaling.mutate(StopWatchingDocument, { producerId }).catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      consumer.close();
      throw new InvalidStateError('connection closed');
    }
    const entry: WatchedConsumer = { consumer, producerId, participantId: options.producerParticipantId, source: options.source };
    this.watched.set(consumer.id, entry);
    if (this.recvConnected) {
      const ids = this.takePending().filter((id) => this.consumers.has(id) || this.watched.has(id));
      if (ids.length > 0) await this.setConsumersPaused(ids, false);
    }
    return entry;
  }

  /** Stops watching a stream (StopWatching): the local consumer closes at once, the server's after. */
  async stopWatching(producerId: string): Promise<void> {
    for (const [id, entry] of this.watched) {
      if (entry.producerId !== producerId) continue;
      this.closeWatched(id, false);
    }
    if (this.closed) return;
    await this.signaling.mutate(StopWatchingDocument, { producerId });
  }

  /** Pauses or resumes a watched stream here and on the server (a hidden page). */
  async setWatchedPaused(consumerId: string, paused: boolean): Promise<void> {
    const entry = this.watched.get(consumerId);
    if (!entry || this.closed) return;
    if (paused) entry.consumer.pause();
    else entry.consumer.resume();
    await this.setConsumersPaused([consumerId], paused);
  }

  /** The best layers a watched stream should arrive in (SetPreferredLayers). */
  async setPreferredLayers(consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    if (this.closed || !this.watched.has(consumerId)) return;
    await this.signaling.mutate(SetPreferredLayersDocument, { consumerId, spatialLayer, temporalLayer: temporalLayer ?? null });
  }

  /** Caps what this participant receives (SetReceiveBitrate; null: no cap of its own); the cap in force (0: none). */
  async setReceiveBitrate(bitsPerSecond: number | null): Promise<number> {
    if (this.closed) throw new InvalidStateError('connection closed');
    const { setReceiveBitrate } = await this.signaling.mutate(SetReceiveBitrateDocument, { bitsPerSecond });
    return setReceiveBitrate;
  }

  private closeWatched(consumerId: string, byServer: boolean): void {
    const entry = this.watched.get(consumerId);
    this.pendingResume.delete(consumerId);
    if (!entry) return;
    this.watched.delete(consumerId);
    entry.consumer.close();
    if (byServer) this.emitter.emit('watchEnded', entry.producerId);
  }

  private onEvent(seq: number, event: ParticipantEvent): void {
    if (this.closed || seq <= this.lastSeq) return;
    this.lastSeq = seq;
    switch (event.__typename) {
      case 'ParticipantJoined':
        if (event.participant.id !== this.participantId) this.emitter.emit('participantJoined', event.participant);
        break;
      case 'ParticipantLeft':
        if (event.participantId === this.participantId) this.emitter.emit('removed', event.reason);
        else this.emitter.emit('participantLeft', event.participantId);
        break;
      case 'MuteChanged':
        this.emitter.emit('muteChanged', event.participantId, event.muted);
        break;
      case 'ActiveSpeakersChanged':
        this.emitter.emit('activeSpeakersChanged', [...event.participantIds]);
        break;
      case 'ConsumerAdded':
        if (this.consumers.has(event.consumer.id)) break;
        // Replayed after a resume, for a consumer the server had already closed again.
        if (this.resumedAt && seq <= this.resumedAt.seq && !this.resumedAt.consumerIds.has(event.consumer.id)) break;
        // Batch the ones arriving together: one ResumeConsumers for all.
        this.incoming.push(event.consumer);
        if (this.incoming.length === 1) {
          setTimeout(() => {
            const batch = this.incoming;
            this.incoming = [];
            void this.consumeBatch(batch);
          }, 0);
        }
        break;
      case 'ConsumerClosed':
        this.closeConsumer(event.consumerId);
        this.closeWatched(event.consumerId, true);
        break;
      case 'StreamStarted':
        if (event.producer.participantId !== this.participantId) this.emitter.emit('streamStarted', event.producer);
        break;
      case 'StreamStopped':
        if (event.participantId !== this.participantId) this.emitter.emit('streamStopped', event.participantId, event.producerId);
        break;
      case 'StreamViewersChanged':
        this.emitter.emit('streamViewersChanged', event.participantId, event.producerId, [...event.viewerIds]);
        break;
      case 'ConsumerLayersChanged':
        if (this.watched.has(event.consumerId)) {
          const layers = event.layers
            ? { spatialLayer: event.layers.spatialLayer, temporalLayer: event.layers.temporalLayer ?? null }
            : null;
          this.emitter.emit('watchLayersChanged', event.producerId, layers);
        }
        break;
      case 'ChannelInterrupted':
        this.emitter.emit('interrupted', event.message);
        break;
      case 'RecordingStarted':
        this.recording = { id: event.recordingId, startedAt: event.startedAt };
        this.emitter.emit('recordingChanged', this.recording);
        break;
      case 'RecordingStopped':
        if (this.recording?.id !== event.recordingId) break;
        this.recording = null;
        this.emitter.emit('recordingChanged', null);
        break;
      case 'ParticipantStateChanged':
        if (event.participant.id !== this.participantId) this.emitter.emit('participantStateChanged', event.participant);
        break;
      // A participant that starts or stops sending changes its mute state as others see it
      // (muted = no producer, or a paused one); the media itself arrives as ConsumerAdded/Closed.
      case 'ProducerAdded':
        this.emitter.emit('muteChanged', event.producer.participantId, event.producer.paused);
        break;
      case 'ProducerClosed':
        this.emitter.emit('muteChanged', event.participantId, true);
        break;
    }
  }

  private closeConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    this.pendingResume.delete(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    entry.consumer.close();
    this.emitter.emit('consumerClosed', entry.participantId, consumerId);
  }

  private fail(error: unknown): void {
    if (!this.closed) this.emitter.emit('failed', error);
  }

  /** LeaveChannel (best effort), then close. */
  async leave(): Promise<void> {
    if (this.closed) return;
    this.closeLocal();
    await this.signaling.mutate(LeaveChannelDocument, {}).catch(() => undefined);
  }

  /** Closes everything locally (the server drops the participant with the connection, or on leave). */
  close(): void {
    this.closeLocal();
  }

  private closeLocal(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    this.emitter.removeAllListeners();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.producer?.close();
    this.producer = null;
    for (const { consumer } of this.consumers.values()) consumer.close();
    this.consumers.clear();
    for (const { consumer } of this.watched.values()) consumer.close();
    this.watched.clear();
    this.pendingResume.clear();
    this.incoming = [];
    this.sendTransport?.close();
    this.recvTransport.close();
  }
}
