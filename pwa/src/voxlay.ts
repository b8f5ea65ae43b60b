import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import { noiseSuppressionAssets } from '@voxlay/core/noise-suppression/assets';
import { createVoxlayClient, SettingsStore, Signaling, type SettingsStorage, type VoxlayClient } from './core';

/**
 * The app's one connection to the server it was served from, made once by main.tsx (no module
 * state, nothing happens on import) and handed down through VoxlayContext.
 */
export interface VoxlayApp {
  /** HTTP queries and the WebSocket the participant's operations run on. */
  readonly client: VoxlayClient;
  readonly signaling: Signaling;
  /**
   * The app's ONE settings store (localStorage, or memory where storage is blocked). The lobby and
   * every Channel read and persist through it, so none can overwrite what another saved.
   */
  readonly settings: SettingsStore;
  /** A Channel on the app's client and settings; loads core's media code (mediasoup-client) on first use. */
  openChannel(): Promise<Channel>;
  /**
   * The same, at once, when the media code is already loaded (prepareWhenIdle ran), else null: Join
   * can then send its request in the click's own task, before anything renders.
   */
  openChannelNow(): Channel | null;
  /**
   * Loads the media code and prepares the join (WebSocket open, Device loaded) once the page is
   * idle, so clicking Join costs two round trips. A failure (offline, server down) is ignored: the
   * join prepares again.
   */
  prepareWhenIdle(): void;
}

/** Opens the client to `url` (its WebSocket connects now) and the settings store. */
export function startVoxlay(url: string): VoxlayApp {
  const client = createVoxlayClient({ url });
  const settings = new SettingsStore(settingsStorage());
  // The one lazy chunk: core's entry, with Channel and mediasoup-client; kept once loaded.
  let loaded: typeof import('@voxlay/core') | null = null;
  const media = async () => {
    loaded ??= await import('@voxlay/core');
    return loaded;
  };
  return {
    client,
    signaling: new Signaling(client.client),
    settings,
    async openChannel() {
      const { Channel } = await media();
      return new Channel({ client, settings, noiseSuppressionAssets });
    },
    openChannelNow() {
      return loaded ? new loaded.Channel({ client, settings, noiseSuppressionAssets }) : null;
    },
    prepareWhenIdle() {
      const run = (): void =>
        void media()
          .then(({ prepareVoice }) => prepareVoice(client))
          .catch((err: unknown) => console.debug('[voxlay] could not prepare the voice channel yet', err));
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1_000 });
      else setTimeout(run, 0);
    },
  };
}

function settingsStorage(): SettingsStorage {
  try {
    return window.localStorage; // throws in some privacy modes
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}

export const VoxlayContext = createContext<VoxlayApp | null>(null);

/** The app's VoxlayApp; fails clearly outside a VoxlayContext provider (urql's preact bindings do the same). */
export function useVoxlay(): VoxlayApp {
  const app = useContext(VoxlayContext);
  if (!app) throw new Error('useVoxlay() needs a <VoxlayContext.Provider> (main.tsx renders one)');
  return app;
}
