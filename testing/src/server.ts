// The test server: the real app (HTTP + graphql-ws + mediasoup workers) in this process, with the one
// default configuration every test, harness and the benchmark start from.
import { startApp, type ServerConfig, type VoxlayApp } from '../../server/src/app.js';

export type { ServerConfig, VoxlayApp };

/**
 * What a test server runs with unless told otherwise: an ephemeral HTTP port on loopback, one worker,
 * its WebRTC media on free ports (rtcPort 0), a 200 ms disconnect grace, no log (VOXLAY_TEST_LOG_LEVEL
 * sets a level to debug a test), no static files (the PWA tests set staticDir).
 */
export const TEST_SERVER_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  numWorkers: 1,
  listenIp: '127.0.0.1',
  announcedAddress: undefined,
  disconnectGraceMs: 200,
  logLevel: process.env.VOXLAY_TEST_LOG_LEVEL ?? 'silent',
  rtcPort: 0,
  staticDir: undefined,
} satisfies Partial<ServerConfig>;

/** A real app with TEST_SERVER_DEFAULTS under `overrides`. */
export function startTestApp(overrides: Partial<ServerConfig> = {}): Promise<VoxlayApp> {
  return startApp({ ...TEST_SERVER_DEFAULTS, ...overrides });
}

export async function postGraphQL(
  app: VoxlayApp,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Awaited<ReturnType<typeof postGraphQL>>;
}
