import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client for tests (Node 20 has no global WebSocket). */
export class TestClient {
  readonly client: Client;
  /** How the socket closed, when it did (code and reason), e.g. 4403 for a refused token. */
  readonly closes: Array<{ code: number; reason: string }> = [];

  /**
   * `connectionParams` is sent with connection_init (token mode: `{ token }`). `localAddress` binds
   * the socket to another loopback address (127.0.0.x: another client address for the server);
   * `headers` go with the WebSocket handshake (X-Forwarded-For from a proxy).
   */
  constructor(
    baseUrl: string,
    options: { connectionParams?: Record<string, unknown>; localAddress?: string; headers?: Record<string, string> } = {},
  ) {
    const { localAddress, headers } = options;
    const webSocketImpl =
      localAddress === undefined && headers === undefined
        ? WebSocket
        : class extends WebSocket {
            constructor(address: string, protocols?: string | string[]) {
              super(address, protocols, { ...(localAddress === undefined ? {} : { localAddress }), ...(headers ? { headers } : {}) });
            }
          };
    this.client = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl,
      lazy: false,
      retryAttempts: 0,
      // A refused connection (4403, 4429) is recorded in `closes`; graphql-ws would also print it.
      onNonLazyError: () => undefined,
      ...(options.connectionParams ? { connectionParams: options.connectionParams } : {}),
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          this.closes.push({ code, reason: String(reason) });
        },
      },
    });
  }

  /** One query or mutation; resolves with the whole result (data and errors). */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<FormattedExecutionResult<TData>> {
    return new Promise((resolve, reject) => {
      let result: FormattedExecutionResult<TData> | undefined;
      this.client.subscribe<TData>(
        { query: print(document), variables },
        {
          next: (value) => (result = value as FormattedExecutionResult<TData>),
          error: (error: unknown) => (Array.isArray(error) ? resolve({ errors: error as GraphQLFormattedError[] }) : reject(error)),
          complete: () => (result ? resolve(result) : reject(new Error('no result'))),
        },
      );
    });
  }

  /** The data of a request that must succeed. */
  async data<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const result = await this.request(document, variables);
    if (result.errors?.length || !result.data) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The error code of a request that must fail. */
  async errorCode<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<unknown> {
    const result = await this.request(document, variables);
    return result.errors?.[0]?.extensions?.code;
  }

  subscribe<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): EventCollector<TData> {
    const collector = new EventCollector<TData>();
    collector.unsubscribe = this.client.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (value) => collector.add(value as FormattedExecutionResult<TData>),
        error: (error: unknown) => collector.fail(error),
        complete: () => collector.finish(),
      },
    );
    return collector;
  }

  /** Drops the socket abruptly (no graceful complete), like a lost network. */
  drop(): void {
    this.client.terminate();
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** Collects a subscription's results and waits for the ones a test expects. */
export class EventCollector<TData> {
  readonly values: TData[] = [];
  readonly errors: unknown[] = [];
  completed = false;
  unsubscribe: () => void = () => undefined;
  #waiters: Array<() => void> = [];

  add(result: FormattedExecutionResult<TData>): void {
    if (result.errors?.length) this.errors.push(result.errors);
    if (result.data) this.values.push(result.data);
    this.#wake();
  }

  fail(error: unknown): void {
    this.errors.push(error);
    this.#wake();
  }

  finish(): void {
    this.completed = true;
    this.#wake();
  }

  /** Resolves with the first collected value that matches, waiting up to timeoutMs. */
  async waitFor(match: (value: TData) => boolean, timeoutMs = 5000): Promise<TData> {
    return this.#until(() => this.values.find(match), timeoutMs, 'a matching event');
  }

  async waitForCompletion(timeoutMs = 5000): Promise<void> {
    await this.#until(() => (this.completed ? true : undefined), timeoutMs, 'completion');
  }

  async waitForError(timeoutMs = 5000): Promise<unknown> {
    return this.#until(() => this.errors[0], timeoutMs, 'an error');
  }

  async #until<T>(read: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = read();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.values)} errors ${JSON.stringify(this.errors)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
}
