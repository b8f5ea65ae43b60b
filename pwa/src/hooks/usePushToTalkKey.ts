import { useEffect } from 'preact/hooks';
import { bindPushToTalkKey } from '../core';
import type { SessionHandle } from '../session';

/** Holding the session's push-to-talk key in the window talks (core's binding: no repeat, not in fields). */
export function usePushToTalkKey(session: SessionHandle, enabled: boolean): void {
  useEffect(() => (enabled ? bindPushToTalkKey(session) : undefined), [session, enabled]);
}
