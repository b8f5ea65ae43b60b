import { createHash, randomBytes } from 'node:crypto';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';

/** Longest string taken as a resume token (ours are 43 characters); longer ones are refused unhashed. */
export const MAX_RESUME_TOKEN_LENGTH = 128;

/**
 * The resume tokens of one app: an opaque random secret per joined participant, mapped to the
 * connection currently holding it. Only a SHA-256 of each token is kept as the key, so the map never
 * holds the secrets themselves. A token lives as long as its participant.
 */
export class ResumeTokens<S> {
  static readonly #byRegistry = new WeakMap<ChannelRegistry, ResumeTokens<unknown>>();

  /** One store per app (its ChannelRegistry), shared by every Connection. */
  static of<S>(registry: ChannelRegistry): ResumeTokens<S> {
    let tokens = ResumeTokens.#byRegistry.get(registry);
    if (!tokens) {
      tokens = new ResumeTokens<unknown>();
      ResumeTokens.#byRegistry.set(registry, tokens);
    }
    return tokens as ResumeTokens<S>;
  }

  readonly #holders = new Map<string, S>();

  get size(): number {
    return this.#holders.size;
  }

  /** A new token (256 random bits, base64url) held by `holder`. */
  issue(holder: S): string {
    const token = randomBytes(32).toString('base64url');
    this.#holders.set(digest(token), holder);
    return token;
  }

  /** Who holds `token` now, or undefined (unknown, revoked, or not a plausible token). */
  holder(token: string): S | undefined {
    if (token.length === 0 || token.length > MAX_RESUME_TOKEN_LENGTH) return undefined;
    return this.#holders.get(digest(token));
  }

  /** The connection resuming with `token` becomes its holder. */
  transfer(token: string, holder: S): void {
    if (token.length === 0 || token.length > MAX_RESUME_TOKEN_LENGTH) return;
    const key = digest(token);
    if (this.#holders.has(key)) this.#holders.set(key, holder);
  }

  revoke(token: string): void {
    this.#holders.delete(digest(token));
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
