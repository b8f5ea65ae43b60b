import { readFileSync } from 'node:fs';
import {
  errors as joseErrors,
  importJWK,
  importPKCS8,
  importSPKI,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { ServerConfig } from '../config.js';
import { NameError } from '../names/NameError.js';
import { namePolicy } from '../names/NamePolicy.js';

/**
 * What a token may allow. `create`: createChannel, a channel of one's own (usable even if `channels`
 * does not name it, deletable by its creator). `record`: start and stop recording the channels the
 * token grants, list and download their recordings. `admin` is the operator: every channel, the SFU
 * views, channel management without the per-creator limits, recording.
 */
export const RIGHTS = ['join', 'publish', 'subscribe', 'create', 'record', 'admin'] as const;
export type Right = (typeof RIGHTS)[number];

/** The verified claims of a token. */
export interface Identity {
  /** `sub`: who this is (stable, for logs). */
  readonly subject: string;
  /** `name`: the display name the participant gets (the client's own choice is ignored). */
  readonly displayName: string;
  /** `channels`: channel ids or names (case-insensitive), or `*` for every channel. */
  readonly channels: '*' | readonly string[];
  readonly rights: ReadonlySet<Right>;
  /** `exp`, in ms since the epoch. */
  readonly expiresAt: number;
}

/** Why a token was refused; the message is safe to show to the client. */
export class TokenError extends Error {
  override name = 'TokenError';
}

export type KeyConfig = Pick<ServerConfig, 'jwtSecret' | 'jwtPublicKeyFile' | 'jwtPrivateKeyFile' | 'jwtIssuer' | 'jwtAudience'>;

type Algorithm = 'HS256' | 'EdDSA';
type Key = CryptoKey | Uint8Array;

const MAX_TOKEN_LENGTH = 8 * 1024;
const CLOCK_TOLERANCE_S = 5;

export interface TokenVerifier {
  readonly algorithm: Algorithm;
  verify(token: unknown): Promise<Identity>;
}

/** The verification key from the config: the HS256 secret, or the EdDSA public key (PEM SPKI or JWK file). */
export async function createTokenVerifier(config: KeyConfig): Promise<TokenVerifier> {
  const { algorithm, key } = await verificationKey(config);
  return {
    algorithm,
    verify: async (token) => {
      if (typeof token !== 'string' || token === '') throw new TokenError('no token');
      if (token.length > MAX_TOKEN_LENGTH) throw new TokenError('token too long');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          requiredClaims: ['exp', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_S,
          ...(config.jwtIssuer === undefined ? {} : { issuer: config.jwtIssuer }),
          ...(config.jwtAudience === undefined ? {} : { audience: config.jwtAudience }),
        }));
      } catch (error) {
        throw new TokenError(describeJoseError(error));
      }
      return identityFromClaims(payload);
    },
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature invalid (forged, or signed with another key)';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not allowed';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `token claim ${error.claim} invalid: ${error.reason}`;
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'malformed token';
  if (error instanceof joseErrors.JOSEError) return `token refused (${error.code})`;
  return 'token refused';
}

/** Checks the Voxlay claims (`name`, `channels`, `rights`) of a verified payload. */
export function identityFromClaims(payload: JWTPayload): Identity {
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject.trim() === '' || subject.length > 256) throw new TokenError('token claim sub invalid');
  const rawName = payload.name ?? subject;
  if (typeof rawName !== 'string') throw new TokenError('token claim name must be a string');
  let displayName: string;
  try {
    // The display name others see: the same rules as a name chosen in open mode.
    displayName = namePolicy.normalize(rawName);
  } catch (error) {
    if (error instanceof NameError) throw new TokenError(`token claim name ${error.message}`);
    throw error;
  }
  const rawChannels = payload.channels;
  let channels: Identity['channels'];
  if (rawChannels === '*') channels = '*';
  else if (Array.isArray(rawChannels) && rawChannels.every((c) => typeof c === 'string' && c !== '') && rawChannels.length <= 1000) {
    channels = rawChannels.includes('*') ? '*' : (rawChannels as string[]);
  } else throw new TokenError('token claim channels must be "*" or a list of channel ids or names');
  const rawRights = payload.rights;
  if (!Array.isArray(rawRights) || !rawRights.every((r): r is Right => (RIGHTS as readonly unknown[]).includes(r))) {
    throw new TokenError(`token claim rights must be a list of ${RIGHTS.join(', ')}`);
  }
  if (typeof payload.exp !== 'number') throw new TokenError('token claim exp missing');
  return { subject, displayName, channels, rights: new Set(rawRights), expiresAt: payload.exp * 1000 };
}

async function verificationKey(config: KeyConfig): Promise<{ algorithm: Algorithm; key: Key }> {
  if (config.jwtSecret !== undefined) return { algorithm: 'HS256', key: new TextEncoder().encode(config.jwtSecret) };
  if (config.jwtPublicKeyFile !== undefined) return { algorithm: 'EdDSA', key: await readKey(config.jwtPublicKeyFile, 'public') };
  throw new TokenError('no token key configured: set VOXLAY_JWT_SECRET or VOXLAY_JWT_PUBLIC_KEY');
}

async function signingKey(config: KeyConfig): Promise<{ algorithm: Algorithm; key: Key }> {
  if (config.jwtSecret !== undefined) return { algorithm: 'HS256', key: new TextEncoder().encode(config.jwtSecret) };
  if (config.jwtPrivateKeyFile !== undefined) return { algorithm: 'EdDSA', key: await readKey(config.jwtPrivateKeyFile, 'private') };
  throw new TokenError('minting needs VOXLAY_JWT_SECRET or VOXLAY_JWT_PRIVATE_KEY');
}

/** A PEM (SPKI public / PKCS#8 private) or JWK file holding an Ed25519 key. */
async function readKey(file: string, kind: 'public' | 'private'): Promise<CryptoKey> {
  const text = readFileSync(file, 'utf8').trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as JWK;
    if (kind === 'public') delete jwk.d; // a private JWK also holds the public key
    const key = await importJWK(jwk, 'EdDSA');
    if (key instanceof Uint8Array) throw new TokenError(`${file}: not an Ed25519 key`);
    return key;
  }
  return kind === 'public' ? importSPKI(text, 'EdDSA') : importPKCS8(text, 'EdDSA');
}

export interface MintOptions {
  subject: string;
  name?: string | undefined;
  channels: '*' | string[];
  rights: Right[];
  /** Lifetime in seconds. */
  ttlSeconds: number;
  /** Overrides the issue time (seconds since the epoch); tests mint expired tokens with it. */
  now?: number | undefined;
}

/** Signs a token with the configured secret or private key (scripts/token.ts, tests). */
export async function mintToken(config: KeyConfig, options: MintOptions): Promise<string> {
  const { algorithm, key } = await signingKey(config);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const claims: JWTPayload = { channels: options.channels, rights: options.rights };
  if (options.name !== undefined) claims.name = options.name;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds);
  if (config.jwtIssuer !== undefined) jwt = jwt.setIssuer(config.jwtIssuer);
  if (config.jwtAudience !== undefined) jwt = jwt.setAudience(config.jwtAudience);
  return jwt.sign(key);
}
