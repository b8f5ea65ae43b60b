import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ChannelModel, ParticipantModel, TransportModel, ProducerModel, ConsumerModel, WorkerModel, ChannelRouterModel, NodeModel, RecordingModel, RecordingFileModel } from '../models.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date and time (UTC). */
  DateTime: { input: string; output: Date | string; }
  /**
   * An opaque mediasoup parameter object (RTP capabilities, RTP parameters, ICE and DTLS parameters),
   * passed through as JSON. The server validates every one it receives before mediasoup sees it.
   */
  JSON: { input: unknown; output: unknown; }
};

/**
 * The set of participants listeners receive changed (last-N): speakers enter when they get loud and
 * leave only after a hold time of silence, so nobody is cut mid-word.
 */
export type ActiveSpeakersChanged = {
  __typename?: 'ActiveSpeakersChanged';
  channelId: Scalars['ID']['output'];
  /** Most recently loud first; at most the channel's `lastN`. */
  participantIds: Array<Scalars['ID']['output']>;
};

export type Channel = {
  __typename?: 'Channel';
  /**
   * The participants listeners currently receive (at most `lastN`), most recently loud first.
   * A listener never receives itself.
   */
  activeSpeakerIds: Array<Scalars['ID']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** True for the configured default channel, which always exists. */
  isDefault: Scalars['Boolean']['output'];
  /** Most speakers a listener receives at once (last-N). */
  lastN: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** The node hosting this channel (clustered); on a single server, that server. */
  node: Node;
  participantCount: Scalars['Int']['output'];
  /**
   * Participants in join order. Large channels are read a page at a time: `first` (at most 500, all up to
   * 500 when absent) after the participant id `after`.
   */
  participants: Array<Participant>;
  /**
   * The recording running now, null when the channel is not being recorded: read it before joining
   * to tell the user (RecordingStarted and RecordingStopped tell when it changes). Anybody who may
   * see the channel may read it; its files need the `record` right. Always null for a channel
   * hosted on another node.
   */
  recording?: Maybe<Recording>;
  routerId: Scalars['ID']['output'];
  /**
   * Every router of the channel (operator view): a channel with more participants than one router should
   * carry spans routers on several workers, joined with pipe transports.
   */
  routers: Array<ChannelRouter>;
  /** The mediasoup worker hosting this channel's first router (operator view). */
  worker: Worker;
};


export type ChannelParticipantsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A channel was created (`channel` as it is then, empty). */
export type ChannelCreated = {
  __typename?: 'ChannelCreated';
  channel: Channel;
};

/**
 * A channel is gone: deleted (deleteChannel) or expired. Its participants were told first
 * (ParticipantLeft, reason CHANNEL_DELETED).
 */
export type ChannelDeleted = {
  __typename?: 'ChannelDeleted';
  channelId: Scalars['ID']['output'];
  /** True when it stayed empty longer than the server keeps an empty channel (VOXLAY_EMPTY_CHANNEL_TTL_MS); false for deleteChannel. */
  expired: Scalars['Boolean']['output'];
};

export type ChannelEvent = ActiveSpeakersChanged | MuteChanged | ParticipantJoined | ParticipantLeft | ParticipantStateChanged | ProducerAdded | ProducerClosed | RecordingStarted | RecordingStopped | StreamStarted | StreamStopped | StreamViewersChanged;

/**
 * The worker hosting the channel died: every transport of this participant is gone. The client must
 * join again (it may reuse its display name); the channel is already back on a live worker.
 */
export type ChannelInterrupted = {
  __typename?: 'ChannelInterrupted';
  channelId: Scalars['ID']['output'];
  /** Why, for logs and the UI (for example: the worker process died). */
  message: Scalars['String']['output'];
};

/** One router of a channel, on one worker (operator view). */
export type ChannelRouter = {
  __typename?: 'ChannelRouter';
  id: Scalars['ID']['output'];
  participantCount: Scalars['Int']['output'];
  /** Producers of other routers piped into this one. */
  pipedProducerCount: Scalars['Int']['output'];
  worker: Worker;
};

/**
 * Why the server closed a graphql-ws WebSocket (the close code; codegen gives each its number as
 * `CloseCode`, from codegen.ts). Any other close is a network drop: reconnect and resume.
 */
export type CloseCode =
  /** 1009: a message was larger than the server accepts. */
  | 'MESSAGE_TOO_BIG'
  /** 1012: the server is restarting or dropped the connection on purpose (fault tests, operators); reconnect and resume. */
  | 'SERVICE_RESTART'
  /**
   * 4429: too many WebSocket connections from this client address or token identity (reason
   * `LIMIT_EXCEEDED: connectionsPerAddress ...` or `... connectionsPerIdentity ...`); nothing was created.
   * Close another connection first. (graphql-ws also closes with 4429, reason `Too many initialisation
   * requests`, a socket that sends connection_init twice, which a correct client never does.)
   */
  | 'TOO_MANY_CONNECTIONS'
  /** 4403: the token was refused (reason `UNAUTHENTICATED: <why>`); reconnecting with the same token will not help. */
  | 'UNAUTHENTICATED';

/** What the SFU sees of one participant's audio reaching it. */
export type ConnectionQuality = {
  __typename?: 'ConnectionQuality';
  /** Interarrival jitter in milliseconds. */
  jitterMs: Scalars['Float']['output'];
  level: QualityLevel;
  /** When it was measured. */
  measuredAt: Scalars['DateTime']['output'];
  /** Fraction of packets lost over the last interval, 0..1. */
  packetLoss: Scalars['Float']['output'];
  /** Round-trip time in milliseconds when the worker knows it (RTCP), else null. */
  rttMs?: Maybe<Scalars['Float']['output']>;
  /** mediasoup's stream score, 0 (bad) to 10 (perfect). */
  score: Scalars['Int']['output'];
};

export type Consumer = {
  __typename?: 'Consumer';
  /** The layers being sent now; null without layers, and while nothing is sent (paused, no bandwidth yet). */
  currentLayers?: Maybe<ConsumerLayers>;
  id: Scalars['ID']['output'];
  kind: MediaKind;
  /** The participant receiving this consumer. */
  participantId: Scalars['ID']['output'];
  /** Paused by the receiving participant. */
  paused: Scalars['Boolean']['output'];
  /** The layers the viewer asked for (setPreferredLayers); null without layers (audio, a single-layer stream). */
  preferredLayers?: Maybe<ConsumerLayers>;
  producerId: Scalars['ID']['output'];
  producerParticipantId: Scalars['ID']['output'];
  /** Paused because the producer is (the sender is muted). */
  producerPaused: Scalars['Boolean']['output'];
  source: MediaSource;
  /**
   * What the SFU's worker has sent on this consumer so far (its owner and operators only; one worker
   * request per consumer asked). Null before its first packet, and once it is closed.
   */
  stats?: Maybe<RtpStreamStats>;
  /** SIMPLE, SIMULCAST, SVC or PIPE (mediasoup's consumer type): only SIMULCAST and SVC have layers. */
  type: ConsumerType;
};

/** The server created a consumer for this participant (paused): create it locally, then resume it. */
export type ConsumerAdded = {
  __typename?: 'ConsumerAdded';
  consumer: ConsumerOptions;
};

/** A consumer of this participant was closed (its producer went away, its speaker left the active set, or its stream's sender stopped). */
export type ConsumerClosed = {
  __typename?: 'ConsumerClosed';
  consumerId: Scalars['ID']['output'];
  producerId: Scalars['ID']['output'];
};

/** A spatial layer (simulcast encoding or SVC resolution, 0 = lowest) and a temporal layer (frame rate, 0 = lowest). */
export type ConsumerLayers = {
  __typename?: 'ConsumerLayers';
  spatialLayer: Scalars['Int']['output'];
  temporalLayer?: Maybe<Scalars['Int']['output']>;
};

/**
 * The layers a watched stream's consumer sends changed (bandwidth, the sender's encodings, or
 * setPreferredLayers): `layers` null while no layer is sent. To the viewer only.
 */
export type ConsumerLayersChanged = {
  __typename?: 'ConsumerLayersChanged';
  channelId: Scalars['ID']['output'];
  consumerId: Scalars['ID']['output'];
  layers?: Maybe<ConsumerLayers>;
  producerId: Scalars['ID']['output'];
};

/** What mediasoup-client needs to create a Consumer (`transport.consume(...)`). */
export type ConsumerOptions = {
  __typename?: 'ConsumerOptions';
  id: Scalars['ID']['output'];
  kind: MediaKind;
  producerId: Scalars['ID']['output'];
  /** The participant whose producer this consumer receives. */
  producerParticipantId: Scalars['ID']['output'];
  /** True when the remote participant is muted (its producer is paused). */
  producerPaused: Scalars['Boolean']['output'];
  rtpParameters: Scalars['JSON']['output'];
  /** What the producer sends: MICROPHONE (last-N) or a stream watched on demand. */
  source: MediaSource;
};

/** How a consumer forwards its producer's encodings. */
export type ConsumerType =
  | 'PIPE'
  | 'SIMPLE'
  | 'SIMULCAST'
  | 'SVC';

/**
 * Names people see (channel names, display names) follow one set of rules (docs/security.md#names):
 * NFKC-normalised, white space collapsed and trimmed; 1 to 64 user-perceived characters (grapheme
 * clusters: "👩‍👩‍👧" is one), at most 512 bytes of UTF-8 and 4 combining marks on one character.
 * BAD_USER_INPUT (`extensions.reason`, and `extensions.codePoint` as U+XXXX) for control characters,
 * bidirectional controls, invisible (default-ignorable) characters outside emoji sequences, other
 * format, private-use or unassigned characters, and names with nothing visible.
 */
export type CreateChannelInput = {
  /** A channel name (the name rules above this input); stored and shown normalised. */
  name: Scalars['String']['input'];
};

export type DtlsState =
  | 'CLOSED'
  | 'CONNECTED'
  | 'CONNECTING'
  | 'FAILED'
  | 'NEW';

/**
 * The code of every GraphQL error the server returns, in `extensions.code`: the one list clients
 * switch on. Codegen writes it into the server and the clients (`ErrorCode`).
 */
export type ErrorCode =
  /** This connection already holds a participant; leave first. */
  | 'ALREADY_JOINED'
  /**
   * An argument is invalid (a name, an id's shape, a mediasoup parameter object). A refused name
   * carries `extensions.reason` (see CreateChannelInput) and, when one character is the cause,
   * `extensions.codePoint` (`U+XXXX`).
   */
  | 'BAD_USER_INPUT'
  /** The channel has as many participants as it may hold (`extensions.max`). */
  | 'CHANNEL_FULL'
  /** The caller may not do this (another participant's object, a missing right, a channel not in the token). */
  | 'FORBIDDEN'
  /** A bug or an unexpected failure on the server; nothing the client did. Reported, never expected. */
  | 'INTERNAL_SERVER_ERROR'
  /**
   * A server limit was reached; `extensions.limit` names it and `extensions.max` gives its value: channels
   * (in total), channelsPerAddress and channelsPerIdentity (channels one creator holds at once),
   * producersPerParticipant (one producer per MediaSource), operationsPerConnection,
   * recordingsPerChannel (one recording of a channel at once: startRecording while one runs),
   * recordingsPerNode (recordings this node runs at once, VOXLAY_MAX_RECORDINGS), videoStreamsPerChannel
   * (CAMERA and SCREEN producers live in one channel at once), watchedStreamsPerParticipant (streams one
   * participant watches at once), videoBitratePerChannel (the bitrates of the channel's CAMERA and SCREEN
   * producers together, each counted at its declared encodings' maxBitrate, at most the per-stream cap).
   */
  | 'LIMIT_EXCEEDED'
  /**
   * The channel name is taken: an existing channel's name looks the same (the same Unicode TR39
   * confusable skeleton, ignoring case: "Lobby", "LOBBY" and "Lоbby" with a Cyrillic о are one name).
   * `extensions.channelId` and `extensions.channelName` name that channel.
   */
  | 'NAME_TAKEN'
  /**
   * This server node holds as many participants as it may (`extensions.max`, VOXLAY_MAX_PARTICIPANTS_PER_NODE)
   * and nothing was created. Retry after `extensions.retryAfterMs`; clustered, a channel can be created
   * on a node whose `Node.acceptingJoins` is true. A full node keeps serving the calls it holds.
   */
  | 'NODE_FULL'
  /** The channel, participant, transport, producer or consumer does not exist (or no longer). */
  | 'NOT_FOUND'
  /** A participant operation was sent over HTTP or before joining: join over the WebSocket at /graphql. */
  | 'NO_SESSION'
  /** The document is too deep, costly, aliased or long (`extensions.limit`: depth, cost, aliases, tokens or directives). */
  | 'QUERY_TOO_COMPLEX'
  /**
   * Too many requests from this connection, address or identity; retry after `extensions.retryAfterMs`.
   * `extensions.limit` names the bucket: mutationsPerConnection, mutationsPerAddress, mutationsPerIdentity,
   * joinsPerAddress, joinsPerIdentity, channelCreationsPerAddress, channelCreationsPerIdentity.
   */
  | 'RATE_LIMITED'
  /**
   * The server cannot record now and nothing was started. `extensions.reason` says why: FFMPEG_MISSING
   * (the recorder, ffmpeg, is not installed on the server: `apt-get install -y ffmpeg`), DISK_FULL
   * (less free space in the recordings directory than VOXLAY_RECORDING_MIN_FREE_MB, `extensions.freeBytes`),
   * NO_WORKER (the channel's media worker is not available), or CLUSTERED (the channel lives on another
   * node: start it there).
   */
  | 'RECORDING_UNAVAILABLE'
  /** Over HTTP, a request body over the size limit (status 413). */
  | 'REQUEST_ENTITY_TOO_LARGE'
  /** No token, or an expired, forged or malformed one (token mode). */
  | 'UNAUTHENTICATED'
  /**
   * The channel cannot take the request right now and nothing was created; retry after
   * `extensions.retryAfterMs`. Clustered: the channel's node stopped answering and the channel is
   * being moved. Any node: the media worker holding the channel stopped during the join and the
   * channel is moving to a live one.
   */
  | 'UNAVAILABLE'
  /** Clustered: the channel lives on another node; connect to `extensions.nodeUrl` and send the same request. */
  | 'WRONG_NODE';

export type Health = {
  __typename?: 'Health';
  /** True while a join would be admitted: `ok` and `participants` below `participantCapacity`. */
  acceptingJoins: Scalars['Boolean']['output'];
  channels: Scalars['Int']['output'];
  /** At least one mediasoup worker is alive: the node serves its calls (it may still be full). */
  ok: Scalars['Boolean']['output'];
  /** Most participants this node admits (VOXLAY_MAX_PARTICIPANTS_PER_NODE); joins beyond get NODE_FULL. */
  participantCapacity: Scalars['Int']['output'];
  /** Participants on this node, joins in flight included. */
  participants: Scalars['Int']['output'];
  uptimeSeconds: Scalars['Float']['output'];
  version: Scalars['String']['output'];
  workersAlive: Scalars['Int']['output'];
  workersTotal: Scalars['Int']['output'];
};

/**
 * A STUN/TURN server as an RTCPeerConnection takes it (RTCIceServer), with time-limited TURN REST
 * credentials (coturn `use-auth-secret`): `username` is `<unix expiry>:<participant or token subject>`,
 * `credential` base64(HMAC-SHA1(secret, username)). Secret to the participant it was given to.
 */
export type IceServer = {
  __typename?: 'IceServer';
  credential: Scalars['String']['output'];
  /** When the relay stops accepting new allocations with these credentials (renewIceServers gives fresh ones). */
  expiresAt: Scalars['DateTime']['output'];
  /** `turn:` / `turns:` URLs (RFC 7065) sharing these credentials, e.g. `turns:turn.example.com:443?transport=tcp`. */
  urls: Array<Scalars['String']['output']>;
  username: Scalars['String']['output'];
};

export type IceState =
  | 'CLOSED'
  | 'COMPLETED'
  | 'CONNECTED'
  | 'DISCONNECTED'
  | 'NEW';

export type JoinChannelInput = {
  channelId: Scalars['ID']['input'];
  /** How others see this participant (the name rules of CreateChannelInput); ignored in token mode, where the token's `name` is used. */
  displayName: Scalars['String']['input'];
  /** The client Device's RTP capabilities, when it already loaded `routerRtpCapabilities`. */
  rtpCapabilities?: InputMaybe<Scalars['JSON']['input']>;
};

export type JoinChannelPayload = {
  __typename?: 'JoinChannelPayload';
  channel: Channel;
  /** Consumers for producers already in the channel (paused); empty without rtpCapabilities. */
  consumers: Array<ConsumerOptions>;
  /**
   * TURN relays for both transports (`iceServers` of mediasoup-client's createSendTransport /
   * createRecvTransport), with credentials minted for this participant; empty when the server has
   * no TURN configured. A client on a network that blocks UDP reaches the SFU through them.
   */
  iceServers: Array<IceServer>;
  participant: Participant;
  recvTransport: TransportOptions;
  /**
   * An opaque secret that lets this participant be resumed on a new connection (`resumeParticipant`)
   * while the old one is in its disconnect grace period. Valid as long as the participant exists.
   */
  resumeToken: Scalars['String']['output'];
  routerRtpCapabilities: Scalars['JSON']['output'];
  sendTransport: TransportOptions;
  /** Sequence number of the last participant event already reflected in this payload. */
  seq: Scalars['Int']['output'];
};

export type LeaveReason =
  /** Its media worker died (ChannelInterrupted): it may join again. */
  | 'CHANNEL_CLOSED'
  /** The channel was deleted (deleteChannel). */
  | 'CHANNEL_DELETED'
  /** Its WebSocket closed and it was not resumed within the disconnect grace period. */
  | 'DISCONNECTED'
  /** leaveChannel. */
  | 'LEFT'
  /**
   * The same identity (token `sub`) joined this channel again, from another connection or device: the
   * new participant replaced this one (others see this leave, then the new ParticipantJoined).
   */
  | 'REPLACED';

/** What a lobby follows (Subscription.lobbyEvents): the channels, and who is in each. */
export type LobbyEvent = ChannelCreated | ChannelDeleted | MuteChanged | ParticipantJoined | ParticipantLeft | ParticipantStateChanged | RecordingStarted | RecordingStopped;

export type MediaKind =
  | 'AUDIO'
  | 'VIDEO';

/**
 * What a producer sends. MICROPHONE is received by everyone (last-N); the others are watched on
 * demand (`watchStream`), so a stream costs the server only its viewers.
 */
export type MediaSource =
  /** A camera (VIDEO). */
  | 'CAMERA'
  /** The voice (AUDIO), one per participant. */
  | 'MICROPHONE'
  /** A shared screen, window or tab (VIDEO): the participant is LIVE. */
  | 'SCREEN'
  /** The sound of a shared screen or tab (AUDIO), watched with the screen. */
  | 'SCREEN_AUDIO';

export type Mutation = {
  __typename?: 'Mutation';
  /** Stop sending: closes the producer and every consumer of it. */
  closeProducer: Scalars['Boolean']['output'];
  /** Complete a transport's DTLS handshake parameters (mediasoup-client's `connect` event). */
  connectTransport: Transport;
  /**
   * Create a voice channel. The name follows the name rules (see CreateChannelInput.name) and is
   * unique by look: NAME_TAKEN when an existing channel's name looks the same. Token mode: the `create` right (a
   * channel of one's own, which the token may then use even if `channels` does not name it) or
   * `admin`. A channel nobody is in expires after the configured time (VOXLAY_EMPTY_CHANNEL_TTL_MS),
   * except those an admin token creates; creations are rate limited (RATE_LIMITED) and one creator
   * holds a bounded number at once (LIMIT_EXCEEDED channelsPerAddress / channelsPerIdentity), admins excepted.
   */
  createChannel: Channel;
  /**
   * Delete a channel: its participants receive their own ParticipantLeft (reason CHANNEL_DELETED) and
   * are closed with every mediasoup object, and the channel is gone from every node. Token mode: an
   * admin, or the identity that created it (FORBIDDEN otherwise, and for an unknown id alike); open
   * mode: anybody. The default channel cannot be deleted (FORBIDDEN). Clustered: a channel hosted on
   * another live node answers WRONG_NODE.
   */
  deleteChannel: Scalars['Boolean']['output'];
  /**
   * Join a channel: one round trip returns everything needed to load the Device and open both
   * transports. When `rtpCapabilities` is given, the consumers for everyone already speaking are
   * created (paused) and returned too; resume them with `resumeConsumers` once created locally.
   * Must be sent over the WebSocket; a connection holds at most one participant.
   */
  joinChannel: JoinChannelPayload;
  /** Leave the channel: every mediasoup object of the participant is closed. */
  leaveChannel: Scalars['Boolean']['output'];
  /** Pause consumers (deafen, or a locally muted participant): saves the bandwidth. */
  pauseConsumers: Array<Consumer>;
  /** Mute: pause the producer server-side, so nobody receives it and everyone sees the mute. */
  pauseProducer: Producer;
  /**
   * Send the microphone, a camera or a screen (mediasoup-client's `produce` event). `input.source` says
   * which (MICROPHONE when absent, for audio); the kind must match it (BAD_USER_INPUT) and a participant
   * sends at most one producer per source (LIMIT_EXCEEDED producersPerParticipant). CAMERA and SCREEN
   * count towards the channel's video streams (LIMIT_EXCEEDED videoStreamsPerChannel). Only
   * microphones are received by everybody (last-N); the other sources are watched on demand (watchStream).
   */
  produce: Producer;
  /**
   * Fresh ICE servers (TURN credentials) for this connection's participant, the same relays as the
   * join's with a new expiry. A client asks for them with each ICE restart, so a call that outlived
   * its credentials can still allocate a relay. Empty when the server hands out no TURN.
   */
  renewIceServers: Array<IceServer>;
  /** Restart ICE on one of the participant's transports; returns the new ICE parameters. */
  restartIce: Scalars['JSON']['output'];
  /** Resume consumers once they exist on the client (created paused). One round trip for all. */
  resumeConsumers: Array<Consumer>;
  /**
   * Take back this connection's participant after the WebSocket dropped: `resumeToken` (from
   * joinChannel) names a participant still in its disconnect grace period. It is rebound to this
   * connection (the old connection lets go, the grace timer stops) and keeps its id, transports,
   * producer and consumers: media never went through the WebSocket. Others see no leave or join.
   * Re-subscribe `participantEvents` with `afterSeq` = the last seq seen to get what was missed.
   * NOT_FOUND when the token is unknown or its participant is gone (grace over): join again.
   * ALREADY_JOINED when this connection holds a participant. Must be sent over the WebSocket.
   */
  resumeParticipant: ResumeParticipantPayload;
  /** Unmute. */
  resumeProducer: Producer;
  /**
   * Tell the channel how this participant takes part, beyond what its producer says (`muted`):
   * deafened, listen-only (no microphone), its voice mode and whether the user muted. Only the fields
   * given change; everybody in the channel receives ParticipantStateChanged when one did.
   * BAD_USER_INPUT when no field is given. Must be sent over the WebSocket (NO_SESSION otherwise).
   */
  setParticipantState: Participant;
  /**
   * The best layers a watched stream's consumer should receive (a small tile wants a low one): the SFU
   * sends the highest layers up to these that the viewer's bandwidth allows. `temporalLayer` absent:
   * the highest. Only VIDEO consumers of a simulcast or SVC producer have layers; on another consumer,
   * and for negative layers, BAD_USER_INPUT.
   */
  setPreferredLayers: Consumer;
  /**
   * Cap what this participant receives, in bits per second (a data saver, a weak link): the SFU lowers
   * the layers of watched streams to fit, audio first. Null: no cap of the participant's own (the
   * server's VOXLAY_MAX_RECEIVE_BITRATE still applies). Returns the cap in force (0: none).
   * BAD_USER_INPUT below 100000 or above 100000000.
   */
  setReceiveBitrate: Scalars['Int']['output'];
  /**
   * Tell the server this participant's RTP capabilities when they were not sent with the join.
   * Returns the consumers created for producers already in the channel (paused).
   */
  setRtpCapabilities: Array<ConsumerOptions>;
  /**
   * Start recording a channel: every participant's microphone is written to its own file (Opus, not
   * re-encoded), joiners included, and a mixed file of the whole channel is made when it stops.
   * Everybody in the channel receives RecordingStarted and `Channel.recording` tells joiners before
   * they join. Token mode: the `record` (or `admin`) right for the channel. LIMIT_EXCEEDED
   * recordingsPerChannel when the channel is already being recorded, recordingsPerNode at the node's
   * limit; RECORDING_UNAVAILABLE when ffmpeg is missing or the disk is (nearly) full.
   */
  startRecording: Recording;
  /**
   * Stop the channel's running recording (RecordingStopped, reason STOPPED): the files are closed and the
   * mixed file is made (state MIXING, then DONE). NOT_FOUND when the channel is not being recorded.
   * Token mode: the `record` (or `admin`) right for the channel.
   */
  stopRecording: Recording;
  /** Stop watching a stream: closes this participant's consumer of it. False when it was not watched. */
  stopWatching: Scalars['Boolean']['output'];
  /**
   * Watch another participant's CAMERA, SCREEN or SCREEN_AUDIO producer: creates a consumer (paused:
   * create it locally, then `resumeConsumers`) on this participant's receive transport and returns it;
   * asking again for a producer already watched returns the same consumer. The consumer closes with
   * `stopWatching`, when the producer closes (ConsumerClosed) and when either participant leaves.
   * NOT_FOUND: no such producer in this channel (or it closed). BAD_USER_INPUT: a microphone (received
   * through last-N), one's own producer, or RTP capabilities missing or unable to receive it.
   * FORBIDDEN: the token lacks the subscribe right. LIMIT_EXCEEDED watchedStreamsPerParticipant.
   */
  watchStream: ConsumerOptions;
};


export type MutationCloseProducerArgs = {
  producerId: Scalars['ID']['input'];
};


export type MutationConnectTransportArgs = {
  dtlsParameters: Scalars['JSON']['input'];
  transportId: Scalars['ID']['input'];
};


export type MutationCreateChannelArgs = {
  input: CreateChannelInput;
};


export type MutationDeleteChannelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationJoinChannelArgs = {
  input: JoinChannelInput;
};


export type MutationPauseConsumersArgs = {
  consumerIds: Array<Scalars['ID']['input']>;
};


export type MutationPauseProducerArgs = {
  producerId: Scalars['ID']['input'];
};


export type MutationProduceArgs = {
  input: ProduceInput;
};


export type MutationRestartIceArgs = {
  transportId: Scalars['ID']['input'];
};


export type MutationResumeConsumersArgs = {
  consumerIds: Array<Scalars['ID']['input']>;
};


export type MutationResumeParticipantArgs = {
  resumeToken: Scalars['String']['input'];
};


export type MutationResumeProducerArgs = {
  producerId: Scalars['ID']['input'];
};


export type MutationSetParticipantStateArgs = {
  input: ParticipantStateInput;
};


export type MutationSetPreferredLayersArgs = {
  consumerId: Scalars['ID']['input'];
  spatialLayer: Scalars['Int']['input'];
  temporalLayer?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSetReceiveBitrateArgs = {
  bitsPerSecond?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSetRtpCapabilitiesArgs = {
  rtpCapabilities: Scalars['JSON']['input'];
};


export type MutationStartRecordingArgs = {
  channelId: Scalars['ID']['input'];
};


export type MutationStopRecordingArgs = {
  channelId: Scalars['ID']['input'];
};


export type MutationStopWatchingArgs = {
  producerId: Scalars['ID']['input'];
};


export type MutationWatchStreamArgs = {
  producerId: Scalars['ID']['input'];
};

/** A participant muted or unmuted (its producer was paused or resumed). */
export type MuteChanged = {
  __typename?: 'MuteChanged';
  channelId: Scalars['ID']['output'];
  muted: Scalars['Boolean']['output'];
  participantId: Scalars['ID']['output'];
};

/** A Voxlay server process of the service. */
export type Node = {
  __typename?: 'Node';
  /** False when the node is full (NODE_FULL) or has no live worker: create channels elsewhere. */
  acceptingJoins: Scalars['Boolean']['output'];
  /** Seen alive within its heartbeat TTL. */
  alive: Scalars['Boolean']['output'];
  channelCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** Most participants the node admits (its VOXLAY_MAX_PARTICIPANTS_PER_NODE). */
  participantCapacity: Scalars['Int']['output'];
  participantCount: Scalars['Int']['output'];
  /** True for the node answering this request. */
  self: Scalars['Boolean']['output'];
  /** The http(s) base URL clients connect to. */
  url: Scalars['String']['output'];
};

export type Participant = {
  __typename?: 'Participant';
  /** Sends a camera (a CAMERA producer). ParticipantStateChanged tells when it changes. */
  cameraOn: Scalars['Boolean']['output'];
  channelId: Scalars['ID']['output'];
  consumers: Array<Consumer>;
  /** Hears nobody (setParticipantState). */
  deafened: Scalars['Boolean']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  joinedAt: Scalars['DateTime']['output'];
  /** Has no microphone: only listens (setParticipantState). */
  listenOnly: Scalars['Boolean']['output'];
  /** Shares a screen (a SCREEN producer): shown as LIVE. ParticipantStateChanged tells when it changes. */
  live: Scalars['Boolean']['output'];
  /** True when the participant sends no audio: no producer, or its producer is paused. */
  muted: Scalars['Boolean']['output'];
  producers: Array<Producer>;
  /**
   * How well the server receives this participant, from its producer's RTP statistics (sampled every
   * few seconds, at a bounded rate); null before its first packet and on another node's participant.
   */
  quality?: Maybe<ConnectionQuality>;
  /** `quality.level`, flat (UNKNOWN while `quality` is null), for lists read at join time. */
  qualityLevel: QualityLevel;
  /** The user muted (setParticipantState); `muted` without it is a closed push-to-talk or voice-activity gate. */
  selfMuted: Scalars['Boolean']['output'];
  /**
   * Its producers others can watch on demand (CAMERA, SCREEN, SCREEN_AUDIO): the ids for `watchStream`.
   * Anybody who may see the participant may read them; empty for another node's participant.
   */
  streams: Array<Producer>;
  transports: Array<Transport>;
  /** How its microphone is gated (setParticipantState); ALWAYS_ON until told. */
  voiceMode: VoiceMode;
};

export type ParticipantEvent = ActiveSpeakersChanged | ChannelInterrupted | ConsumerAdded | ConsumerClosed | ConsumerLayersChanged | MuteChanged | ParticipantJoined | ParticipantLeft | ParticipantStateChanged | ProducerAdded | ProducerClosed | RecordingStarted | RecordingStopped | StreamStarted | StreamStopped | StreamViewersChanged;

export type ParticipantEventMessage = {
  __typename?: 'ParticipantEventMessage';
  event: ParticipantEvent;
  /** Increasing per participant, starting at 1. */
  seq: Scalars['Int']['output'];
};

/** A participant arrived (`participant` is its state at that moment). */
export type ParticipantJoined = {
  __typename?: 'ParticipantJoined';
  channelId: Scalars['ID']['output'];
  participant: Participant;
};

/**
 * A participant left, was disconnected, or its connection timed out. A participant the server removes
 * receives its own ParticipantLeft as its last event (reason REPLACED or CHANNEL_DELETED): show why,
 * and do not join again on your own.
 */
export type ParticipantLeft = {
  __typename?: 'ParticipantLeft';
  channelId: Scalars['ID']['output'];
  participantId: Scalars['ID']['output'];
  reason: LeaveReason;
};

/**
 * A participant's state changed (setParticipantState: deafened, listen-only, voice mode, self-muted;
 * or its connection quality as the server sees it changed grade). `participant` is its state now.
 */
export type ParticipantStateChanged = {
  __typename?: 'ParticipantStateChanged';
  channelId: Scalars['ID']['output'];
  participant: Participant;
};

/** What setParticipantState changes: every field is optional, at least one must be given. */
export type ParticipantStateInput = {
  /** Hears nobody (its consumers are paused). Deafening mutes too, which its producer shows. */
  deafened?: InputMaybe<Scalars['Boolean']['input']>;
  /** Has no microphone (denied, dismissed, missing or busy): it only listens until it sends one. */
  listenOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** The user muted (as opposed to the push-to-talk or voice-activity gate being closed). */
  selfMuted?: InputMaybe<Scalars['Boolean']['input']>;
  /** How its microphone is gated (tells "push-to-talk idle" from "muted"). */
  voiceMode?: InputMaybe<VoiceMode>;
};

export type ProduceInput = {
  kind: MediaKind;
  /** Start paused (joining muted, or push-to-talk not held). */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  rtpParameters: Scalars['JSON']['input'];
  /** What is sent; MICROPHONE when absent (then `kind` must be AUDIO). CAMERA and SCREEN are VIDEO, SCREEN_AUDIO is AUDIO. */
  source?: InputMaybe<MediaSource>;
  transportId: Scalars['ID']['input'];
};

export type Producer = {
  __typename?: 'Producer';
  id: Scalars['ID']['output'];
  kind: MediaKind;
  participantId: Scalars['ID']['output'];
  paused: Scalars['Boolean']['output'];
  source: MediaSource;
  /**
   * What the SFU's worker has received on this producer so far (its owner and operators only; one
   * worker request per producer asked). Null before its first packet, and once it is closed.
   */
  stats?: Maybe<RtpStreamStats>;
  /**
   * Who watches this stream (participant ids, in the order they started): empty for a microphone, which
   * everybody receives through last-N. StreamViewersChanged tells when it changes.
   */
  viewerIds: Array<Scalars['ID']['output']>;
};

/** A participant started sending its microphone (streams are StreamStarted). */
export type ProducerAdded = {
  __typename?: 'ProducerAdded';
  channelId: Scalars['ID']['output'];
  producer: Producer;
};

/** A participant's microphone producer closed (streams are StreamStopped). */
export type ProducerClosed = {
  __typename?: 'ProducerClosed';
  channelId: Scalars['ID']['output'];
  participantId: Scalars['ID']['output'];
  producerId: Scalars['ID']['output'];
};

/** A coarse grade of a connection, for bars in the UI. */
export type QualityLevel =
  | 'FAIR'
  | 'GOOD'
  | 'POOR'
  /** Nothing measured yet, or no media for a while. */
  | 'UNKNOWN';

export type Query = {
  __typename?: 'Query';
  channel?: Maybe<Channel>;
  /** Every voice channel, the default one first. */
  channels: Array<Channel>;
  /** Liveness and worker health. */
  health: Health;
  /** The participant bound to this connection, if it has joined a channel. */
  me?: Maybe<Participant>;
  /**
   * The server processes of this Voxlay service (one when not clustered), the answering one
   * flagged `self`. A client keeps their URLs to fall back to when its node goes away.
   */
  nodes: Array<Node>;
  /**
   * The recordings this node keeps (running ones first, then newest first), of one channel when
   * `channelId` is given. Token mode: the `record` or `admin` right; a `record` token sees only the
   * channels it grants (FORBIDDEN for a `channelId` it does not grant, known or not).
   */
  recordings: Array<Recording>;
  /**
   * The RTP capabilities every channel's router has (all routers share one codec set), so a client
   * can load its mediasoup-client Device before joining and send its own capabilities with the join.
   */
  routerRtpCapabilities: Scalars['JSON']['output'];
  /** The mediasoup worker processes (operator view). */
  workers: Array<Worker>;
};


export type QueryChannelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRecordingsArgs = {
  channelId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A recording of one channel: one Ogg Opus file per microphone (not re-encoded) and a mixed file made
 * when it stops. Files are downloaded over HTTP from `RecordingFile.url` (docs/security.md).
 */
export type Recording = {
  __typename?: 'Recording';
  channelId: Scalars['ID']['output'];
  channelName: Scalars['String']['output'];
  /** From start to stop (to now while it runs), in milliseconds. */
  durationMs: Scalars['Float']['output'];
  /** Null while it runs. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * The files: one per recorded microphone, and the MIXED one once made. Token mode: the `record` or
   * `admin` right for the channel (FORBIDDEN otherwise).
   */
  files: Array<RecordingFile>;
  id: Scalars['ID']['output'];
  /** The participants whose microphone was recorded (display names, in the order they were first heard). */
  participantNames: Array<Scalars['String']['output']>;
  /** Bytes on disk, every file together. */
  sizeBytes: Scalars['Float']['output'];
  startedAt: Scalars['DateTime']['output'];
  state: RecordingState;
  /** Why it stopped; null while it runs. */
  stopReason?: Maybe<RecordingStopReason>;
};

/** One file of a recording (audio/ogg, Opus). */
export type RecordingFile = {
  __typename?: 'RecordingFile';
  displayName?: Maybe<Scalars['String']['output']>;
  kind: RecordingFileKind;
  name: Scalars['String']['output'];
  /** Milliseconds from the recording's start to the file's first sound (0 for MIXED): where the track lines up. */
  offsetMs: Scalars['Float']['output'];
  /** The recorded participant (SPEAKER); null for MIXED. */
  participantId?: Maybe<Scalars['ID']['output']>;
  sizeBytes: Scalars['Float']['output'];
  /**
   * Where to download it (GET): a path relative to the server, valid with `Authorization: Bearer <jwt>`
   * (record or admin right) or on its own for a few minutes (its `sig` parameter is signed).
   */
  url: Scalars['String']['output'];
};

export type RecordingFileKind =
  /** Every speaker mixed, aligned from the recording's start (re-encoded). */
  | 'MIXED'
  /** One participant's microphone, its Opus packets as they were sent (gaps while muted kept). */
  | 'SPEAKER';

/** Someone started recording the channel: show everybody an indicator (Channel.recording has the details). */
export type RecordingStarted = {
  __typename?: 'RecordingStarted';
  channelId: Scalars['ID']['output'];
  recordingId: Scalars['ID']['output'];
  startedAt: Scalars['DateTime']['output'];
};

/** Where a recording is in its life. */
export type RecordingState =
  /** Finished: every file is closed (the mixed one too unless mixing failed). */
  | 'DONE'
  /** Stopped; the mixed file is being made. */
  | 'MIXING'
  /** The microphones are being written. */
  | 'RECORDING';

/** Why a recording stopped. */
export type RecordingStopReason =
  /** The channel was deleted or expired. */
  | 'CHANNEL_CLOSED'
  /** The recordings directory ran out of space (below VOXLAY_RECORDING_MIN_FREE_MB, or a write failed). */
  | 'DISK_FULL'
  /** The recording reached the longest allowed (VOXLAY_RECORDING_MAX_MINUTES). */
  | 'MAX_DURATION'
  /** The recorder process (ffmpeg) failed. */
  | 'RECORDER_FAILED'
  /** The server stopped. */
  | 'SERVER_SHUTDOWN'
  /** stopRecording. */
  | 'STOPPED'
  /** The media worker carrying the channel died; the files hold everything up to then. */
  | 'WORKER_DIED';

/** The channel's recording stopped (`stopReason`): the indicator goes away. */
export type RecordingStopped = {
  __typename?: 'RecordingStopped';
  channelId: Scalars['ID']['output'];
  recordingId: Scalars['ID']['output'];
  stopReason: RecordingStopReason;
};

/** What a client needs to carry on after `resumeParticipant`: its transports and producer are unchanged. */
export type ResumeParticipantPayload = {
  __typename?: 'ResumeParticipantPayload';
  channel: Channel;
  /** The participant's consumers now (a consumer the client holds that is not here was closed). */
  consumers: Array<ConsumerOptions>;
  participant: Participant;
  /** Sequence number of the participant's last event; events after the client's last seen seq are replayed. */
  seq: Scalars['Int']['output'];
};

/** One RTP stream's counters as the mediasoup worker keeps them. */
export type RtpStreamStats = {
  __typename?: 'RtpStreamStats';
  /** Current bitrate in bits per second. */
  bitrate: Scalars['Float']['output'];
  /** Bytes carried so far. */
  byteCount: Scalars['Float']['output'];
  /** Packets carried so far (received by a producer, sent by a consumer). */
  packetCount: Scalars['Float']['output'];
  /** Packets lost on the way (as the receiving end reports it). */
  packetsLost: Scalars['Float']['output'];
  /** mediasoup's stream score, 0 (bad) to 10 (perfect). */
  score: Scalars['Int']['output'];
};

/**
 * A participant started a stream others may watch (`producer.source` CAMERA, SCREEN or SCREEN_AUDIO):
 * nobody receives it until they call `watchStream(producer.id)`. The participant's `live` / `cameraOn`
 * change with it (ParticipantStateChanged).
 */
export type StreamStarted = {
  __typename?: 'StreamStarted';
  channelId: Scalars['ID']['output'];
  producer: Producer;
};

/** A stream stopped: its viewers' consumers are closed (each viewer gets ConsumerClosed). */
export type StreamStopped = {
  __typename?: 'StreamStopped';
  channelId: Scalars['ID']['output'];
  participantId: Scalars['ID']['output'];
  producerId: Scalars['ID']['output'];
  source: MediaSource;
};

/** Who watches a stream changed (watchStream, stopWatching, a viewer left); not sent once the stream stopped. */
export type StreamViewersChanged = {
  __typename?: 'StreamViewersChanged';
  channelId: Scalars['ID']['output'];
  /** The participant sending the stream. */
  participantId: Scalars['ID']['output'];
  producerId: Scalars['ID']['output'];
  /** Who watches it now, in the order they started. */
  viewerIds: Array<Scalars['ID']['output']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** What everybody may see of one channel: joins, leaves, producers, mutes (operators, lobbies). */
  channelEvents: ChannelEvent;
  /**
   * Every channel the caller may see, live, for a lobby: channels created and deleted, and who joins,
   * leaves, mutes or changes state in each. Clustered: the events of every node. Token mode: a valid
   * token (UNAUTHENTICATED, before anything is looked up), and only the channels `Query.channels`
   * lists for it. Nothing is replayed: subscribe, then read `channels` (again after every reconnect)
   * and apply the events on top; applying one twice changes nothing more.
   */
  lobbyEvents: LobbyEvent;
  /**
   * Everything the joined participant of this connection needs, from the moment it joined: channel
   * events plus the consumers the server creates for it. Events are buffered from the join, so none is
   * lost between the joinChannel response and this subscription starting; `afterSeq` skips those
   * already seen (after a re-subscribe).
   */
  participantEvents: ParticipantEventMessage;
};


export type SubscriptionChannelEventsArgs = {
  channelId: Scalars['ID']['input'];
};


export type SubscriptionParticipantEventsArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  participantId: Scalars['ID']['input'];
};

export type Transport = {
  __typename?: 'Transport';
  direction: TransportDirection;
  dtlsState: DtlsState;
  iceState: IceState;
  id: Scalars['ID']['output'];
};

export type TransportDirection =
  | 'RECV'
  | 'SEND';

/** What mediasoup-client needs to create a Transport (`device.createSendTransport(...)`). */
export type TransportOptions = {
  __typename?: 'TransportOptions';
  dtlsParameters: Scalars['JSON']['output'];
  iceCandidates: Scalars['JSON']['output'];
  iceParameters: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
};

/** How a participant's microphone is gated. */
export type VoiceMode =
  /** Sends whenever not muted. */
  | 'ALWAYS_ON'
  /** Sends only while a key or button is held. */
  | 'PUSH_TO_TALK'
  /** Sends while voice activity is detected. */
  | 'VOICE_ACTIVITY';

export type Worker = {
  __typename?: 'Worker';
  alive: Scalars['Boolean']['output'];
  channelIds: Array<Scalars['ID']['output']>;
  /** CPU use since the previous sample, 0..1 of one core (sampled every few seconds). */
  cpuLoad: Scalars['Float']['output'];
  /** Total CPU time used by the worker process, in milliseconds (user + system). */
  cpuTimeMs: Scalars['Float']['output'];
  /** Index in the pool (stable across a replacement of the process). */
  index: Scalars['Int']['output'];
  /** Resident memory of the worker process in bytes. */
  maxRssBytes: Scalars['Float']['output'];
  pid: Scalars['Int']['output'];
  routerCount: Scalars['Int']['output'];
  /** TCP port of the same WebRtcServer (the fallback where UDP is blocked). */
  tcpPort: Scalars['Int']['output'];
  /** UDP port of the worker's WebRtcServer: every WebRTC transport on this worker receives media here. */
  udpPort: Scalars['Int']['output'];
  /** WebRTC transports on this worker's WebRtcServer (two per participant placed here). */
  webRtcTransportCount: Scalars['Int']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  ChannelEvent:
    | ( ActiveSpeakersChanged )
    | ( MuteChanged )
    | ( Omit<ParticipantJoined, 'participant'> & { participant: _RefType['Participant'] } )
    | ( ParticipantLeft )
    | ( Omit<ParticipantStateChanged, 'participant'> & { participant: _RefType['Participant'] } )
    | ( Omit<ProducerAdded, 'producer'> & { producer: _RefType['Producer'] } )
    | ( ProducerClosed )
    | ( RecordingStarted )
    | ( RecordingStopped )
    | ( Omit<StreamStarted, 'producer'> & { producer: _RefType['Producer'] } )
    | ( StreamStopped )
    | ( StreamViewersChanged )
  ;
  LobbyEvent:
    | ( Omit<ChannelCreated, 'channel'> & { channel: _RefType['Channel'] } )
    | ( ChannelDeleted )
    | ( MuteChanged )
    | ( Omit<ParticipantJoined, 'participant'> & { participant: _RefType['Participant'] } )
    | ( ParticipantLeft )
    | ( Omit<ParticipantStateChanged, 'participant'> & { participant: _RefType['Participant'] } )
    | ( RecordingStarted )
    | ( RecordingStopped )
  ;
  ParticipantEvent:
    | ( ActiveSpeakersChanged )
    | ( ChannelInterrupted )
    | ( ConsumerAdded )
    | ( ConsumerClosed )
    | ( ConsumerLayersChanged )
    | ( MuteChanged )
    | ( Omit<ParticipantJoined, 'participant'> & { participant: _RefType['Participant'] } )
    | ( ParticipantLeft )
    | ( Omit<ParticipantStateChanged, 'participant'> & { participant: _RefType['Participant'] } )
    | ( Omit<ProducerAdded, 'producer'> & { producer: _RefType['Producer'] } )
    | ( ProducerClosed )
    | ( RecordingStarted )
    | ( RecordingStopped )
    | ( Omit<StreamStarted, 'producer'> & { producer: _RefType['Producer'] } )
    | ( StreamStopped )
    | ( StreamViewersChanged )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ActiveSpeakersChanged: ResolverTypeWrapper<ActiveSpeakersChanged>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Channel: ResolverTypeWrapper<ChannelModel>;
  ChannelCreated: ResolverTypeWrapper<Omit<ChannelCreated, 'channel'> & { channel: ResolversTypes['Channel'] }>;
  ChannelDeleted: ResolverTypeWrapper<ChannelDeleted>;
  ChannelEvent: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['ChannelEvent']>;
  ChannelInterrupted: ResolverTypeWrapper<ChannelInterrupted>;
  ChannelRouter: ResolverTypeWrapper<ChannelRouterModel>;
  CloseCode: CloseCode;
  ConnectionQuality: ResolverTypeWrapper<ConnectionQuality>;
  Consumer: ResolverTypeWrapper<ConsumerModel>;
  ConsumerAdded: ResolverTypeWrapper<ConsumerAdded>;
  ConsumerClosed: ResolverTypeWrapper<ConsumerClosed>;
  ConsumerLayers: ResolverTypeWrapper<ConsumerLayers>;
  ConsumerLayersChanged: ResolverTypeWrapper<ConsumerLayersChanged>;
  ConsumerOptions: ResolverTypeWrapper<ConsumerOptions>;
  ConsumerType: ConsumerType;
  CreateChannelInput: CreateChannelInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DtlsState: DtlsState;
  ErrorCode: ErrorCode;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Health: ResolverTypeWrapper<Health>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IceServer: ResolverTypeWrapper<IceServer>;
  IceState: IceState;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  JoinChannelInput: JoinChannelInput;
  JoinChannelPayload: ResolverTypeWrapper<Omit<JoinChannelPayload, 'channel' | 'participant'> & { channel: ResolversTypes['Channel'], participant: ResolversTypes['Participant'] }>;
  LeaveReason: LeaveReason;
  LobbyEvent: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['LobbyEvent']>;
  MediaKind: MediaKind;
  MediaSource: MediaSource;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  MuteChanged: ResolverTypeWrapper<MuteChanged>;
  Node: ResolverTypeWrapper<NodeModel>;
  Participant: ResolverTypeWrapper<ParticipantModel>;
  ParticipantEvent: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['ParticipantEvent']>;
  ParticipantEventMessage: ResolverTypeWrapper<Omit<ParticipantEventMessage, 'event'> & { event: ResolversTypes['ParticipantEvent'] }>;
  ParticipantJoined: ResolverTypeWrapper<Omit<ParticipantJoined, 'participant'> & { participant: ResolversTypes['Participant'] }>;
  ParticipantLeft: ResolverTypeWrapper<ParticipantLeft>;
  ParticipantStateChanged: ResolverTypeWrapper<Omit<ParticipantStateChanged, 'participant'> & { participant: ResolversTypes['Participant'] }>;
  ParticipantStateInput: ParticipantStateInput;
  ProduceInput: ProduceInput;
  Producer: ResolverTypeWrapper<ProducerModel>;
  ProducerAdded: ResolverTypeWrapper<Omit<ProducerAdded, 'producer'> & { producer: ResolversTypes['Producer'] }>;
  ProducerClosed: ResolverTypeWrapper<ProducerClosed>;
  QualityLevel: QualityLevel;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Recording: ResolverTypeWrapper<RecordingModel>;
  RecordingFile: ResolverTypeWrapper<RecordingFileModel>;
  RecordingFileKind: RecordingFileKind;
  RecordingStarted: ResolverTypeWrapper<RecordingStarted>;
  RecordingState: RecordingState;
  RecordingStopReason: RecordingStopReason;
  RecordingStopped: ResolverTypeWrapper<RecordingStopped>;
  ResumeParticipantPayload: ResolverTypeWrapper<Omit<ResumeParticipantPayload, 'channel' | 'participant'> & { channel: ResolversTypes['Channel'], participant: ResolversTypes['Participant'] }>;
  RtpStreamStats: ResolverTypeWrapper<RtpStreamStats>;
  StreamStarted: ResolverTypeWrapper<Omit<StreamStarted, 'producer'> & { producer: ResolversTypes['Producer'] }>;
  StreamStopped: ResolverTypeWrapper<StreamStopped>;
  StreamViewersChanged: ResolverTypeWrapper<StreamViewersChanged>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Transport: ResolverTypeWrapper<TransportModel>;
  TransportDirection: TransportDirection;
  TransportOptions: ResolverTypeWrapper<TransportOptions>;
  VoiceMode: VoiceMode;
  Worker: ResolverTypeWrapper<WorkerModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ActiveSpeakersChanged: ActiveSpeakersChanged;
  Boolean: Scalars['Boolean']['output'];
  Channel: ChannelModel;
  ChannelCreated: Omit<ChannelCreated, 'channel'> & { channel: ResolversParentTypes['Channel'] };
  ChannelDeleted: ChannelDeleted;
  ChannelEvent: ResolversUnionTypes<ResolversParentTypes>['ChannelEvent'];
  ChannelInterrupted: ChannelInterrupted;
  ChannelRouter: ChannelRouterModel;
  ConnectionQuality: ConnectionQuality;
  Consumer: ConsumerModel;
  ConsumerAdded: ConsumerAdded;
  ConsumerClosed: ConsumerClosed;
  ConsumerLayers: ConsumerLayers;
  ConsumerLayersChanged: ConsumerLayersChanged;
  ConsumerOptions: ConsumerOptions;
  CreateChannelInput: CreateChannelInput;
  DateTime: Scalars['DateTime']['output'];
  Float: Scalars['Float']['output'];
  Health: Health;
  ID: Scalars['ID']['output'];
  IceServer: IceServer;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  JoinChannelInput: JoinChannelInput;
  JoinChannelPayload: Omit<JoinChannelPayload, 'channel' | 'participant'> & { channel: ResolversParentTypes['Channel'], participant: ResolversParentTypes['Participant'] };
  LobbyEvent: ResolversUnionTypes<ResolversParentTypes>['LobbyEvent'];
  Mutation: Record<PropertyKey, never>;
  MuteChanged: MuteChanged;
  Node: NodeModel;
  Participant: ParticipantModel;
  ParticipantEvent: ResolversUnionTypes<ResolversParentTypes>['ParticipantEvent'];
  ParticipantEventMessage: Omit<ParticipantEventMessage, 'event'> & { event: ResolversParentTypes['ParticipantEvent'] };
  ParticipantJoined: Omit<ParticipantJoined, 'participant'> & { participant: ResolversParentTypes['Participant'] };
  ParticipantLeft: ParticipantLeft;
  ParticipantStateChanged: Omit<ParticipantStateChanged, 'participant'> & { participant: ResolversParentTypes['Participant'] };
  ParticipantStateInput: ParticipantStateInput;
  ProduceInput: ProduceInput;
  Producer: ProducerModel;
  ProducerAdded: Omit<ProducerAdded, 'producer'> & { producer: ResolversParentTypes['Producer'] };
  ProducerClosed: ProducerClosed;
  Query: Record<PropertyKey, never>;
  Recording: RecordingModel;
  RecordingFile: RecordingFileModel;
  RecordingStarted: RecordingStarted;
  RecordingStopped: RecordingStopped;
  ResumeParticipantPayload: Omit<ResumeParticipantPayload, 'channel' | 'participant'> & { channel: ResolversParentTypes['Channel'], participant: ResolversParentTypes['Participant'] };
  RtpStreamStats: RtpStreamStats;
  StreamStarted: Omit<StreamStarted, 'producer'> & { producer: ResolversParentTypes['Producer'] };
  StreamStopped: StreamStopped;
  StreamViewersChanged: StreamViewersChanged;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Transport: TransportModel;
  TransportOptions: TransportOptions;
  Worker: WorkerModel;
}>;

export type ActiveSpeakersChangedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ActiveSpeakersChanged'] = ResolversParentTypes['ActiveSpeakersChanged']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ChannelResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel']> = ResolversObject<{
  activeSpeakerIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastN?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Node'], ParentType, ContextType>;
  participantCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  participants?: Resolver<Array<ResolversTypes['Participant']>, ParentType, ContextType, Partial<ChannelParticipantsArgs>>;
  recording?: Resolver<Maybe<ResolversTypes['Recording']>, ParentType, ContextType>;
  routerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  routers?: Resolver<Array<ResolversTypes['ChannelRouter']>, ParentType, ContextType>;
  worker?: Resolver<ResolversTypes['Worker'], ParentType, ContextType>;
}>;

export type ChannelCreatedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChannelCreated'] = ResolversParentTypes['ChannelCreated']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ChannelDeletedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChannelDeleted'] = ResolversParentTypes['ChannelDeleted']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  expired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ChannelEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChannelEvent'] = ResolversParentTypes['ChannelEvent']> = ResolversObject<{
  __resolveType: TypeResolveFn<'ActiveSpeakersChanged' | 'MuteChanged' | 'ParticipantJoined' | 'ParticipantLeft' | 'ParticipantStateChanged' | 'ProducerAdded' | 'ProducerClosed' | 'RecordingStarted' | 'RecordingStopped' | 'StreamStarted' | 'StreamStopped' | 'StreamViewersChanged', ParentType, ContextType>;
}>;

export type ChannelInterruptedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChannelInterrupted'] = ResolversParentTypes['ChannelInterrupted']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ChannelRouterResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChannelRouter'] = ResolversParentTypes['ChannelRouter']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pipedProducerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  worker?: Resolver<ResolversTypes['Worker'], ParentType, ContextType>;
}>;

export type ConnectionQualityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConnectionQuality'] = ResolversParentTypes['ConnectionQuality']> = ResolversObject<{
  jitterMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['QualityLevel'], ParentType, ContextType>;
  measuredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  packetLoss?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rttMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ConsumerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Consumer'] = ResolversParentTypes['Consumer']> = ResolversObject<{
  currentLayers?: Resolver<Maybe<ResolversTypes['ConsumerLayers']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MediaKind'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  paused?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  preferredLayers?: Resolver<Maybe<ResolversTypes['ConsumerLayers']>, ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerParticipantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerPaused?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MediaSource'], ParentType, ContextType>;
  stats?: Resolver<Maybe<ResolversTypes['RtpStreamStats']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ConsumerType'], ParentType, ContextType>;
}>;

export type ConsumerAddedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConsumerAdded'] = ResolversParentTypes['ConsumerAdded']> = ResolversObject<{
  consumer?: Resolver<ResolversTypes['ConsumerOptions'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsumerClosedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConsumerClosed'] = ResolversParentTypes['ConsumerClosed']> = ResolversObject<{
  consumerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsumerLayersResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConsumerLayers'] = ResolversParentTypes['ConsumerLayers']> = ResolversObject<{
  spatialLayer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  temporalLayer?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type ConsumerLayersChangedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConsumerLayersChanged'] = ResolversParentTypes['ConsumerLayersChanged']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  consumerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  layers?: Resolver<Maybe<ResolversTypes['ConsumerLayers']>, ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsumerOptionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ConsumerOptions'] = ResolversParentTypes['ConsumerOptions']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MediaKind'], ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerParticipantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerPaused?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rtpParameters?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MediaSource'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HealthResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Health'] = ResolversParentTypes['Health']> = ResolversObject<{
  acceptingJoins?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  participantCapacity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  participants?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uptimeSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workersAlive?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  workersTotal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type IceServerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IceServer'] = ResolversParentTypes['IceServer']> = ResolversObject<{
  credential?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  urls?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JoinChannelPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JoinChannelPayload'] = ResolversParentTypes['JoinChannelPayload']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  consumers?: Resolver<Array<ResolversTypes['ConsumerOptions']>, ParentType, ContextType>;
  iceServers?: Resolver<Array<ResolversTypes['IceServer']>, ParentType, ContextType>;
  participant?: Resolver<ResolversTypes['Participant'], ParentType, ContextType>;
  recvTransport?: Resolver<ResolversTypes['TransportOptions'], ParentType, ContextType>;
  resumeToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  routerRtpCapabilities?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  sendTransport?: Resolver<ResolversTypes['TransportOptions'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type LobbyEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LobbyEvent'] = ResolversParentTypes['LobbyEvent']> = ResolversObject<{
  __resolveType: TypeResolveFn<'ChannelCreated' | 'ChannelDeleted' | 'MuteChanged' | 'ParticipantJoined' | 'ParticipantLeft' | 'ParticipantStateChanged' | 'RecordingStarted' | 'RecordingStopped', ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  closeProducer?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationCloseProducerArgs, 'producerId'>>;
  connectTransport?: Resolver<ResolversTypes['Transport'], ParentType, ContextType, RequireFields<MutationConnectTransportArgs, 'dtlsParameters' | 'transportId'>>;
  createChannel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType, RequireFields<MutationCreateChannelArgs, 'input'>>;
  deleteChannel?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteChannelArgs, 'id'>>;
  joinChannel?: Resolver<ResolversTypes['JoinChannelPayload'], ParentType, ContextType, RequireFields<MutationJoinChannelArgs, 'input'>>;
  leaveChannel?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pauseConsumers?: Resolver<Array<ResolversTypes['Consumer']>, ParentType, ContextType, RequireFields<MutationPauseConsumersArgs, 'consumerIds'>>;
  pauseProducer?: Resolver<ResolversTypes['Producer'], ParentType, ContextType, RequireFields<MutationPauseProducerArgs, 'producerId'>>;
  produce?: Resolver<ResolversTypes['Producer'], ParentType, ContextType, RequireFields<MutationProduceArgs, 'input'>>;
  renewIceServers?: Resolver<Array<ResolversTypes['IceServer']>, ParentType, ContextType>;
  restartIce?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<MutationRestartIceArgs, 'transportId'>>;
  resumeConsumers?: Resolver<Array<ResolversTypes['Consumer']>, ParentType, ContextType, RequireFields<MutationResumeConsumersArgs, 'consumerIds'>>;
  resumeParticipant?: Resolver<ResolversTypes['ResumeParticipantPayload'], ParentType, ContextType, RequireFields<MutationResumeParticipantArgs, 'resumeToken'>>;
  resumeProducer?: Resolver<ResolversTypes['Producer'], ParentType, ContextType, RequireFields<MutationResumeProducerArgs, 'producerId'>>;
  setParticipantState?: Resolver<ResolversTypes['Participant'], ParentType, ContextType, RequireFields<MutationSetParticipantStateArgs, 'input'>>;
  setPreferredLayers?: Resolver<ResolversTypes['Consumer'], ParentType, ContextType, RequireFields<MutationSetPreferredLayersArgs, 'consumerId' | 'spatialLayer'>>;
  setReceiveBitrate?: Resolver<ResolversTypes['Int'], ParentType, ContextType, Partial<MutationSetReceiveBitrateArgs>>;
  setRtpCapabilities?: Resolver<Array<ResolversTypes['ConsumerOptions']>, ParentType, ContextType, RequireFields<MutationSetRtpCapabilitiesArgs, 'rtpCapabilities'>>;
  startRecording?: Resolver<ResolversTypes['Recording'], ParentType, ContextType, RequireFields<MutationStartRecordingArgs, 'channelId'>>;
  stopRecording?: Resolver<ResolversTypes['Recording'], ParentType, ContextType, RequireFields<MutationStopRecordingArgs, 'channelId'>>;
  stopWatching?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationStopWatchingArgs, 'producerId'>>;
  watchStream?: Resolver<ResolversTypes['ConsumerOptions'], ParentType, ContextType, RequireFields<MutationWatchStreamArgs, 'producerId'>>;
}>;

export type MuteChangedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MuteChanged'] = ResolversParentTypes['MuteChanged']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  muted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type NodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = ResolversObject<{
  acceptingJoins?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  alive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channelCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantCapacity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  participantCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  self?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ParticipantResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Participant'] = ResolversParentTypes['Participant']> = ResolversObject<{
  cameraOn?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  consumers?: Resolver<Array<ResolversTypes['Consumer']>, ParentType, ContextType>;
  deafened?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  listenOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  live?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  muted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  producers?: Resolver<Array<ResolversTypes['Producer']>, ParentType, ContextType>;
  quality?: Resolver<Maybe<ResolversTypes['ConnectionQuality']>, ParentType, ContextType>;
  qualityLevel?: Resolver<ResolversTypes['QualityLevel'], ParentType, ContextType>;
  selfMuted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  streams?: Resolver<Array<ResolversTypes['Producer']>, ParentType, ContextType>;
  transports?: Resolver<Array<ResolversTypes['Transport']>, ParentType, ContextType>;
  voiceMode?: Resolver<ResolversTypes['VoiceMode'], ParentType, ContextType>;
}>;

export type ParticipantEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ParticipantEvent'] = ResolversParentTypes['ParticipantEvent']> = ResolversObject<{
  __resolveType: TypeResolveFn<'ActiveSpeakersChanged' | 'ChannelInterrupted' | 'ConsumerAdded' | 'ConsumerClosed' | 'ConsumerLayersChanged' | 'MuteChanged' | 'ParticipantJoined' | 'ParticipantLeft' | 'ParticipantStateChanged' | 'ProducerAdded' | 'ProducerClosed' | 'RecordingStarted' | 'RecordingStopped' | 'StreamStarted' | 'StreamStopped' | 'StreamViewersChanged', ParentType, ContextType>;
}>;

export type ParticipantEventMessageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ParticipantEventMessage'] = ResolversParentTypes['ParticipantEventMessage']> = ResolversObject<{
  event?: Resolver<ResolversTypes['ParticipantEvent'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ParticipantJoinedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ParticipantJoined'] = ResolversParentTypes['ParticipantJoined']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participant?: Resolver<ResolversTypes['Participant'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ParticipantLeftResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ParticipantLeft'] = ResolversParentTypes['ParticipantLeft']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['LeaveReason'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ParticipantStateChangedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ParticipantStateChanged'] = ResolversParentTypes['ParticipantStateChanged']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participant?: Resolver<ResolversTypes['Participant'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ProducerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Producer'] = ResolversParentTypes['Producer']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MediaKind'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  paused?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MediaSource'], ParentType, ContextType>;
  stats?: Resolver<Maybe<ResolversTypes['RtpStreamStats']>, ParentType, ContextType>;
  viewerIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type ProducerAddedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProducerAdded'] = ResolversParentTypes['ProducerAdded']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producer?: Resolver<ResolversTypes['Producer'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ProducerClosedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProducerClosed'] = ResolversParentTypes['ProducerClosed']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType, RequireFields<QueryChannelArgs, 'id'>>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  me?: Resolver<Maybe<ResolversTypes['Participant']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
  recordings?: Resolver<Array<ResolversTypes['Recording']>, ParentType, ContextType, Partial<QueryRecordingsArgs>>;
  routerRtpCapabilities?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  workers?: Resolver<Array<ResolversTypes['Worker']>, ParentType, ContextType>;
}>;

export type RecordingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Recording'] = ResolversParentTypes['Recording']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  channelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  files?: Resolver<Array<ResolversTypes['RecordingFile']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['RecordingState'], ParentType, ContextType>;
  stopReason?: Resolver<Maybe<ResolversTypes['RecordingStopReason']>, ParentType, ContextType>;
}>;

export type RecordingFileResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RecordingFile'] = ResolversParentTypes['RecordingFile']> = ResolversObject<{
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RecordingFileKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  offsetMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  participantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RecordingStartedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RecordingStarted'] = ResolversParentTypes['RecordingStarted']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordingId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RecordingStoppedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RecordingStopped'] = ResolversParentTypes['RecordingStopped']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordingId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stopReason?: Resolver<ResolversTypes['RecordingStopReason'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ResumeParticipantPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ResumeParticipantPayload'] = ResolversParentTypes['ResumeParticipantPayload']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  consumers?: Resolver<Array<ResolversTypes['ConsumerOptions']>, ParentType, ContextType>;
  participant?: Resolver<ResolversTypes['Participant'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RtpStreamStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RtpStreamStats'] = ResolversParentTypes['RtpStreamStats']> = ResolversObject<{
  bitrate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  byteCount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  packetCount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  packetsLost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StreamStartedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StreamStarted'] = ResolversParentTypes['StreamStarted']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producer?: Resolver<ResolversTypes['Producer'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StreamStoppedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StreamStopped'] = ResolversParentTypes['StreamStopped']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MediaSource'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StreamViewersChangedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StreamViewersChanged'] = ResolversParentTypes['StreamViewersChanged']> = ResolversObject<{
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  producerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  viewerIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  channelEvents?: SubscriptionResolver<ResolversTypes['ChannelEvent'], "channelEvents", ParentType, ContextType, RequireFields<SubscriptionChannelEventsArgs, 'channelId'>>;
  lobbyEvents?: SubscriptionResolver<ResolversTypes['LobbyEvent'], "lobbyEvents", ParentType, ContextType>;
  participantEvents?: SubscriptionResolver<ResolversTypes['ParticipantEventMessage'], "participantEvents", ParentType, ContextType, RequireFields<SubscriptionParticipantEventsArgs, 'participantId'>>;
}>;

export type TransportResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Transport'] = ResolversParentTypes['Transport']> = ResolversObject<{
  direction?: Resolver<ResolversTypes['TransportDirection'], ParentType, ContextType>;
  dtlsState?: Resolver<ResolversTypes['DtlsState'], ParentType, ContextType>;
  iceState?: Resolver<ResolversTypes['IceState'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type TransportOptionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TransportOptions'] = ResolversParentTypes['TransportOptions']> = ResolversObject<{
  dtlsParameters?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  iceCandidates?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  iceParameters?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WorkerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Worker'] = ResolversParentTypes['Worker']> = ResolversObject<{
  alive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channelIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  cpuLoad?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cpuTimeMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxRssBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  routerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tcpPort?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  udpPort?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  webRtcTransportCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = GraphQLContext> = ResolversObject<{
  ActiveSpeakersChanged?: ActiveSpeakersChangedResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  ChannelCreated?: ChannelCreatedResolvers<ContextType>;
  ChannelDeleted?: ChannelDeletedResolvers<ContextType>;
  ChannelEvent?: ChannelEventResolvers<ContextType>;
  ChannelInterrupted?: ChannelInterruptedResolvers<ContextType>;
  ChannelRouter?: ChannelRouterResolvers<ContextType>;
  ConnectionQuality?: ConnectionQualityResolvers<ContextType>;
  Consumer?: ConsumerResolvers<ContextType>;
  ConsumerAdded?: ConsumerAddedResolvers<ContextType>;
  ConsumerClosed?: ConsumerClosedResolvers<ContextType>;
  ConsumerLayers?: ConsumerLayersResolvers<ContextType>;
  ConsumerLayersChanged?: ConsumerLayersChangedResolvers<ContextType>;
  ConsumerOptions?: ConsumerOptionsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Health?: HealthResolvers<ContextType>;
  IceServer?: IceServerResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  JoinChannelPayload?: JoinChannelPayloadResolvers<ContextType>;
  LobbyEvent?: LobbyEventResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  MuteChanged?: MuteChangedResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Participant?: ParticipantResolvers<ContextType>;
  ParticipantEvent?: ParticipantEventResolvers<ContextType>;
  ParticipantEventMessage?: ParticipantEventMessageResolvers<ContextType>;
  ParticipantJoined?: ParticipantJoinedResolvers<ContextType>;
  ParticipantLeft?: ParticipantLeftResolvers<ContextType>;
  ParticipantStateChanged?: ParticipantStateChangedResolvers<ContextType>;
  Producer?: ProducerResolvers<ContextType>;
  ProducerAdded?: ProducerAddedResolvers<ContextType>;
  ProducerClosed?: ProducerClosedResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Recording?: RecordingResolvers<ContextType>;
  RecordingFile?: RecordingFileResolvers<ContextType>;
  RecordingStarted?: RecordingStartedResolvers<ContextType>;
  RecordingStopped?: RecordingStoppedResolvers<ContextType>;
  ResumeParticipantPayload?: ResumeParticipantPayloadResolvers<ContextType>;
  RtpStreamStats?: RtpStreamStatsResolvers<ContextType>;
  StreamStarted?: StreamStartedResolvers<ContextType>;
  StreamStopped?: StreamStoppedResolvers<ContextType>;
  StreamViewersChanged?: StreamViewersChangedResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Transport?: TransportResolvers<ContextType>;
  TransportOptions?: TransportOptionsResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
}>;

