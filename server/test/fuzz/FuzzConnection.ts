// A raw graphql-ws connection for fuzzing: any document, any variables; errors come back as data.
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type Result = FormattedExecutionResult<Record<string, unknown>>;

export class FuzzConnection {
  readonly client: Client;
  closed = false;

  constructor(url: string) {
    this.client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: { closed: () => (this.closed = true) },
    });
  }

  /** A query or mutation: its result, or the errors it was refused with. */
  request(query: string, variables: Record<string, unknown>): Promise<Result> {
    return new Promise((resolve, reject) => {
      let result: Result | undefined;
      this.client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (value) => (result = value as Result),
          error: (error: unknown) => (Array.isArray(error) ? resolve({ errors: error as GraphQLFormattedError[] }) : reject(error)),
          complete: () => resolve(result ?? { errors: [] }),
        },
      );
    });
  }

  /**
   * A subscription: whatever arrives until the server has answered a query sent right after it on
   * the same connection (plus `ms`), then it is stopped. The query's answer is the acknowledgement
   * that the server got to the subscription: under load both are late alike, unlike a fixed wait.
   */
  async subscribeBriefly(query: string, variables: Record<string, unknown>, ms = 15): Promise<Result[]> {
    const results: Result[] = [];
    let stop: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      stop = this.client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (value) => results.push(value as Result),
          error: (error: unknown) => {
            results.push({ errors: Array.isArray(error) ? (error as GraphQLFormattedError[]) : [{ message: String(error) }] });
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
    const acknowledged = this.request('{ __typename }', {}).then(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    await Promise.race([ended, acknowledged.catch(() => undefined)]);
    stop();
    return results;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
