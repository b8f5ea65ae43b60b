import { bindPushToTalkKey } from '@voxlay/core/push-to-talk';
import { VoiceMode, type ChannelState } from '@voxlay/core/types';
import { remoteControls, toggleMute } from './remote';

const isEditable = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
};

/** In-page mute key (the `commands` shortcut, Alt+Shift+M by default, works from anywhere). */
export const MUTE_KEY = { code: 'KeyM', altKey: true } as const;

/**
 * Keyboard on the focused page: hold the session's PTT key (only in push-to-talk mode, so Space
 * keeps scrolling otherwise) and Alt+M to toggle mute. Returns the undo.
 */
export function bindKeys(state: Pick<ChannelState, 'mode' | 'pttKey'>): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.code !== MUTE_KEY.code || !e.altKey || e.shiftKey || e.ctrlKey || e.metaKey || e.repeat || isEditable(e.target)) return;
    e.preventDefault();
    toggleMute();
  };
  window.addEventListener('keydown', onKey, true);
  const unbindPtt =
    state.mode === VoiceMode.PushToTalk
      ? bindPushToTalkKey({ state: { pttKey: state.pttKey }, setPushToTalk: (p) => remoteControls.setPushToTalk(p) })
      : null;
  return () => {
    window.removeEventListener('keydown', onKey, true);
    unbindPtt?.();
  };
}
