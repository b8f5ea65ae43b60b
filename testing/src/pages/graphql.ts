// What every test and bench page that talks to the server without core needs (it runs in the
// browser, bundled with the page): one GraphQL operation over graphql-ws, and a transport's options
// as mediasoup-client takes them.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import type { types } from 'mediasoup-client';
import type { TransportOptionsFieldsFragment } from '../../../core/src/graphql/__generated__/graphql.js';

/** Sends one operation over the WebSocket and resolves with its data; rejects with the GraphQL errors, or the socket's close code and reason. */
export function execute<R, V extends Record<string, unknown>>(client: Client, doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let data: R | undefined;
    client.subscribe<R>(
      { query: print(doc), variables },
      {
        next: (result) => {
          if (result.errors?.length) reject(new Error(result.errors.map((e) => e.message).join('; ')));
          else data = result.data ?? undefined;
        },
        error: (err) =>
          reject(
            err instanceof Error
              ? err
              : new Error(
                  `socket: ${JSON.stringify(err instanceof Object && 'code' in err ? { code: (err as { code: number }).code, reason: (err as { reason?: string }).reason } : err)}`,
                ),
          ),
        complete: () => (data === undefined ? reject(new Error('no data')) : resolve(data)),
      },
    );
  });
}

/** A transport's options from the server, as mediasoup-client's Device takes them. */
export function transportOptions(t: TransportOptionsFieldsFragment): types.TransportOptions {
  return {
    id: String(t.id),
    iceParameters: t.iceParameters as types.IceParameters,
    iceCandidates: t.iceCandidates as types.IceCandidate[],
    dtlsParameters: t.dtlsParameters as types.DtlsParameters,
  };
}
