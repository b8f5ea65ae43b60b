/** What bindPushToTalkKey needs from a Channel. */
export interface PushToTalkTarget {
  readonly state: { pttKey: string };
  setPushToTalk(pressed: boolean): void;
}

const isEditable = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
};

/**
 * Holds push-to-talk while the Channel's `pttKey` (KeyboardEvent.code) is down in `target`
 * (default window). Ignores typing in fields and key repeat; releases on blur. Returns the undo.
 */
export function bindPushToTalkKey(channel: PushToTalkTarget, target: EventTarget = window): () => void {
  const down = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (e.code !== channel.state.pttKey || e.repeat || isEditable(e.target)) return;
    e.preventDefault();
    channel.setPushToTalk(true);
  };
  const up = (event: Event): void => {
    if ((event as KeyboardEvent).code === channel.state.pttKey) channel.setPushToTalk(false);
  };
  const release = (): void => channel.setPushToTalk(false);
  target.addEventListener('keydown', down);
  target.addEventListener('keyup', up);
  target.addEventListener('blur', release);
  return () => {
    target.removeEventListener('keydown', down);
    target.removeEventListener('keyup', up);
    target.removeEventListener('blur', release);
    release();
  };
}
