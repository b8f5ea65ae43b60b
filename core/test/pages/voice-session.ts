/// <reference lib="dom" />
// A page with the product client: core's Channel over createVoxlayClient, with a token. The
// test (core/test/browser/removed.test.ts) joins through it and reads the session's state.
import { createVoxlayClient, type VoxlayClient } from '../../src/index';
import { memoryStorage } from '../../src/index';
import { Channel } from '../../src/index';

let client: VoxlayClient | undefined;
let session: Channel | undefined;
/** Every connection state the session went through, in order. */
const states: string[] = [];

const voiceSession = {
  async join(serverUrl: string, token: string, channelId: string): Promise<void> {
    client = createVoxlayClient({ url: serverUrl, token });
    session = new Channel({ client, storage: memoryStorage() });
    session.on('connectionStateChanged', (next) => states.push(next));
    await session.join({ channelId, displayName: 'ignored' });
  },
  state(): { connectionState: string; participantId: string | null; error: { code: string; message: string } | null; states: string[] } {
    const state = session?.state;
    return {
      connectionState: state?.connectionState ?? 'none',
      participantId: state?.localParticipantId ?? null,
      error: state?.error ?? null,
      states: [...states],
    };
  },
  close(): void {
    session?.close();
    client?.close();
  },
};

Object.assign(window, { voiceSession, voxlayReady: true });
