import { useEffect, useState } from 'preact/hooks';
import type { ChannelState } from '../core';
import type { SessionHandle } from '../session';

/** The session's current state snapshot, re-rendering on every change. */
export function useVoiceSession(session: SessionHandle): ChannelState {
  const [state, setState] = useState(() => session.state);
  useEffect(() => {
    setState(session.state); // it may have changed between render and effect
    return session.subscribe(setState);
  }, [session]);
  return state;
}
