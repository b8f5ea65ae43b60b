/// <reference lib="dom" />
// The Voxlay path of the benchmark suite "join" (bench/suites/join.ts bundles this page): the product
// client (core's Channel). Prepared variant: prepare(serverUrl) runs BEFORE the clock, as an
// open app has done it: the client opens its graphql-ws WebSocket (connection_init/ack) and the
// session loads the mediasoup-client Device with the router capabilities (HTTP query +
// Device.load); join() is the click: JoinChannel with the Device's capabilities, then
// ConnectRecvTransport (DTLS connect + resume in one request); the microphone (ConnectTransport +
// Produce) once the channel is heard. Cold variant: joinCold() does all of it inside the clock.
// HTTP requests are recorded beside the WebSocket messages in window.__benchWs (type http / http-reply).
import { Channel, createVoxlayClient, memoryStorage, type VoxlayClient } from '@voxlay/core';

interface BenchWindow {
  __benchNow: () => number;
  __benchWs: Array<{ dir: 'out' | 'in'; at: number; msg: { type: string; id: string; op?: string } }>;
}

const w = window as unknown as Window & BenchWindow;
const nativeFetch = window.fetch.bind(window);
let nextHttpId = 1;
window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const id = `http-${nextHttpId++}`;
  let op: string | undefined;
  try {
    // urql sends queries as GET (?query=) when the URL stays short, else as a POST body.
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const query = url.searchParams.get('query') ?? (JSON.parse(String(init?.body ?? '{}')) as { query?: string }).query ?? '';
    const m = /(?:^|\s)(query|mutation)\s+(\w+)/.exec(query);
    op = m ? `HTTP ${m[1]} ${m[2]}` : undefined;
  } catch {
    op = undefined;
  }
  w.__benchWs.push({ dir: 'out', at: w.__benchNow(), msg: { type: 'http', id, ...(op ? { op } : {}) } });
  const response = await nativeFetch(input, init);
  w.__benchWs.push({ dir: 'in', at: w.__benchNow(), msg: { type: 'http-reply', id } });
  return response;
};

let client: VoxlayClient | undefined;
let session: Channel | undefined;

const voxlayJoin = {
  /** What an open app has done before the user clicks: WebSocket connected, Device loaded. */
  async prepare(serverUrl: string): Promise<void> {
    if (session) throw new Error('already prepared');
    client = createVoxlayClient({ url: serverUrl });
    session = new Channel({ client, storage: memoryStorage() });
    await session.prepare();
    if (!client.connected) throw new Error('the WebSocket did not connect while preparing');
  },
  /** The click. Resolves when joined (first audio is seen by the init script). */
  async join(channelId: string, displayName: string): Promise<void> {
    if (!session) throw new Error('prepare first');
    await session.join({ channelId, displayName });
  },
  /** Everything inside the clock: client, WebSocket, capabilities, Device, join. */
  async joinCold(serverUrl: string, channelId: string, displayName: string): Promise<void> {
    if (session) throw new Error('already prepared');
    client = createVoxlayClient({ url: serverUrl });
    session = new Channel({ client, storage: memoryStorage() });
    await session.join({ channelId, displayName });
  },
  async leave(): Promise<void> {
    await session?.leave();
    session?.close();
    client?.close();
    session = undefined;
    client = undefined;
  },
};

// What the bench's page helpers wait for (window.voxlayReady) and call.
Object.assign(window, { voxlayJoin, voxlayReady: true });
