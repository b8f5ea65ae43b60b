import type { AuthMode } from '../config.js';
import { notAllowed, unauthenticated } from '../errors.js';
import type { Identity, Right } from './tokens.js';

/**
 * Who is asking. Open mode: anybody, with every right. Token mode: a verified identity, or the
 * reason there is none (no token, expired, forged...), reported as UNAUTHENTICATED when a field
 * needs one.
 */
export type Principal =
  | { readonly mode: 'open' }
  | { readonly mode: 'token'; readonly identity: Identity }
  | { readonly mode: 'token'; readonly identity: null; readonly failure: string };

export const OPEN_PRINCIPAL: Principal = { mode: 'open' };

export function anonymous(
  mode: AuthMode,
  failure = 'no token: send `Authorization: Bearer <jwt>` (HTTP) or connectionParams.token (WebSocket)',
): Principal {
  return mode === 'open' ? OPEN_PRINCIPAL : { mode: 'token', identity: null, failure };
}

/** Something with an id and a name: a channel (and who created it, when known). */
export interface ChannelRef {
  readonly id: string;
  readonly name: string;
  readonly createdBy?: { readonly subject: string | null } | null | undefined;
}

/**
 * The verified identity (token mode) or null (open mode: nothing to check). UNAUTHENTICATED
 * without a valid, unexpired token.
 */
export function requireIdentity(principal: Principal): Identity | null {
  if (principal.mode === 'open') return null;
  if (principal.identity === null) throw unauthenticated(principal.failure);
  if (principal.identity.expiresAt <= Date.now()) throw unauthenticated('token expired: reconnect with a fresh token');
  return principal.identity;
}

export function isAdmin(principal: Principal): boolean {
  return principal.mode === 'open' || (principal.identity?.rights.has('admin') ?? false);
}

/**
 * A token with the admin right: the operator (open mode has none). Its channels do not expire and
 * it is not held to the per-creator channel limits.
 */
export function isOperator(principal: Principal): boolean {
  return principal.mode === 'token' && (principal.identity?.rights.has('admin') ?? false);
}

/** Operator views and channel management: the `admin` right (anybody in open mode). */
export function requireAdmin(principal: Principal, what: string): void {
  const identity = requireIdentity(principal);
  if (identity && !identity.rights.has('admin')) throw notAllowed(`${what} needs the admin right`);
}

/**
 * Whether the token names this channel (by id, or by name case-insensitively), is for every
 * channel, or created it.
 */
export function mayAccessChannel(principal: Principal, channel: ChannelRef): boolean {
  if (principal.mode === 'open') return true;
  const identity = principal.identity;
  if (!identity) return false;
  if (grantsEveryChannel(identity) || namesChannelId(identity, channel.id)) return true;
  if (channel.createdBy?.subject === identity.subject) return true;
  const name = channel.name.toLowerCase();
  return identity.channels !== '*' && identity.channels.some((entry) => entry.toLowerCase() === name);
}

function grantsEveryChannel(identity: Identity): boolean {
  return identity.rights.has('admin') || identity.channels === '*';
}

function namesChannelId(identity: Identity, id: string): boolean {
  return identity.channels !== '*' && identity.channels.includes(id);
}

/**
 * Auth before lookup, for every field that takes a channel id: UNAUTHENTICATED without a valid
 * token and FORBIDDEN without `right`, before the id is looked at; then the channel is looked up
 * and a token that does not grant it gets FORBIDDEN whether or not it exists, so nobody outside
 * learns which ids exist. Undefined (the caller answers null or NOT_FOUND) only for a principal
 * that may see every channel, or whose token names that id.
 */
export async function lookUpChannel<T extends ChannelRef>(
  principal: Principal,
  id: string,
  lookUp: (id: string) => T | undefined | Promise<T | undefined>,
  right?: Right,
): Promise<T | undefined> {
  const identity = requireIdentity(principal);
  if (identity && right !== undefined && !identity.rights.has(right) && !identity.rights.has('admin')) {
    throw notAllowed(`your token lacks the ${right} right`);
  }
  const channel = await lookUp(id);
  if (!identity) return channel;
  const granted = channel ? mayAccessChannel(principal, channel) : grantsEveryChannel(identity) || namesChannelId(identity, id);
  if (!granted) throw notAllowed(`your token does not grant channel ${id}`);
  return channel;
}

/** FORBIDDEN unless the token names the channel (and has `right`, when given). */
export function requireChannelAccess(principal: Principal, channel: ChannelRef, right?: Right): Identity | null {
  const identity = requireIdentity(principal);
  if (!identity) return null;
  if (!mayAccessChannel(principal, channel)) throw notAllowed(`your token does not grant channel ${channel.id}`);
  if (right !== undefined && !identity.rights.has(right) && !identity.rights.has('admin')) {
    throw notAllowed(`your token lacks the ${right} right`);
  }
  return identity;
}

/** Whether the principal holds `right` (always in open mode; no expiry check: a joined call keeps its rights). */
export function hasRight(principal: Principal, right: Right): boolean {
  if (principal.mode === 'open') return true;
  const rights = principal.identity?.rights;
  return rights !== undefined && (rights.has(right) || rights.has('admin'));
}
