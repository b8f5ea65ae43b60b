import { request } from 'node:http';
import type { VoxlayApp } from '../../../src/app.js';

export interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/**
 * A GraphQL POST from a chosen client: `localAddress` binds the socket to another loopback address
 * (127.0.0.x), `bearer` adds the token, `headers` anything else (X-Forwarded-For). A new connection
 * each time (no keep-alive), so only the address and identity are shared between calls.
 */
export function graphqlFrom(
  app: VoxlayApp,
  query: string,
  variables: Record<string, unknown> = {},
  options: { localAddress?: string; bearer?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLAnswer> {
  const url = new URL('/graphql', app.url);
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(options.bearer === undefined ? {} : { authorization: `Bearer ${options.bearer}` }),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as GraphQLAnswer['body'] });
          } catch (error) {
            reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}`, { cause: error }));
          }
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The error code of an answer's first error (undefined when it has none). */
export const codeOf = (answer: GraphQLAnswer | { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }): unknown =>
  ('body' in answer ? answer.body.errors : answer.errors)?.[0]?.extensions?.code;
