import { useEffect, useState } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import type { ChannelState } from '../core';

/** The Channel's current state snapshot, re-rendering on every change. */
export function useChannelState(channel: Channel): ChannelState {
  const [state, setState] = useState(() => channel.state);
  useEffect(() => {
    setState(channel.state); // it may have changed between render and effect
    return channel.subscribe(setState);
  }, [channel]);
  return state;
}
