import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface ServerConfig {
  host: string;
  port: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  listenIp: string;
  announcedAddress?: string | undefined;
  numWorkers: number;
  defaultChannelName: string;
  disconnectGraceMs: number;
  logLevel: string;
  staticDir?: string | undefined;
}

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

function str(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Reads the configuration from the environment:
 * PORT or VOXLAY_PORT (3000), VOXLAY_HOST (0.0.0.0), VOXLAY_RTC_MIN_PORT (40000),
 * VOXLAY_RTC_MAX_PORT (40999), VOXLAY_LISTEN_IP (0.0.0.0), VOXLAY_ANNOUNCED_ADDRESS (when the
 * listen ip is 0.0.0.0 and nothing is set: 127.0.0.1, so local browsers can connect; set it to the
 * public address in production), VOXLAY_WORKERS (number of cores), VOXLAY_DEFAULT_CHANNEL (Lobby),
 * VOXLAY_DISCONNECT_GRACE_MS (5000), VOXLAY_LOG_LEVEL (info), VOXLAY_STATIC_DIR (pwa/dist of the
 * repository, if it exists). Invalid values throw a ConfigError naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const listenIp = str(env, 'VOXLAY_LISTEN_IP') ?? '0.0.0.0';
  const config: ServerConfig = {
    host: str(env, 'VOXLAY_HOST') ?? '0.0.0.0',
    port: int(env, ['PORT', 'VOXLAY_PORT'], 3000, 0, 65535),
    rtcMinPort: int(env, ['VOXLAY_RTC_MIN_PORT'], 40000, 1, 65535),
    rtcMaxPort: int(env, ['VOXLAY_RTC_MAX_PORT'], 40999, 1, 65535),
    listenIp,
    announcedAddress: str(env, 'VOXLAY_ANNOUNCED_ADDRESS') ?? (listenIp === '0.0.0.0' ? '127.0.0.1' : undefined),
    numWorkers: int(env, ['VOXLAY_WORKERS'], Math.max(1, cpus().length), 1, 256),
    defaultChannelName: str(env, 'VOXLAY_DEFAULT_CHANNEL') ?? 'Lobby',
    disconnectGraceMs: int(env, ['VOXLAY_DISCONNECT_GRACE_MS'], 5000, 0, 3_600_000),
    logLevel: str(env, 'VOXLAY_LOG_LEVEL') ?? 'info',
    staticDir: str(env, 'VOXLAY_STATIC_DIR') ?? defaultStaticDir(),
  };
  validateConfig(config);
  return config;
}

function defaultStaticDir(): string | undefined {
  const root = repoRoot();
  if (root === undefined) return undefined;
  const dir = join(root, 'pwa', 'dist');
  return existsSync(dir) ? dir : undefined;
}

/** Checks a complete config (also the one startApp builds from overrides). */
export function validateConfig(config: ServerConfig): void {
  if (config.rtcMinPort > config.rtcMaxPort) {
    throw new ConfigError(`rtcMinPort (${config.rtcMinPort}) must not exceed rtcMaxPort (${config.rtcMaxPort})`);
  }
  if (!LOG_LEVELS.includes(config.logLevel)) {
    throw new ConfigError(`log level ${JSON.stringify(config.logLevel)} must be one of ${LOG_LEVELS.join(', ')}`);
  }
  if (config.defaultChannelName.length > 64) {
    throw new ConfigError('the default channel name must be 1..64 characters');
  }
  if (!Number.isInteger(config.numWorkers) || config.numWorkers < 1) {
    throw new ConfigError('numWorkers must be a positive integer');
  }
  if (config.staticDir !== undefined && !existsSync(config.staticDir)) {
    throw new ConfigError(`static dir ${JSON.stringify(config.staticDir)} does not exist`);
  }
}
