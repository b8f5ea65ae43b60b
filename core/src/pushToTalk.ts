/** What bindPushToTalkKey needs from a Channel. */
export interface PushToTalkTarget {
  readonly state: { pttKey: string };
  setPushToTalk(pressed: boolean): void;
}

const isEditable = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
};

/** Keys that press a focused button, link or radio: on one of those they press it, they do not talk. */
const PRESS_KEYS = new Set(['Space', 'Enter', 'NumpadEnter']);
const PRESSABLE =
  'button, a[href], summary, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]';

/** The element the key was pressed in, inside a shadow root too (e.target is then the host, e.g. the extension overlay). */
const origin = (e: Event): EventTarget | null => (typeof e.composedPath === 'function' ? (e.composedPath()[0] ?? e.target) : e.target);

const pressesFocused = (e: KeyboardEvent): boolean => {
  const el = origin(e) as Element | null;
  return PRESS_KEYS.has(e.code) && !!el && typeof el.closest === 'function' && el.closest(PRESSABLE) !== null;
};

/**
 * Holds push-to-talk while the Channel's `pttKey` (KeyboardEvent.code) is down in `target`
 * (default window). Ignores typing in fields, key repeat, and Space or Enter on a focused button
 * (which presses the button, as everywhere else); releases on blur. Returns the undo.
 */
export function bindPushToTalkKey(channel: PushToTalkTarget, target: EventTarget = window): () => void {
  const down = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (e.code !== channel.state.pttKey || e.repeat || isEditable(origin(e)) || pressesFocused(e)) return;
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
