import { Client, fetchExchange, makeOperation, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient, TerminatedCloseEvent, type Client as WsClient } from 'graphql-ws';
import { CloseCode } from './graphql/__generated__/protocol';
import { TypedEmitter } from './events';
import { DEFAULT_FAILURES_BEFORE_FAILOVER, NodeFailover } from './signaling/NodeFailover';

export interface VoxlayClientOptions {
  /** The server's http(s) base URL (a trailing `/graphql` is accepted too). */
  url: string;
  /** A WebSocket constructor where there is no global one (Node: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
  /** Ping interval on the WebSocket (ms). A pong missing for `pongTimeoutMs` closes it so it reconnects. */
  keepAliveMs?: number;
  pongTimeoutMs?: number;
  /**
   * Wait before reconnect attempt `retries` (0-based) after the WebSocket dropped. The default
   * (`reconnectDelayMs`) starts at 100-200 ms, so a dropped participant is resumed well inside the
   * server's grace period, and doubles up to 1.5-3 s while the server stays away.
   */
  retryDelayMs?: (retries: number) => number;
  /**
   * Access token for a server in token mode (docs/security.md): sent as graphql-ws
   * `connectionParams.token` on every (re)connect and as `Authorization: Bearer` on HTTP requests.
   * A function is read again each time, so a refreshed token is used from the next request on.
   */
  token?: string | (() => string | undefined);
  /**
   * Clustered service: failed WebSocket connection attempts in a row to the current node before
   * the client takes it for dead and moves to another known node (the entry URL, `addKnownNodes`,
   * redirects). Default 2. With one known node the client keeps retrying it.
   */
  failuresBeforeFailover?: number;
}

/** Default reconnect delay: 100-200 ms, then doubling (with jitter) up to 1.5-3 s. */
export function reconnectDelayMs(retries: number): number {
  const ceiling = Math.min(200 * 2 ** Math.max(0, retries), 3_000);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** WebSocket connection events a Channel reacts to. */
export interface VoxlayConnectionEvents {
  /** The WebSocket is (again) connected and acknowledged; `wasRetry` after a drop. */
  connected: (wasRetry: boolean) => void;
  /** The WebSocket closed; graphql-ws is already retrying. */
  closed: (event: unknown) => void;
  /**
   * The client now talks to another node (`url`, normalized): `redirect` after retarget() (a
   * WRONG_NODE answer), `failover` when the previous node stopped accepting connections.
   */
  retargeted: (url: string, reason: 'redirect' | 'failover') => void;
}

export interface VoxlayClient {
  /** urql client: queries go over HTTP, mutations and subscriptions over the WebSocket. */
  readonly client: Client;
  /** The graphql-ws client the participant's operations run on (a new one after a WRONG_NODE retarget). */
  readonly ws: WsClient;
  /** The http(s) base URL of the node in use, normalized (no trailing slash, no /graphql). */
  readonly url: string;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** The URL the client was created with (normalized); `url` differs after a retarget. */
  readonly entryUrl: string;
  /** Every node the client knows to fall back to, the entry first. */
  readonly knownUrls: string[];
  /** True between `connected` and `closed`. */
  readonly connected: boolean;
  on<K extends keyof VoxlayConnectionEvents>(event: K, listener: VoxlayConnectionEvents[K]): () => void;
  off<K extends keyof VoxlayConnectionEvents>(event: K, listener: VoxlayConnectionEvents[K]): void;
  /**
   * Talk to another node from now on, keeping the urql client, its listeners and this object: HTTP
   * queries go to its URL and the WebSocket reconnects there (a participant bound to the old socket
   * is not carried over). Returns false when `url` is already the node in use. TypeError on a bad URL.
   */
  retarget(url: string): boolean;
  /** Nodes to fall back to when the current one dies (Query.nodes URLs); any URL form deriveUrls accepts. */
  addKnownNodes(urls: readonly string[]): void;
  close(): void;
}

/** `https://host:1/x/` → base `https://host:1/x`, http `…/graphql`, ws `wss://host:1/x/graphql`. */
export function deriveUrls(url: string): { url: string; httpUrl: string; wsUrl: string } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`expected an http(s) URL, got ${url}`);
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '');
  const base = `${parsed.protocol}//${parsed.host}${path}`;
  const wsProtocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: base, httpUrl: `${base}/graphql`, wsUrl: `${wsProtocol}//${parsed.host}${path}/graphql` };
}

export function createVoxlayClient(options: VoxlayClientOptions): VoxlayClient {
  let target = deriveUrls(options.url);
  const failover = new NodeFailover(target.url, {
    failuresBeforeFailover: options.failuresBeforeFailover ?? DEFAULT_FAILURES_BEFORE_FAILOVER,
  });
  const emitter = new TypedEmitter<VoxlayConnectionEvents>();
  const pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
  let connected = false;
  let closed = false;
  let socket: { readyState: number; close(code: number, reason: string): void } | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const readToken = (): string | undefined => (typeof options.token === 'function' ? options.token() : options.token);
  /** Every later connection attempt goes to `url`; an open socket is dropped so it reconnects there. */
  const moveTo = (url: string, reason: 'redirect' | 'failover'): void => {
    target = deriveUrls(url);
    failover.add([target.url]);
    if (reason === 'redirect') failover.moved();
    emitter.emit('retargeted', target.url, reason);
    if (reason === 'redirect' && !closed) {
      // A fresh graphql-ws client for the new node: the old one still counts the operation answered
      // WRONG_NODE as active until its `complete` is handled, and would replay it on the new socket
      // (the caller's own retry then meets ALREADY_JOINED). Nothing of a redirected join needs carrying over.
      const old = ws;
      connected = false;
      socket = null;
      clearTimeout(pongTimer);
      ws = createWs();
      Promise.resolve(old.dispose()).catch(() => undefined);
    }
  };

  /** A graphql-ws client on the node in use; only the current one (`ws`) may change the client's state. */
  const createWs = (): WsClient => {
    const self: WsClient = createClient({
      url: () => target.wsUrl,
      connectionParams: () => {
        const token = readToken();
        return token ? { token } : {};
      },
      lazy: false,
      retryAttempts: Infinity,
      // Retry every drop except the server refusing our credentials: a fixed token would be
      // refused again and again.
      shouldRetry: (event) => !(isCloseEvent(event) && event.code === CloseCode.UNAUTHENTICATED),
      // graphql-ws's own backoff waits 1.3-4 s before the first retry: too slow to resume a participant.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? reconnectDelayMs)(retries))),
      keepAlive: options.keepAliveMs ?? 10_000,
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
      on: {
        connected: (s, _payload, wasRetry) => {
          if (self !== ws) return;
          socket = s as typeof socket;
          connected = true;
          failover.connected();
          emitter.emit('connected', wasRetry);
        },
        closed: (event) => {
          if (self !== ws) return;
          clearTimeout(pongTimer);
          socket = null;
          const was = connected;
          connected = false;
          if (was && !closed) emitter.emit('closed', event);
          // A failed attempt (the socket never got acknowledged): after a few in a row, another node.
          if (!was && !closed && !isTermination(event)) {
            const next = failover.failed(target.url);
            if (next) moveTo(next, 'failover');
          }
        },
        ping: (received) => {
          if (received || self !== ws) return;
          // A ping we sent: no pong in time means a dead connection the OS has not noticed yet.
          clearTimeout(pongTimer);
          pongTimer = setTimeout(() => {
            if (socket?.readyState === 1) socket.close(4408, 'Request Timeout');
          }, pongTimeoutMs);
        },
        pong: (received) => {
          if (received && self === ws) clearTimeout(pongTimer);
        },
      },
    });
    return self;
  };
  let ws: WsClient = createWs();

  const client = new Client({
    url: target.httpUrl,
    requestPolicy: 'network-only',
    fetchOptions: () => {
      const token = readToken();
      return token ? { headers: { authorization: `Bearer ${token}` } } : {};
    },
    exchanges: [
      // HTTP requests go to the node in use (retarget / failover change it under the same client).
      mapExchange({ onOperation: (operation) => makeOperation(operation.kind, operation, { ...operation.context, url: target.httpUrl }) }),
      subscriptionExchange({
        // A participant's operations must run on the WebSocket the participant is bound to:
        // every mutation and subscription goes there; plain queries stay on HTTP.
        isSubscriptionOperation: (operation) => operation.kind === 'mutation' || operation.kind === 'subscription',
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });

  return {
    client,
    get ws() {
      return ws;
    },
    get url() {
      return target.url;
    },
    get httpUrl() {
      return target.httpUrl;
    },
    get wsUrl() {
      return target.wsUrl;
    },
    entryUrl: failover.entryUrl,
    get knownUrls() {
      return failover.knownUrls;
    },
    get connected() {
      return connected;
    },
    retarget(url) {
      const next = deriveUrls(url).url;
      if (next === target.url) return false;
      moveTo(next, 'redirect');
      return true;
    },
    addKnownNodes(urls) {
      const valid: string[] = [];
      for (const url of urls) {
        try {
          valid.push(deriveUrls(url).url);
        } catch {
          // not an http(s) URL: ignore it
        }
      }
      failover.add(valid);
    },
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(pongTimer);
      emitter.removeAllListeners();
      // dispose() awaits the connection in progress; when that attempt fails (the server went away
      // first) its promise rejects with the close event. Closing is already what we want.
      Promise.resolve(ws.dispose()).catch(() => undefined);
    },
  };
}

/** graphql-ws's own close event when terminate() drops the socket (a retarget, not a failure). */
function isTermination(event: unknown): boolean {
  return event instanceof TerminatedCloseEvent;
}

function isCloseEvent(event: unknown): event is { code: number } {
  return typeof event === 'object' && event !== null && typeof (event as { code?: unknown }).code === 'number';
}
