import { useEffect } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import { bindPushToTalkKey } from '../core';

/** Holding the Channel's push-to-talk key in the window talks (core's binding: no repeat, not in fields). */
export function usePushToTalkKey(channel: Channel, enabled: boolean): void {
  useEffect(() => (enabled ? bindPushToTalkKey(channel) : undefined), [channel, enabled]);
}
