import { existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadClientLimitConfig, validateClientLimitConfig, type ClientLimitConfig } from './limits/config.js';
import { NameError } from './names/NameError.js';
import { namePolicy } from './names/NamePolicy.js';
import type { RedisEndpoint, SentinelAddress } from './cluster/redis.js';
import { repoRoot } from './paths.js';

/** Everything the server reads from the environment; the client limits are in limits/config.ts. */
export interface ServerConfig extends ClientLimitConfig {
  host: string;
  port: number;
  /**
   * WebRTC media: worker i of the pool listens on UDP and TCP port `rtcPort + i` (one mediasoup
   * WebRtcServer per worker, shared by all its transports). 0: each worker takes free ports
   * chosen at start (tests), kept by its replacement after a crash.
   */
  rtcPort: number;
  listenIp: string;
  announcedAddress?: string | undefined;
  numWorkers: number;
  defaultChannelName: string;
  disconnectGraceMs: number;
  logLevel: string;
  staticDir?: string | undefined;
  /** `open`: anyone may join with a display name; `token`: every connection presents a JWT (see docs/security.md). */
  authMode: AuthMode;
  /** HS256 shared secret (at least 32 characters). Token mode needs this or jwtPublicKeyFile. */
  jwtSecret?: string | undefined;
  /** EdDSA (Ed25519) public key file, PEM (SPKI) or JWK, to verify tokens. */
  jwtPublicKeyFile?: string | undefined;
  /** The matching private key file (PEM PKCS#8 or JWK), only for minting (`npm run token`). */
  jwtPrivateKeyFile?: string | undefined;
  /** Required `iss` / `aud` claims, when set. */
  jwtIssuer?: string | undefined;
  jwtAudience?: string | undefined;
  /** Origins allowed on HTTP and WebSocket; undefined = the defaults of auth/origins.ts; `*` allows every origin. */
  allowedOrigins?: string[] | undefined;
  /** Browser extension ids whose chrome-extension:// and moz-extension:// origins are allowed. */
  extensionIds?: string[] | undefined;
  maxParticipantsPerChannel: number;
  /**
   * Participants this node admits in all its channels together (joins in flight included); beyond
   * it joins get NODE_FULL. Undefined: nodeCapacity(numWorkers) (docs/operations.md#capacity).
   */
  maxParticipantsPerNode?: number | undefined;
  /** Channels in total, the default one included. */
  maxChannels: number;
  /** Mutations per second per connection (token bucket refill) and the bucket size. */
  mutationRatePerSecond: number;
  mutationBurst: number;
  /** Largest WebSocket message accepted, in bytes; a bigger one closes that socket (1009). */
  wsMaxPayloadBytes: number;
  /** graphql-armor limits on every document (HTTP and WebSocket). */
  graphqlMaxDepth: number;
  graphqlMaxAliases: number;
  graphqlMaxCost: number;
  graphqlMaxTokens: number;
  /** Scale (docs/scaling.md): speakers a listener receives at once (last-N). */
  lastN: number;
  /** Participants per router before a channel spans another router (on the least-loaded worker). */
  maxParticipantsPerRouter: number;
  /** Video streams (CAMERA and SCREEN producers) one channel carries at once (LIMIT_EXCEEDED videoStreamsPerChannel beyond). */
  maxVideoStreamsPerChannel: number;
  /** Streams one participant watches at once (LIMIT_EXCEEDED watchedStreamsPerParticipant beyond). */
  maxWatchedStreamsPerParticipant: number;
  /** Bits per second of one channel's CAMERA and SCREEN producers together (LIMIT_EXCEEDED videoBitratePerChannel beyond). */
  maxVideoBitratePerChannel: number;
  /** Bits per second one video stream may send: its sender's transport is capped (bandwidth estimation tells the browser). */
  maxStreamBitrate: number;
  /** Bits per second the server sends one participant at most (0: no cap); setReceiveBitrate may lower it. */
  maxReceiveBitrate: number;
  /** Cluster mode when set: redis://host:port of the Redis every node shares. */
  redisUrl?: string | undefined;
  /**
   * Cluster mode through Redis Sentinel instead (not with redisUrl): host:port of the sentinels,
   * which name the current primary and promote a replica when it fails (docs/operations.md#redis-sentinel).
   */
  redisSentinels?: string[] | undefined;
  /** The master name the sentinels monitor (`sentinel monitor <name> ...`); 'voxlay' when absent. */
  redisSentinelName?: string | undefined;
  /** With redisSentinels: the password of the primary and replicas (their `requirepass`). */
  redisPassword?: string | undefined;
  /** With redisSentinels: the password of the sentinels (their own `requirepass`). */
  redisSentinelPassword?: string | undefined;
  /** This node's id in the cluster (default: a random id at start). */
  nodeId?: string | undefined;
  /** The http(s) base URL clients reach this node at (default: http://<host>:<port>, 127.0.0.1 for 0.0.0.0). */
  publicUrl?: string | undefined;
  /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>` (else 401). */
  metricsToken?: string | undefined;
  /** TURN relays handed to clients with the join (docs/operations.md#turn); none when absent. */
  turn?: TurnConfig | undefined;
  /** Recording (docs/operations.md#recording): where the files go, one folder per recording. */
  recordingsDir: string;
  /** Recordings older than this many days are deleted (checked at start and hourly); 0 keeps them. */
  recordingRetentionDays: number;
  /** Recordings this node runs at once (LIMIT_EXCEEDED recordingsPerNode beyond). */
  maxRecordings: number;
  /** Free space (MB) the recordings directory must keep: a start below it is refused, a recording reaching it stops (DISK_FULL). */
  recordingMinFreeMb: number;
  /** The longest a recording runs before it stops on its own (MAX_DURATION), in minutes. */
  recordingMaxMinutes: number;
}

/** Defaults of the recording fields. */
export const RECORDING_DEFAULTS = {
  recordingRetentionDays: 30,
  maxRecordings: 4,
  recordingMinFreeMb: 512,
  recordingMaxMinutes: 240,
} as const satisfies Partial<ServerConfig>;

/** Where recordings go when VOXLAY_RECORDINGS_DIR is not set: the OS temporary directory (set it in production). */
export function defaultRecordingsDir(): string {
  return join(tmpdir(), 'voxlay-recordings');
}

/**
 * A TURN service (coturn with `use-auth-secret`) for clients behind networks that block UDP or
 * unknown ports: every join gets time-limited REST credentials minted with the shared secret.
 */
export interface TurnConfig {
  /** `turn:` / `turns:` URLs (RFC 7065), all served by relays sharing `secret`; handed out in this order. */
  urls: string[];
  /** coturn's `static-auth-secret`: a credential is base64(HMAC-SHA1(secret, username)). */
  secret: string;
  /** How long a minted credential is valid, in seconds (a relay allocation made with it outlives it). */
  credentialTtlSeconds: number;
}

/** Default lifetime of TURN credentials: 4 hours. */
export const TURN_CREDENTIAL_TTL_DEFAULT_SECONDS = 4 * 3600;

export type AuthMode = 'open' | 'token';
const AUTH_MODES: readonly AuthMode[] = ['open', 'token'];

/** Defaults of the access-control and limit fields, so callers of startApp need not name them. */
export const SECURITY_DEFAULTS = {
  authMode: 'open',
  maxParticipantsPerChannel: 1000,
  maxChannels: 1000,
  mutationRatePerSecond: 30,
  mutationBurst: 60,
  wsMaxPayloadBytes: 64 * 1024,
  graphqlMaxDepth: 8,
  graphqlMaxAliases: 15,
  graphqlMaxCost: 5000,
  graphqlMaxTokens: 1000,
} as const satisfies Partial<ServerConfig>;

/** Defaults of the scale fields. */
export const SCALE_DEFAULTS = {
  lastN: 5,
  maxParticipantsPerRouter: 250,
  maxVideoStreamsPerChannel: 25,
  maxWatchedStreamsPerParticipant: 25,
  maxVideoBitratePerChannel: 60_000_000,
  maxStreamBitrate: 4_000_000,
  maxReceiveBitrate: 30_000_000,
} as const satisfies Partial<ServerConfig>;

/**
 * Participants one mediasoup worker (one core) is sized for by default, and the most one Node.js
 * process takes whatever its worker count: the basis is in docs/operations.md#capacity (measured
 * by bench/suites/node-capacity.ts).
 */
export const CAPACITY_DEFAULTS = {
  participantsPerWorker: 1250,
  maxParticipantsPerProcess: 8000,
} as const;

/** The default participant limit of a node with `numWorkers` workers. */
export function nodeCapacity(numWorkers: number): number {
  return Math.min(CAPACITY_DEFAULTS.participantsPerWorker * numWorkers, CAPACITY_DEFAULTS.maxParticipantsPerProcess);
}

/** Variables that no longer exist, and what replaced them: setting one stops the server (ConfigError). */
const REMOVED_VARIABLES: Record<string, string> = {
  VOXLAY_RTC_MIN_PORT:
    'VOXLAY_RTC_MIN_PORT was removed: media no longer uses a port range. Set VOXLAY_RTC_PORT (default 40000): worker i listens on UDP and TCP port VOXLAY_RTC_PORT + i',
  VOXLAY_RTC_MAX_PORT:
    'VOXLAY_RTC_MAX_PORT was removed: media no longer uses a port range. Set VOXLAY_RTC_PORT (default 40000): worker i listens on UDP and TCP port VOXLAY_RTC_PORT + i',
};

/** The master name Sentinel monitors when VOXLAY_REDIS_SENTINEL_NAME is not set. */
export const REDIS_SENTINEL_NAME_DEFAULT = 'voxlay';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, names: string[], fallback: number, min: number, max: number): number {
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name}=${JSON.stringify(raw)} must be an integer in ${min}..${max}`);
    }
    return value;
  }
  return fallback;
}

function optionalInt(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = str(env, name);
  return raw === undefined ? undefined : int(env, [name], min, min, max);
}

function list(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A secret is taken as it is (spaces included); empty is absent. */
function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function str(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Reads the configuration from the environment:
 * PORT or VOXLAY_PORT (3000), VOXLAY_HOST (0.0.0.0), VOXLAY_RTC_PORT (40000: worker i on UDP and
 * TCP port 40000 + i; 0 = free ports), VOXLAY_LISTEN_IP (0.0.0.0), VOXLAY_ANNOUNCED_ADDRESS (when the
 * listen ip is 0.0.0.0 and nothing is set: 127.0.0.1, so local browsers can connect; set it to the
 * public address in production), VOXLAY_WORKERS (number of cores), VOXLAY_DEFAULT_CHANNEL (Lobby),
 * VOXLAY_DISCONNECT_GRACE_MS (5000), VOXLAY_LOG_LEVEL (info), VOXLAY_STATIC_DIR (pwa/dist of the
 * repository, if it exists). Access control and limits (docs/security.md): VOXLAY_AUTH_MODE (open),
 * VOXLAY_JWT_SECRET, VOXLAY_JWT_PUBLIC_KEY, VOXLAY_JWT_PRIVATE_KEY, VOXLAY_JWT_ISSUER, VOXLAY_JWT_AUDIENCE,
 * VOXLAY_ALLOWED_ORIGINS, VOXLAY_EXTENSION_IDS, VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL (1000),
 * VOXLAY_MAX_PARTICIPANTS_PER_NODE (1250 per worker, at most 8000),
 * VOXLAY_MAX_CHANNELS (1000), VOXLAY_MUTATION_RATE (30/s), VOXLAY_MUTATION_BURST (60),
 * VOXLAY_WS_MAX_PAYLOAD (65536 bytes), VOXLAY_GRAPHQL_MAX_DEPTH (8), VOXLAY_GRAPHQL_MAX_ALIASES (15),
 * VOXLAY_GRAPHQL_MAX_COST (5000), VOXLAY_GRAPHQL_MAX_TOKENS (1000).
 * Scale (docs/scaling.md): VOXLAY_LAST_N (5), VOXLAY_MAX_PARTICIPANTS_PER_ROUTER (250),
 * VOXLAY_MAX_VIDEO_STREAMS_PER_CHANNEL (25), VOXLAY_MAX_WATCHED_STREAMS_PER_PARTICIPANT (25),
 * VOXLAY_MAX_VIDEO_BITRATE_PER_CHANNEL (60 Mbps), VOXLAY_MAX_STREAM_BITRATE (4 Mbps), VOXLAY_MAX_RECEIVE_BITRATE (30 Mbps, 0 = none),
 * VOXLAY_REDIS_URL (cluster mode when set), VOXLAY_NODE_ID (random), VOXLAY_PUBLIC_URL.
 * Or, for a Redis that survives the loss of its primary (docs/operations.md#redis-sentinel), instead
 * of VOXLAY_REDIS_URL: VOXLAY_REDIS_SENTINELS (host:port,host:port,...), VOXLAY_REDIS_SENTINEL_NAME
 * (voxlay), VOXLAY_REDIS_PASSWORD, VOXLAY_REDIS_SENTINEL_PASSWORD.
 * VOXLAY_METRICS_TOKEN: when set, /metrics needs it as a bearer token.
 * TURN (docs/operations.md#turn): VOXLAY_TURN_URLS, VOXLAY_TURN_SECRET, VOXLAY_TURN_CREDENTIAL_TTL (14400 s).
 * Recording (docs/operations.md#recording): VOXLAY_RECORDINGS_DIR (<tmpdir>/voxlay-recordings),
 * VOXLAY_RECORDING_RETENTION_DAYS (30, 0 = keep), VOXLAY_MAX_RECORDINGS (4 at once per node),
 * VOXLAY_RECORDING_MIN_FREE_MB (512), VOXLAY_RECORDING_MAX_MINUTES (240).
 * Who is asking and the per-address / per-identity limits: limits/config.ts (loadClientLimitConfig).
 * Invalid values throw a ConfigError naming the variable; so do removed variables
 * (VOXLAY_RTC_MIN_PORT, VOXLAY_RTC_MAX_PORT), naming what replaced them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  for (const [name, message] of Object.entries(REMOVED_VARIABLES)) {
    if (str(env, name) !== undefined) throw new ConfigError(message);
  }
  const listenIp = str(env, 'VOXLAY_LISTEN_IP') ?? '0.0.0.0';
  const config: ServerConfig = {
    host: str(env, 'VOXLAY_HOST') ?? '0.0.0.0',
    port: int(env, ['PORT', 'VOXLAY_PORT'], 3000, 0, 65535),
    rtcPort: int(env, ['VOXLAY_RTC_PORT'], 40000, 0, 65535),
    listenIp,
    announcedAddress: str(env, 'VOXLAY_ANNOUNCED_ADDRESS') ?? (listenIp === '0.0.0.0' ? '127.0.0.1' : undefined),
    numWorkers: int(env, ['VOXLAY_WORKERS'], Math.max(1, cpus().length), 1, 256),
    defaultChannelName: str(env, 'VOXLAY_DEFAULT_CHANNEL') ?? 'Lobby',
    disconnectGraceMs: int(env, ['VOXLAY_DISCONNECT_GRACE_MS'], 5000, 0, 3_600_000),
    logLevel: str(env, 'VOXLAY_LOG_LEVEL') ?? 'info',
    staticDir: str(env, 'VOXLAY_STATIC_DIR') ?? defaultStaticDir(),
    authMode: authMode(env),
    jwtSecret: env.VOXLAY_JWT_SECRET === undefined || env.VOXLAY_JWT_SECRET === '' ? undefined : env.VOXLAY_JWT_SECRET,
    jwtPublicKeyFile: str(env, 'VOXLAY_JWT_PUBLIC_KEY'),
    jwtPrivateKeyFile: str(env, 'VOXLAY_JWT_PRIVATE_KEY'),
    jwtIssuer: str(env, 'VOXLAY_JWT_ISSUER'),
    jwtAudience: str(env, 'VOXLAY_JWT_AUDIENCE'),
    allowedOrigins: list(env, 'VOXLAY_ALLOWED_ORIGINS'),
    extensionIds: list(env, 'VOXLAY_EXTENSION_IDS'),
    maxParticipantsPerChannel: int(env, ['VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL'], SECURITY_DEFAULTS.maxParticipantsPerChannel, 1, 100_000),
    maxParticipantsPerNode: optionalInt(env, 'VOXLAY_MAX_PARTICIPANTS_PER_NODE', 1, 1_000_000),
    maxChannels: int(env, ['VOXLAY_MAX_CHANNELS'], SECURITY_DEFAULTS.maxChannels, 1, 1_000_000),
    mutationRatePerSecond: int(env, ['VOXLAY_MUTATION_RATE'], SECURITY_DEFAULTS.mutationRatePerSecond, 1, 100_000),
    mutationBurst: int(env, ['VOXLAY_MUTATION_BURST'], SECURITY_DEFAULTS.mutationBurst, 1, 100_000),
    wsMaxPayloadBytes: int(env, ['VOXLAY_WS_MAX_PAYLOAD'], SECURITY_DEFAULTS.wsMaxPayloadBytes, 1024, 100 * 1024 * 1024),
    graphqlMaxDepth: int(env, ['VOXLAY_GRAPHQL_MAX_DEPTH'], SECURITY_DEFAULTS.graphqlMaxDepth, 1, 1000),
    graphqlMaxAliases: int(env, ['VOXLAY_GRAPHQL_MAX_ALIASES'], SECURITY_DEFAULTS.graphqlMaxAliases, 0, 10_000),
    graphqlMaxCost: int(env, ['VOXLAY_GRAPHQL_MAX_COST'], SECURITY_DEFAULTS.graphqlMaxCost, 1, 10_000_000),
    graphqlMaxTokens: int(env, ['VOXLAY_GRAPHQL_MAX_TOKENS'], SECURITY_DEFAULTS.graphqlMaxTokens, 1, 10_000_000),
    lastN: int(env, ['VOXLAY_LAST_N'], SCALE_DEFAULTS.lastN, 1, 64),
    maxParticipantsPerRouter: int(env, ['VOXLAY_MAX_PARTICIPANTS_PER_ROUTER'], SCALE_DEFAULTS.maxParticipantsPerRouter, 1, 100_000),
    maxVideoStreamsPerChannel: int(env, ['VOXLAY_MAX_VIDEO_STREAMS_PER_CHANNEL'], SCALE_DEFAULTS.maxVideoStreamsPerChannel, 0, 10_000),
    maxWatchedStreamsPerParticipant: int(
      env,
      ['VOXLAY_MAX_WATCHED_STREAMS_PER_PARTICIPANT'],
      SCALE_DEFAULTS.maxWatchedStreamsPerParticipant,
      0,
      10_000,
    ),
    maxVideoBitratePerChannel: int(
      env,
      ['VOXLAY_MAX_VIDEO_BITRATE_PER_CHANNEL'],
      SCALE_DEFAULTS.maxVideoBitratePerChannel,
      0,
      10_000_000_000,
    ),
    maxStreamBitrate: int(env, ['VOXLAY_MAX_STREAM_BITRATE'], SCALE_DEFAULTS.maxStreamBitrate, 100_000, 100_000_000),
    maxReceiveBitrate: int(env, ['VOXLAY_MAX_RECEIVE_BITRATE'], SCALE_DEFAULTS.maxReceiveBitrate, 0, 1_000_000_000),
    redisUrl: str(env, 'VOXLAY_REDIS_URL'),
    redisSentinels: list(env, 'VOXLAY_REDIS_SENTINELS'),
    redisSentinelName: str(env, 'VOXLAY_REDIS_SENTINEL_NAME'),
    redisPassword: secret(env, 'VOXLAY_REDIS_PASSWORD'),
    redisSentinelPassword: secret(env, 'VOXLAY_REDIS_SENTINEL_PASSWORD'),
    nodeId: str(env, 'VOXLAY_NODE_ID'),
    publicUrl: str(env, 'VOXLAY_PUBLIC_URL'),
    metricsToken: str(env, 'VOXLAY_METRICS_TOKEN'),
    turn: turnConfig(env),
    recordingsDir: str(env, 'VOXLAY_RECORDINGS_DIR') ?? defaultRecordingsDir(),
    recordingRetentionDays: int(env, ['VOXLAY_RECORDING_RETENTION_DAYS'], RECORDING_DEFAULTS.recordingRetentionDays, 0, 36_500),
    maxRecordings: int(env, ['VOXLAY_MAX_RECORDINGS'], RECORDING_DEFAULTS.maxRecordings, 0, 1000),
    recordingMinFreeMb: int(env, ['VOXLAY_RECORDING_MIN_FREE_MB'], RECORDING_DEFAULTS.recordingMinFreeMb, 0, 10_000_000),
    recordingMaxMinutes: int(env, ['VOXLAY_RECORDING_MAX_MINUTES'], RECORDING_DEFAULTS.recordingMaxMinutes, 1, 24 * 60),
    ...loadClientLimitConfig(env),
  };
  validateConfig(config);
  return config;
}

function authMode(env: NodeJS.ProcessEnv): AuthMode {
  const raw = str(env, 'VOXLAY_AUTH_MODE') ?? 'open';
  if (!(AUTH_MODES as readonly string[]).includes(raw)) {
    throw new ConfigError(`VOXLAY_AUTH_MODE=${JSON.stringify(raw)} must be one of ${AUTH_MODES.join(', ')}`);
  }
  return raw as AuthMode;
}

/** VOXLAY_TURN_URLS and VOXLAY_TURN_SECRET go together; without both no TURN is handed out. */
function turnConfig(env: NodeJS.ProcessEnv): TurnConfig | undefined {
  const urls = list(env, 'VOXLAY_TURN_URLS');
  const secret = env.VOXLAY_TURN_SECRET === undefined || env.VOXLAY_TURN_SECRET === '' ? undefined : env.VOXLAY_TURN_SECRET;
  if (urls === undefined && secret === undefined) return undefined;
  if (urls === undefined || urls.length === 0)
    throw new ConfigError(
      'VOXLAY_TURN_SECRET is set but VOXLAY_TURN_URLS is not: list the TURN URLs (turn:host:3478?transport=udp, turns:host:443?transport=tcp)',
    );
  if (secret === undefined)
    throw new ConfigError("VOXLAY_TURN_URLS is set but VOXLAY_TURN_SECRET is not: set it to coturn's static-auth-secret");
  const credentialTtlSeconds = int(env, ['VOXLAY_TURN_CREDENTIAL_TTL'], TURN_CREDENTIAL_TTL_DEFAULT_SECONDS, 1, 7 * 24 * 3600);
  return { urls, secret, credentialTtlSeconds };
}

/**
 * A TURN URL as RTCIceServer takes it (RFC 7065): turn: or turns:, an IPv4 address, [IPv6] or host
 * name, an optional port, an optional ?transport=udp|tcp (turns: is TLS over TCP).
 */
const TURN_URL = /^(turns?):(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/i;

function validateTurnConfig(turn: TurnConfig): void {
  if (turn.urls.length === 0) throw new ConfigError('VOXLAY_TURN_URLS must list at least one turn: or turns: URL');
  for (const url of turn.urls) {
    const match = TURN_URL.exec(url);
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
      throw new ConfigError(
        `VOXLAY_TURN_URLS entry ${JSON.stringify(url)} must look like turn:host[:port][?transport=udp|tcp] or turns:host[:port][?transport=tcp]`,
      );
    }
    if (match[1]!.toLowerCase() === 'turns' && match[4]?.toLowerCase() === 'udp') {
      throw new ConfigError(`VOXLAY_TURN_URLS entry ${JSON.stringify(url)}: turns: is TLS over TCP; browsers do not speak TURN over DTLS`);
    }
  }
  // Every participant sees a username and its HMAC: a short secret could be guessed offline from them.
  if (Buffer.byteLength(turn.secret) < 32) {
    throw new ConfigError(
      "VOXLAY_TURN_SECRET must be at least 32 bytes (e.g. `openssl rand -base64 48`), the same as coturn's static-auth-secret",
    );
  }
  if (!Number.isInteger(turn.credentialTtlSeconds) || turn.credentialTtlSeconds < 1 || turn.credentialTtlSeconds > 7 * 24 * 3600) {
    throw new ConfigError('VOXLAY_TURN_CREDENTIAL_TTL must be an integer number of seconds in 1..604800');
  }
}

function defaultStaticDir(): string | undefined {
  const root = repoRoot();
  if (root === undefined) return undefined;
  const dir = join(root, 'pwa', 'dist');
  return existsSync(dir) ? dir : undefined;
}

/** Checks a complete config (also the one startApp builds from overrides). */
export function validateConfig(config: ServerConfig): void {
  for (const removed of ['rtcMinPort', 'rtcMaxPort']) {
    if (removed in config)
      throw new ConfigError(`${removed} was removed: set rtcPort (worker i listens on UDP and TCP port rtcPort + i; 0 = free ports)`);
  }
  if (!Number.isInteger(config.rtcPort) || config.rtcPort < 0 || (config.rtcPort > 0 && config.rtcPort + config.numWorkers - 1 > 65535)) {
    throw new ConfigError(
      `rtcPort (${config.rtcPort}) must be 0 or a port such that rtcPort + workers - 1 (${config.rtcPort + config.numWorkers - 1}) is at most 65535`,
    );
  }
  if (
    config.maxParticipantsPerNode !== undefined &&
    (!Number.isInteger(config.maxParticipantsPerNode) || config.maxParticipantsPerNode < 1)
  ) {
    throw new ConfigError('maxParticipantsPerNode must be a positive integer');
  }
  if (!LOG_LEVELS.includes(config.logLevel)) {
    throw new ConfigError(`log level ${JSON.stringify(config.logLevel)} must be one of ${LOG_LEVELS.join(', ')}`);
  }
  try {
    namePolicy.normalize(config.defaultChannelName);
  } catch (error) {
    if (!(error instanceof NameError)) throw error;
    throw new ConfigError(`the default channel name (VOXLAY_DEFAULT_CHANNEL) ${error.message}`);
  }
  if (!Number.isInteger(config.numWorkers) || config.numWorkers < 1) {
    throw new ConfigError('numWorkers must be a positive integer');
  }
  if (config.staticDir !== undefined && !existsSync(config.staticDir)) {
    throw new ConfigError(`static dir ${JSON.stringify(config.staticDir)} does not exist`);
  }
  validateSecurityConfig(config);
  validateClientLimitConfig(config);
}

function validateSecurityConfig(config: ServerConfig): void {
  if (!AUTH_MODES.includes(config.authMode)) {
    throw new ConfigError(`auth mode ${JSON.stringify(config.authMode)} must be one of ${AUTH_MODES.join(', ')}`);
  }
  if (config.jwtSecret !== undefined && config.jwtPublicKeyFile !== undefined) {
    throw new ConfigError('set either VOXLAY_JWT_SECRET (HS256) or VOXLAY_JWT_PUBLIC_KEY (EdDSA), not both');
  }
  if (config.jwtSecret !== undefined && Buffer.byteLength(config.jwtSecret) < 32) {
    throw new ConfigError('VOXLAY_JWT_SECRET must be at least 32 bytes (e.g. `openssl rand -base64 48`)');
  }
  if (config.authMode === 'token' && config.jwtSecret === undefined && config.jwtPublicKeyFile === undefined) {
    throw new ConfigError('VOXLAY_AUTH_MODE=token needs VOXLAY_JWT_SECRET or VOXLAY_JWT_PUBLIC_KEY');
  }
  if (config.jwtPublicKeyFile !== undefined && !existsSync(config.jwtPublicKeyFile)) {
    throw new ConfigError(`VOXLAY_JWT_PUBLIC_KEY file ${JSON.stringify(config.jwtPublicKeyFile)} does not exist`);
  }
  for (const origin of config.allowedOrigins ?? []) {
    if (origin !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/?$/i.test(origin)) {
      throw new ConfigError(`allowed origin ${JSON.stringify(origin)} must look like scheme://host[:port] (no path), or be *`);
    }
  }
  for (const id of config.extensionIds ?? []) {
    if (!/^[a-z0-9-]+$/i.test(id)) throw new ConfigError(`extension id ${JSON.stringify(id)} must be letters, digits and dashes`);
  }
  const positive: Array<keyof ServerConfig> = [
    'maxParticipantsPerChannel',
    'maxChannels',
    'mutationRatePerSecond',
    'mutationBurst',
    'wsMaxPayloadBytes',
    'graphqlMaxDepth',
    'graphqlMaxCost',
    'graphqlMaxTokens',
    'lastN',
    'maxParticipantsPerRouter',
  ];
  for (const key of positive) {
    const value = config[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ConfigError(`${key} must be a positive integer`);
  }
  if (config.metricsToken !== undefined && Buffer.byteLength(config.metricsToken) < 16) {
    throw new ConfigError('VOXLAY_METRICS_TOKEN must be at least 16 bytes');
  }
  validateRedisConfig(config);
  if (config.publicUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(config.publicUrl)) {
    throw new ConfigError(`VOXLAY_PUBLIC_URL ${JSON.stringify(config.publicUrl)} must be an http(s) URL`);
  }
  if (!Number.isInteger(config.graphqlMaxAliases) || config.graphqlMaxAliases < 0) {
    throw new ConfigError('graphqlMaxAliases must be a non-negative integer');
  }
  if (config.turn !== undefined) validateTurnConfig(config.turn);
}

function validateRedisConfig(config: ServerConfig): void {
  if (config.redisUrl !== undefined && !/^rediss?:\/\//.test(config.redisUrl)) {
    throw new ConfigError(`VOXLAY_REDIS_URL ${JSON.stringify(config.redisUrl)} must start with redis:// or rediss://`);
  }
  if (config.redisSentinels === undefined) {
    for (const [key, variable] of [
      ['redisSentinelName', 'VOXLAY_REDIS_SENTINEL_NAME'],
      ['redisPassword', 'VOXLAY_REDIS_PASSWORD'],
      ['redisSentinelPassword', 'VOXLAY_REDIS_SENTINEL_PASSWORD'],
    ] as const) {
      if (config[key] !== undefined) {
        throw new ConfigError(
          `${variable} is only used with VOXLAY_REDIS_SENTINELS${key === 'redisPassword' ? ' (with VOXLAY_REDIS_URL the password goes in the URL)' : ''}`,
        );
      }
    }
    return;
  }
  if (config.redisUrl !== undefined) {
    throw new ConfigError('set either VOXLAY_REDIS_URL (one Redis) or VOXLAY_REDIS_SENTINELS (the sentinels naming the primary), not both');
  }
  if (config.redisSentinels.length === 0) throw new ConfigError('VOXLAY_REDIS_SENTINELS must list at least one host:port');
  for (const entry of config.redisSentinels) {
    if (parseSentinel(entry) === undefined) {
      throw new ConfigError(`VOXLAY_REDIS_SENTINELS entry ${JSON.stringify(entry)} must look like host:port or [ipv6]:port`);
    }
  }
  if (config.redisSentinelName !== undefined && !/^[\w.:-]{1,128}$/.test(config.redisSentinelName)) {
    throw new ConfigError(
      `VOXLAY_REDIS_SENTINEL_NAME ${JSON.stringify(config.redisSentinelName)} must be a Sentinel master name (letters, digits, . _ : -)`,
    );
  }
}

/** host:port or [ipv6]:port; undefined when malformed. */
function parseSentinel(entry: string): SentinelAddress | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)):(\d{1,5})$/i.exec(entry);
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535) return undefined;
  return { host: (match[1] ?? match[2])!, port };
}

/** Where this node's cluster Redis is (a validated config); undefined on a single server. */
export function redisEndpoint(config: ServerConfig): RedisEndpoint | undefined {
  if (config.redisUrl !== undefined) return { url: config.redisUrl };
  if (config.redisSentinels === undefined) return undefined;
  return {
    sentinels: config.redisSentinels.map((entry) => parseSentinel(entry)!),
    name: config.redisSentinelName ?? REDIS_SENTINEL_NAME_DEFAULT,
    password: config.redisPassword,
    sentinelPassword: config.redisSentinelPassword,
  };
}
