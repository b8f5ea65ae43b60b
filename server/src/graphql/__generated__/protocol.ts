/**
 * Why the server closed a graphql-ws WebSocket (the close code; codegen gives each its number as
 * `CloseCode`, from codegen.ts). Any other close is a network drop: reconnect and resume.
 */
export const CloseCode = {
  /** 1009: a message was larger than the server accepts. */
  MESSAGE_TOO_BIG: 1009,
  /** 1012: the server is restarting or dropped the connection on purpose (fault tests, operators); reconnect and resume. */
  SERVICE_RESTART: 1012,
  /**
   * 4429: too many WebSocket connections from this client address or token identity (reason
   * `LIMIT_EXCEEDED: connectionsPerAddress ...` or `... connectionsPerIdentity ...`); nothing was created.
   * Close another connection first. (graphql-ws also closes with 4429, reason `Too many initialisation
   * requests`, a socket that sends connection_init twice, which a correct client never does.)
   */
  TOO_MANY_CONNECTIONS: 4429,
  /** 4403: the token was refused (reason `UNAUTHENTICATED: <why>`); reconnecting with the same token will not help. */
  UNAUTHENTICATED: 4403
} as const;

export type CloseCode = typeof CloseCode[keyof typeof CloseCode];
/** How a consumer forwards its producer's encodings. */
export const ConsumerType = {
  PIPE: 'PIPE',
  SIMPLE: 'SIMPLE',
  SIMULCAST: 'SIMULCAST',
  SVC: 'SVC'
} as const;

export type ConsumerType = typeof ConsumerType[keyof typeof ConsumerType];
export const DtlsState = {
  CLOSED: 'CLOSED',
  CONNECTED: 'CONNECTED',
  CONNECTING: 'CONNECTING',
  FAILED: 'FAILED',
  NEW: 'NEW'
} as const;

export type DtlsState = typeof DtlsState[keyof typeof DtlsState];
/**
 * The code of every GraphQL error the server returns, in `extensions.code`: the one list clients
 * switch on. Codegen writes it into the server and the clients (`ErrorCode`).
 */
export const ErrorCode = {
  /** This connection already holds a participant; leave first. */
  ALREADY_JOINED: 'ALREADY_JOINED',
  /**
   * An argument is invalid (a name, an id's shape, a mediasoup parameter object). A refused name
   * carries `extensions.reason` (see CreateChannelInput) and, when one character is the cause,
   * `extensions.codePoint` (`U+XXXX`).
   */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The channel has as many participants as it may hold (`extensions.max`). */
  CHANNEL_FULL: 'CHANNEL_FULL',
  /** The caller may not do this (another participant's object, a missing right, a channel not in the token). */
  FORBIDDEN: 'FORBIDDEN',
  /** A bug or an unexpected failure on the server; nothing the client did. Reported, never expected. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
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
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /**
   * The channel name is taken: an existing channel's name looks the same (the same Unicode TR39
   * confusable skeleton, ignoring case: "Lobby", "LOBBY" and "Lоbby" with a Cyrillic о are one name).
   * `extensions.channelId` and `extensions.channelName` name that channel.
   */
  NAME_TAKEN: 'NAME_TAKEN',
  /**
   * This server node holds as many participants as it may (`extensions.max`, VOXLAY_MAX_PARTICIPANTS_PER_NODE)
   * and nothing was created. Retry after `extensions.retryAfterMs`; clustered, a channel can be created
   * on a node whose `Node.acceptingJoins` is true. A full node keeps serving the calls it holds.
   */
  NODE_FULL: 'NODE_FULL',
  /** The channel, participant, transport, producer or consumer does not exist (or no longer). */
  NOT_FOUND: 'NOT_FOUND',
  /** A participant operation was sent over HTTP or before joining: join over the WebSocket at /graphql. */
  NO_SESSION: 'NO_SESSION',
  /** The document is too deep, costly, aliased or long (`extensions.limit`: depth, cost, aliases, tokens or directives). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /**
   * Too many requests from this connection, address or identity; retry after `extensions.retryAfterMs`.
   * `extensions.limit` names the bucket: mutationsPerConnection, mutationsPerAddress, mutationsPerIdentity,
   * joinsPerAddress, joinsPerIdentity, channelCreationsPerAddress, channelCreationsPerIdentity.
   */
  RATE_LIMITED: 'RATE_LIMITED',
  /**
   * The server cannot record now and nothing was started. `extensions.reason` says why: FFMPEG_MISSING
   * (the recorder, ffmpeg, is not installed on the server: `apt-get install -y ffmpeg`), DISK_FULL
   * (less free space in the recordings directory than VOXLAY_RECORDING_MIN_FREE_MB, `extensions.freeBytes`),
   * NO_WORKER (the channel's media worker is not available), or CLUSTERED (the channel lives on another
   * node: start it there).
   */
  RECORDING_UNAVAILABLE: 'RECORDING_UNAVAILABLE',
  /** Over HTTP, a request body over the size limit (status 413). */
  REQUEST_ENTITY_TOO_LARGE: 'REQUEST_ENTITY_TOO_LARGE',
  /** No token, or an expired, forged or malformed one (token mode). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /**
   * The channel cannot take the request right now and nothing was created; retry after
   * `extensions.retryAfterMs`. Clustered: the channel's node stopped answering and the channel is
   * being moved. Any node: the media worker holding the channel stopped during the join and the
   * channel is moving to a live one.
   */
  UNAVAILABLE: 'UNAVAILABLE',
  /** Clustered: the channel lives on another node; connect to `extensions.nodeUrl` and send the same request. */
  WRONG_NODE: 'WRONG_NODE'
} as const;

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode];
export const IceState = {
  CLOSED: 'CLOSED',
  COMPLETED: 'COMPLETED',
  CONNECTED: 'CONNECTED',
  DISCONNECTED: 'DISCONNECTED',
  NEW: 'NEW'
} as const;

export type IceState = typeof IceState[keyof typeof IceState];
export const LeaveReason = {
  /** Its media worker died (ChannelInterrupted): it may join again. */
  CHANNEL_CLOSED: 'CHANNEL_CLOSED',
  /** The channel was deleted (deleteChannel). */
  CHANNEL_DELETED: 'CHANNEL_DELETED',
  /** Its WebSocket closed and it was not resumed within the disconnect grace period. */
  DISCONNECTED: 'DISCONNECTED',
  /** leaveChannel. */
  LEFT: 'LEFT',
  /**
   * The same identity (token `sub`) joined this channel again, from another connection or device: the
   * new participant replaced this one (others see this leave, then the new ParticipantJoined).
   */
  REPLACED: 'REPLACED'
} as const;

export type LeaveReason = typeof LeaveReason[keyof typeof LeaveReason];
export const MediaKind = {
  AUDIO: 'AUDIO',
  VIDEO: 'VIDEO'
} as const;

export type MediaKind = typeof MediaKind[keyof typeof MediaKind];
/**
 * What a producer sends. MICROPHONE is received by everyone (last-N); the others are watched on
 * demand (`watchStream`), so a stream costs the server only its viewers.
 */
export const MediaSource = {
  /** A camera (VIDEO). */
  CAMERA: 'CAMERA',
  /** The voice (AUDIO), one per participant. */
  MICROPHONE: 'MICROPHONE',
  /** A shared screen, window or tab (VIDEO): the participant is LIVE. */
  SCREEN: 'SCREEN',
  /** The sound of a shared screen or tab (AUDIO), watched with the screen. */
  SCREEN_AUDIO: 'SCREEN_AUDIO'
} as const;

export type MediaSource = typeof MediaSource[keyof typeof MediaSource];
/** A coarse grade of a connection, for bars in the UI. */
export const QualityLevel = {
  FAIR: 'FAIR',
  GOOD: 'GOOD',
  POOR: 'POOR',
  /** Nothing measured yet, or no media for a while. */
  UNKNOWN: 'UNKNOWN'
} as const;

export type QualityLevel = typeof QualityLevel[keyof typeof QualityLevel];
export const RecordingFileKind = {
  /** Every speaker mixed, aligned from the recording's start (re-encoded). */
  MIXED: 'MIXED',
  /** One participant's microphone, its Opus packets as they were sent (gaps while muted kept). */
  SPEAKER: 'SPEAKER'
} as const;

export type RecordingFileKind = typeof RecordingFileKind[keyof typeof RecordingFileKind];
/** Where a recording is in its life. */
export const RecordingState = {
  /** Finished: every file is closed (the mixed one too unless mixing failed). */
  DONE: 'DONE',
  /** Stopped; the mixed file is being made. */
  MIXING: 'MIXING',
  /** The microphones are being written. */
  RECORDING: 'RECORDING'
} as const;

export type RecordingState = typeof RecordingState[keyof typeof RecordingState];
/** Why a recording stopped. */
export const RecordingStopReason = {
  /** The channel was deleted or expired. */
  CHANNEL_CLOSED: 'CHANNEL_CLOSED',
  /** The recordings directory ran out of space (below VOXLAY_RECORDING_MIN_FREE_MB, or a write failed). */
  DISK_FULL: 'DISK_FULL',
  /** The recording reached the longest allowed (VOXLAY_RECORDING_MAX_MINUTES). */
  MAX_DURATION: 'MAX_DURATION',
  /** The recorder process (ffmpeg) failed. */
  RECORDER_FAILED: 'RECORDER_FAILED',
  /** The server stopped. */
  SERVER_SHUTDOWN: 'SERVER_SHUTDOWN',
  /** stopRecording. */
  STOPPED: 'STOPPED',
  /** The media worker carrying the channel died; the files hold everything up to then. */
  WORKER_DIED: 'WORKER_DIED'
} as const;

export type RecordingStopReason = typeof RecordingStopReason[keyof typeof RecordingStopReason];
export const TransportDirection = {
  RECV: 'RECV',
  SEND: 'SEND'
} as const;

export type TransportDirection = typeof TransportDirection[keyof typeof TransportDirection];
/** How a participant's microphone is gated. */
export const VoiceMode = {
  /** Sends whenever not muted. */
  ALWAYS_ON: 'ALWAYS_ON',
  /** Sends only while a key or button is held. */
  PUSH_TO_TALK: 'PUSH_TO_TALK',
  /** Sends while voice activity is detected. */
  VOICE_ACTIVITY: 'VOICE_ACTIVITY'
} as const;

export type VoiceMode = typeof VoiceMode[keyof typeof VoiceMode];