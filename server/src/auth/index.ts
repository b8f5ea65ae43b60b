import type { ServerConfig } from '../config.js';
import { CloseCode } from '../graphql/__generated__/protocol.js';
import { anonymous, type Principal } from './access.js';
import { OriginPolicy } from './origins.js';
import { createTokenVerifier, TokenError, type TokenVerifier } from './tokens.js';

export type { Principal } from './access.js';
export { OriginPolicy } from './origins.js';

export type ConnectResult = { ok: true; principal: Principal } | { ok: false; code: number; reason: string };

/** Access control of one app: the mode, the token verifier and the origin allowlist. */
export interface AuthService {
  readonly mode: ServerConfig['authMode'];
  readonly origins: OriginPolicy;
  /** HTTP: the principal of `Authorization: Bearer <jwt>` (or why there is none). */
  principalFromHeader(authorization: string | null | undefined): Promise<Principal>;
  /** WebSocket: graphql-ws `connectionParams.token`; token mode refuses the connection without a valid one. */
  connect(connectionParams: Readonly<Record<string, unknown>> | undefined): Promise<ConnectResult>;
}

export async function createAuth(config: ServerConfig): Promise<AuthService> {
  const origins = new OriginPolicy(config, config.port === 0 ? undefined : config.port);
  if (config.authMode === 'open') {
    const principal = anonymous('open');
    return {
      mode: 'open',
      origins,
      principalFromHeader: async () => principal,
      connect: async () => ({ ok: true, principal }),
    };
  }
  const verifier: TokenVerifier = await createTokenVerifier(config);
  const verify = async (token: unknown): Promise<Principal> => {
    try {
      return { mode: 'token', identity: await verifier.verify(token) };
    } catch (error) {
      if (error instanceof TokenError) return anonymous('token', error.message);
      throw error;
    }
  };
  return {
    mode: 'token',
    origins,
    principalFromHeader: async (authorization) => {
      if (!authorization) return anonymous('token');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) return anonymous('token', 'the Authorization header must be `Bearer <jwt>`');
      return verify(match[1]);
    },
    connect: async (connectionParams) => {
      const token = connectionParams?.token;
      if (token === undefined || token === null || token === '') {
        return { ok: false, code: CloseCode.UNAUTHENTICATED, reason: 'UNAUTHENTICATED: no token (connectionParams.token)' };
      }
      const principal = await verify(token);
      if (principal.mode === 'token' && principal.identity === null) {
        return { ok: false, code: CloseCode.UNAUTHENTICATED, reason: closeReason(`UNAUTHENTICATED: ${principal.failure}`) };
      }
      return { ok: true, principal };
    },
  };
}

/** A WebSocket close reason is at most 123 bytes. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}
