import { type AnyVariables, type Client, createRequest, type TypedDocumentNode } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { fromCombinedError, ErrorCode, VoxlayError } from '../errors';

/**
 * Promise-shaped calls over the urql client, typed by the generated documents. Errors become
 * VoxlayError with the server's `extensions.code`.
 */
export class Signaling {
  constructor(private readonly client: Client) {}

  /**
   * Prints and keys `documents` now. urql does it on a document's first use, which for a join's
   * documents is inside the click (about a millisecond each on a fresh page, before the request
   * goes out).
   */
  static prepare(documents: readonly DocumentNode[]): void {
    for (const document of documents) createRequest(document, undefined);
  }

  async query<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    const result = await this.client.query(document, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) throw fromCombinedError(result.error);
    if (!result.data) throw new VoxlayError(ErrorCode.NETWORK_ERROR, 'empty response');
    return result.data;
  }

  async mutate<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    const result = await this.client.mutation(document, variables).toPromise();
    if (result.error) throw fromCombinedError(result.error);
    if (!result.data) throw new VoxlayError(ErrorCode.NETWORK_ERROR, 'empty response');
    return result.data;
  }

  /** Returns the unsubscribe function. `onError` gets GraphQL and network errors. */
  subscribe<D, V extends AnyVariables>(
    document: TypedDocumentNode<D, V>,
    variables: V,
    onData: (data: D) => void,
    onError: (error: VoxlayError) => void,
  ): () => void {
    const { unsubscribe } = this.client.subscription(document, variables).subscribe((result) => {
      if (result.error) onError(fromCombinedError(result.error));
      else if (result.data) onData(result.data);
    });
    return unsubscribe;
  }
}
