import { useEffect, useRef } from 'preact/hooks';
import type { CallControls } from '@voxlay/core';
import type { ChannelState } from '../core';

export interface CallShortcutKeys {
  /** KeyboardEvent.code toggling mute, '' = none. */
  muteKey: string;
  /** KeyboardEvent.code toggling deafen, '' = none. */
  deafenKey: string;
}

const isTyping = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
};

/**
 * The mute and deafen shortcuts in the window while `enabled`: a key press (no repeat, no Ctrl, Alt
 * or Meta, not while typing in a field) toggles mute or deafen.
 */
export function useCallShortcuts(
  controls: CallControls,
  state: Pick<ChannelState, 'deafened'>,
  keys: CallShortcutKeys,
  enabled: boolean,
): void {
  const deafened = useRef(state.deafened);
  deafened.current = state.deafened;
  const { muteKey, deafenKey } = keys;
  useEffect(() => {
    if (!enabled || (!muteKey && !deafenKey)) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented || isTyping(e.target)) return;
      if (muteKey && e.code === muteKey) {
        e.preventDefault();
        void controls.toggleMute().catch(() => undefined); // failures show in the panel
      } else if (deafenKey && e.code === deafenKey) {
        e.preventDefault();
        void controls.setDeafened(!deafened.current).catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controls, muteKey, deafenKey, enabled]);
}
