import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import { fromCombinedError, ErrorCode, VoxlayError } from '../errors';

/**
 * Promise-shaped calls over the urql client, typed by the generated documents. Errors become
 * VoxlayError with the server's `extensions.code`.
 */
export class Signaling {
  constructor(private readonly client: Client) {}

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
