import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config.js';

export type OriginConfig = Pick<ServerConfig, 'allowedOrigins' | 'extensionIds' | 'authMode' | 'host'>;

/**
 * Which browser origins may use the API (HTTP requests and WebSocket handshakes that carry an
 * Origin header). Requests without one (curl, Node clients, tests) pass: browsers always send it on
 * cross-origin requests and WebSocket handshakes, and in token mode the token is the gate anyway.
 *
 * Defaults (VOXLAY_ALLOWED_ORIGINS unset): the server's own origins, http://localhost:PORT,
 * http://127.0.0.1:PORT, http://[::1]:PORT and http://HOST:PORT for a named VOXLAY_HOST. In open
 * mode also any loopback http origin on another port (the PWA's vite dev server on :5173, test
 * pages): only a process on this machine can serve one, and it could reach the server directly
 * anyway; a remote page (DNS rebinding included) cannot have such an origin. Browser extensions:
 * chrome-extension://ID and moz-extension://ID for each id in VOXLAY_EXTENSION_IDS, or, when that
 * is unset, any extension origin in open mode and none in token mode. VOXLAY_ALLOWED_ORIGINS
 * replaces the default list (extension ids still apply); `*` in it allows every origin.
 */
export class OriginPolicy {
  readonly #config: OriginConfig;
  #port: number | undefined;
  #allowed = new Set<string>();
  #any = false;
  #anyExtension = false;
  #anyLoopback = false;

  constructor(config: OriginConfig, port?: number) {
    this.#config = config;
    this.#build(port);
  }

  /** The bound port is known only after listen (port 0 = ephemeral). */
  setPort(port: number): void {
    if (port !== this.#port) this.#build(port);
  }

  /** The exact origins allowed (for logs and docs), besides the extension wildcard. */
  get origins(): string[] {
    return [...this.#allowed];
  }

  allows(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.#any) return true;
    const normalized = origin.trim().toLowerCase();
    if (this.#allowed.has(normalized)) return true;
    if (this.#anyLoopback && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(normalized)) return true;
    return this.#anyExtension && /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/.test(normalized);
  }

  /**
   * The Host a browser request names (DNS rebinding: a page at http://evil.example:3000 whose name
   * now resolves to this server sends its same-origin GETs without an Origin, but with
   * `Host: evil.example:3000`). Allowed: the hosts of the allowed origins (loopback names in open
   * mode) and IP literals, which no rebinding can produce; everything with `*`.
   */
  allowsHost(host: string | undefined): boolean {
    if (host === undefined || this.#any) return true;
    const name = host
      .trim()
      .toLowerCase()
      .replace(/:\d{1,5}$/, '');
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || /^\[[0-9a-f:.]+\]$/.test(name)) return true;
    if (this.#anyLoopback && name === 'localhost') return true;
    const withPort = host.trim().toLowerCase();
    for (const origin of this.#allowed) {
      const authority = origin.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
      if (authority === withPort || authority === name) return true;
    }
    return false;
  }

  /**
   * For the HTTP handler: false after answering 403 when the request's Origin is not allowed, or
   * when a browser request (it carries Origin or Sec-Fetch-Mode) names a Host that is not.
   */
  checkHttp(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    const fromBrowser = origin !== undefined || req.headers['sec-fetch-mode'] !== undefined;
    let refused: string | undefined;
    if (!this.allows(origin)) refused = `origin ${origin ?? ''} is not allowed`;
    else if (fromBrowser && !this.allowsHost(req.headers.host)) refused = `host ${req.headers.host ?? ''} is not allowed`;
    if (refused === undefined) return true;
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message: refused, extensions: { code: 'FORBIDDEN' } }] }));
    return false;
  }

  #build(port: number | undefined): void {
    this.#port = port;
    const config = this.#config;
    const allowed = new Set<string>();
    const explicit = config.allowedOrigins;
    this.#any = explicit?.includes('*') ?? false;
    if (explicit !== undefined) {
      for (const origin of explicit) if (origin !== '*') allowed.add(origin.toLowerCase().replace(/\/$/, ''));
    } else if (port !== undefined) {
      const hosts = ['localhost', '127.0.0.1', '[::1]'];
      if (!['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1'].includes(config.host)) {
        hosts.push(config.host.includes(':') ? `[${config.host}]` : config.host);
      }
      for (const host of hosts) allowed.add(`http://${host}:${port}`.toLowerCase());
    }
    for (const id of config.extensionIds ?? []) {
      allowed.add(`chrome-extension://${id.toLowerCase()}`);
      allowed.add(`moz-extension://${id.toLowerCase()}`);
    }
    this.#anyExtension = config.extensionIds === undefined && config.authMode === 'open';
    this.#anyLoopback = explicit === undefined && config.authMode === 'open';
    this.#allowed = allowed;
  }
}

/** ws's `verifyClient` (callback form): a refused handshake gets HTTP 403 and no WebSocket. */
export function originVerifier(policy: OriginPolicy) {
  return (info: { origin: string; req: IncomingMessage }, callback: (ok: boolean, code?: number, message?: string) => void): void => {
    // Browsers always send Origin on a WebSocket handshake; non-browser clients may omit it.
    const origin = info.req.headers.origin;
    if (policy.allows(origin)) callback(true);
    else callback(false, 403, 'Origin not allowed');
  };
}
