import { ConfigError } from '../config.js';
import { ClientAddresses, FORWARDED_HEADERS, type ForwardedHeader } from './ClientAddresses.js';
import type { ClientLimitSettings, RateLimit } from './ClientLimitsTypes.js';

/** Who is asking, the per-address and per-identity limits, and channel expiry (docs/security.md). */
export interface ClientLimitConfig extends ClientLimitSettings {
  /** Peers whose forwarded header names the client (VOXLAY_TRUSTED_PROXIES); none: the socket's peer is the client. */
  trustedProxies?: string[] | undefined;
  /** The header trusted proxies set (VOXLAY_CLIENT_ADDRESS_HEADER). */
  clientAddressHeader: ForwardedHeader;
  /** Addresses no per-address limit applies to (VOXLAY_ADDRESS_LIMITS_EXEMPT). */
  addressLimitsExempt?: string[] | undefined;
  /** Channels one creator holds at once: per client address / per identity (admins excepted). */
  maxChannelsPerAddress: number;
  maxChannelsPerIdentity: number;
  /** A channel nobody is in is deleted after this long (0: never); not the default channel nor those an admin creates. */
  emptyChannelTtlMs: number;
}

const rate = (perSecond: number, burst: number): RateLimit => ({ perSecond, burst });

/**
 * Defaults: generous for a household or an office behind one NAT address, tight enough that one
 * client opening sockets cannot starve the others (see docs/security.md for the reasoning).
 */
export const CLIENT_LIMIT_DEFAULTS = {
  clientAddressHeader: 'x-forwarded-for',
  maxConnectionsPerAddress: 50,
  maxConnectionsPerIdentity: 10,
  mutationRatePerAddress: rate(100, 300),
  mutationRatePerIdentity: rate(40, 120),
  joinRatePerAddress: rate(1, 30),
  joinRatePerIdentity: rate(1 / 3, 10),
  channelCreationRatePerAddress: rate(30 / 3600, 10),
  channelCreationRatePerIdentity: rate(30 / 3600, 5),
  maxChannelsPerAddress: 20,
  maxChannelsPerIdentity: 10,
  emptyChannelTtlMs: 10 * 60_000,
} as const satisfies ClientLimitConfig;

const UNIT_SECONDS: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** `N/s:B`, `N/min:B` or `N/h:B`: N per second, minute or hour, burst B. */
export function parseRate(text: string): RateLimit {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|min|h)\s*:\s*(\d+)\s*$/.exec(text);
  const count = Number(match?.[1]);
  const burst = Number(match?.[3]);
  if (!match || !(count > 0) || !Number.isInteger(burst) || burst < 1) {
    throw new TypeError(`${JSON.stringify(text)} must look like 30/s:60, 60/min:30 or 30/h:10 (rate per unit, then the burst)`);
  }
  return { perSecond: count / UNIT_SECONDS[match[2]!]!, burst };
}

/** Reads the client-limit variables of `env` (a ConfigError names a bad one). */
export function loadClientLimitConfig(env: NodeJS.ProcessEnv): ClientLimitConfig {
  const d = CLIENT_LIMIT_DEFAULTS;
  const header = str(env, 'VOXLAY_CLIENT_ADDRESS_HEADER')?.toLowerCase() ?? d.clientAddressHeader;
  if (!(FORWARDED_HEADERS as readonly string[]).includes(header)) {
    throw new ConfigError(`VOXLAY_CLIENT_ADDRESS_HEADER=${JSON.stringify(header)} must be one of ${FORWARDED_HEADERS.join(', ')}`);
  }
  return {
    trustedProxies: list(env, 'VOXLAY_TRUSTED_PROXIES'),
    clientAddressHeader: header as ForwardedHeader,
    addressLimitsExempt: list(env, 'VOXLAY_ADDRESS_LIMITS_EXEMPT'),
    maxConnectionsPerAddress: int(env, 'VOXLAY_MAX_CONNECTIONS_PER_ADDRESS', d.maxConnectionsPerAddress, 1, 1_000_000),
    maxConnectionsPerIdentity: int(env, 'VOXLAY_MAX_CONNECTIONS_PER_IDENTITY', d.maxConnectionsPerIdentity, 1, 1_000_000),
    mutationRatePerAddress: rateVar(env, 'VOXLAY_MUTATION_RATE_PER_ADDRESS', d.mutationRatePerAddress),
    mutationRatePerIdentity: rateVar(env, 'VOXLAY_MUTATION_RATE_PER_IDENTITY', d.mutationRatePerIdentity),
    joinRatePerAddress: rateVar(env, 'VOXLAY_JOIN_RATE_PER_ADDRESS', d.joinRatePerAddress),
    joinRatePerIdentity: rateVar(env, 'VOXLAY_JOIN_RATE_PER_IDENTITY', d.joinRatePerIdentity),
    channelCreationRatePerAddress: rateVar(env, 'VOXLAY_CHANNEL_CREATION_RATE_PER_ADDRESS', d.channelCreationRatePerAddress),
    channelCreationRatePerIdentity: rateVar(env, 'VOXLAY_CHANNEL_CREATION_RATE_PER_IDENTITY', d.channelCreationRatePerIdentity),
    maxChannelsPerAddress: int(env, 'VOXLAY_MAX_CHANNELS_PER_ADDRESS', d.maxChannelsPerAddress, 1, 1_000_000),
    maxChannelsPerIdentity: int(env, 'VOXLAY_MAX_CHANNELS_PER_IDENTITY', d.maxChannelsPerIdentity, 1, 1_000_000),
    emptyChannelTtlMs: int(env, 'VOXLAY_EMPTY_CHANNEL_TTL_MS', d.emptyChannelTtlMs, 0, 30 * 24 * 3_600_000),
  };
}

/** Checks a complete config (also one startApp builds from overrides). */
export function validateClientLimitConfig(config: ClientLimitConfig): void {
  for (const [name, entries] of [
    ['VOXLAY_TRUSTED_PROXIES', config.trustedProxies],
    ['VOXLAY_ADDRESS_LIMITS_EXEMPT', config.addressLimitsExempt],
  ] as const) {
    try {
      ClientAddresses.parseRanges(entries ?? []);
    } catch (error) {
      throw new ConfigError(`${name}: ${(error as Error).message}`);
    }
  }
  if (!FORWARDED_HEADERS.includes(config.clientAddressHeader)) {
    throw new ConfigError(`clientAddressHeader must be one of ${FORWARDED_HEADERS.join(', ')}`);
  }
  const counts = ['maxConnectionsPerAddress', 'maxConnectionsPerIdentity', 'maxChannelsPerAddress', 'maxChannelsPerIdentity'] as const;
  for (const key of counts) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new ConfigError(`${key} must be a positive integer`);
  }
  const rates = [
    'mutationRatePerAddress',
    'mutationRatePerIdentity',
    'joinRatePerAddress',
    'joinRatePerIdentity',
    'channelCreationRatePerAddress',
    'channelCreationRatePerIdentity',
  ] as const;
  for (const key of rates) {
    const { perSecond, burst } = config[key];
    if (!(perSecond > 0) || !Number.isInteger(burst) || burst < 1)
      throw new ConfigError(`${key} needs perSecond > 0 and an integer burst >= 1`);
  }
  if (!Number.isInteger(config.emptyChannelTtlMs) || config.emptyChannelTtlMs < 0) {
    throw new ConfigError('emptyChannelTtlMs must be a non-negative integer (0: channels never expire)');
  }
}

function str(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function list(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // `none` says "nothing" explicitly (an empty variable means "the default").
  return entries.length === 1 && entries[0]!.toLowerCase() === 'none' ? [] : entries;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name}=${JSON.stringify(raw)} must be an integer in ${min}..${max}`);
  return value;
}

function rateVar(env: NodeJS.ProcessEnv, name: string, fallback: RateLimit): RateLimit {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  try {
    return parseRate(raw);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}`);
  }
}
