import { startApp, type ServerConfig, type VoxlayApp } from '../../../src/app.js';

/** A real app on an ephemeral port with one worker, its WebRTC media on free ports (rtcPort 0). */
export function startTestApp(overrides: Partial<ServerConfig> = {}): Promise<VoxlayApp> {
  return startApp({
    port: 0,
    host: '127.0.0.1',
    numWorkers: 1,
    listenIp: '127.0.0.1',
    announcedAddress: undefined,
    disconnectGraceMs: 200,
    logLevel: 'silent',
    rtcPort: 0,
    staticDir: undefined,
    ...overrides,
  });
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

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
