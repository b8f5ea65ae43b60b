import { createHmac } from 'node:crypto';
import type { TurnConfig } from '../config.js';

/** One RTCIceServer entry as the API hands it out (schema.graphql `IceServer`). */
export interface IceServerModel {
  urls: string[];
  username: string;
  credential: string;
  expiresAt: Date;
}

/** Longest name part of a username (STUN caps USERNAME at 513 bytes; logs stay readable). */
const NAME_MAX_BYTES = 128;

/**
 * Mints time-limited TURN credentials for coturn's REST API mode (`use-auth-secret`): the username
 * is `<unix expiry>:<name>`, the credential base64(HMAC-SHA1(secret, username)). coturn recomputes
 * the HMAC with its `static-auth-secret` and refuses a username whose expiry has passed, so a
 * credential is good for `credentialTtlSeconds` and for nothing else: it cannot be stretched or
 * renamed without the secret.
 */
export class TurnCredentials {
  readonly #config: TurnConfig;

  constructor(config: TurnConfig) {
    this.#config = config;
  }

  get credentialTtlSeconds(): number {
    return this.#config.credentialTtlSeconds;
  }

  /**
   * The ICE servers for `name` (a token subject or a participant id: it shows in coturn's logs),
   * valid from `now` for the configured lifetime. One entry: every URL shares the credentials.
   */
  iceServersFor(name: string, now = Date.now()): IceServerModel[] {
    const expiry = Math.floor(now / 1000) + this.#config.credentialTtlSeconds;
    const username = `${expiry}:${usernameSafe(name)}`;
    const credential = createHmac('sha1', this.#config.secret).update(username).digest('base64');
    return [{ urls: [...this.#config.urls], username, credential, expiresAt: new Date(expiry * 1000) }];
  }
}

/**
 * The name as it may stand in a STUN USERNAME: printable ASCII kept (colons too: coturn reads the
 * expiry before the first one), anything else percent-encoded, cut to NAME_MAX_BYTES.
 */
export function usernameSafe(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte > 0x20 && byte < 0x7f && char !== '%' ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (out.length >= NAME_MAX_BYTES) break;
  }
  return out.slice(0, NAME_MAX_BYTES);
}
