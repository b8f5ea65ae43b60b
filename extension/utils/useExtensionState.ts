import { useEffect, useState } from 'preact/hooks';
import type { ExtensionState } from './messages';
import { idleChannelState } from './state';
import { connectState } from './stateClient';

/** The live Channel state for an extension page (popup, options), pushed by the background. */
export function useExtensionState(): ExtensionState {
  const [state, setState] = useState<ExtensionState>(() => ({ channel: idleChannelState(), serverUrl: null }));
  useEffect(() => connectState((next) => setState(next ?? { channel: idleChannelState(), serverUrl: null })), []);
  return state;
}
