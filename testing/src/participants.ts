import type { VoxlayApp } from '../../server/src/app.js';
import { TestClient } from './client.js';
import { joinOver, type Member } from './session.js';
import { waitFor } from './wait.js';

export interface JoinOptions {
  /** Default: the default channel. */
  channelId?: string;
  /** Default: the routers' RTP capabilities (the participant receives audio); null joins without (it receives none). */
  rtpCapabilities?: unknown;
}

/**
 * The clients and joined participants of one server integration test, for its clean-up: start one
 * per test app, open clients with `connect` and participants with `join`, and call `closeAll()` after
 * each test; it closes them and waits until the server holds no participant, so the next test starts
 * with empty channels.
 */
export class TestParticipants {
  readonly #clients: TestClient[] = [];

  constructor(private readonly app: VoxlayApp) {}

  /** The default channel's id. */
  get lobby(): string {
    return this.app.channels.defaultChannel.id;
  }

  /** The routers' RTP capabilities (every router shares one codec set), what a client Device loads. */
  get rtpCapabilities(): unknown {
    return this.app.channels.defaultChannel.rtpCapabilities;
  }

  /** A new client of this test (a token, another client address, headers: TestClient's options); closeAll closes it. */
  connect(options: ConstructorParameters<typeof TestClient>[1] = {}): TestClient {
    const client = new TestClient(this.app.url, options);
    this.#clients.push(client);
    return client;
  }

  /** Joins as `displayName` over a new client, its participantEvents subscription running. */
  join(displayName: string, options: JoinOptions = {}): Promise<Member> {
    return this.joinOver(this.connect(), displayName, options);
  }

  /** Joins as `displayName` over `client` (e.g. one with a token), its participantEvents subscription running. */
  joinOver(client: TestClient, displayName: string, { channelId = this.lobby, rtpCapabilities }: JoinOptions = {}): Promise<Member> {
    const capabilities = rtpCapabilities === undefined ? this.rtpCapabilities : (rtpCapabilities ?? undefined);
    return joinOver(client, channelId, displayName, capabilities);
  }

  /** Closes every client of this test, then waits (at most 5 s) until the server holds no participant. */
  async closeAll(): Promise<void> {
    await Promise.all(this.#clients.splice(0).map((client) => client.close()));
    await waitFor(
      () => this.app.channels.participantCount,
      (count) => count === 0,
      { message: 'every participant to be gone', timeoutMs: 5000, intervalMs: 20 },
    );
  }
}
