import { useEffect, useRef, useState } from 'preact/hooks';
import { VoicePanel } from '@voxlay/core/ui';
import type { ExtensionState } from '../../utils/messages';
import type { OverlayPrefs } from '../../utils/prefs';
import { isCallActive } from '../../utils/state';
import { makeDraggable } from './drag';
import { leave, remoteControls } from './remote';

export interface OverlayProps {
  state: ExtensionState;
  prefs: OverlayPrefs;
  /** Persist position / collapsed. */
  onPrefs: (patch: Partial<OverlayPrefs>) => void;
  onHideSite: () => void;
  /** Shown when there is no call: the user opened it and may close it. */
  onClose?: () => void;
}

/** The floating voice window: a drag bar, core's VoicePanel, or a small pill when collapsed. */
export function Overlay({ state, prefs, onPrefs, onHideSite, onClose }: OverlayProps) {
  const box = useRef<HTMLDivElement>(null);
  const handle = useRef<HTMLElement>(null);
  const [pos, setPos] = useState({ right: prefs.right, bottom: prefs.bottom });
  const posRef = useRef(pos);
  posRef.current = pos;
  useEffect(() => setPos({ right: prefs.right, bottom: prefs.bottom }), [prefs.right, prefs.bottom]);

  useEffect(() => {
    if (!handle.current || !box.current) return undefined;
    let moved = false;
    const undo = makeDraggable(
      handle.current,
      box.current,
      () => {
        moved = false;
        return posRef.current;
      },
      (p) => {
        moved = true;
        setPos(p);
      },
      (p) => onPrefs(p),
    );
    // A drag on the pill must not also expand it.
    const click = (e: Event): void => {
      if (moved) e.stopImmediatePropagation();
      moved = false;
    };
    const el = handle.current;
    el.addEventListener('click', click, true);
    return () => {
      undo();
      el.removeEventListener('click', click, true);
    };
  }, [prefs.collapsed, onPrefs]);

  const channelState = state.channel;
  const local = channelState.participants.find((p) => p.isLocal);
  const anyoneSpeaking = channelState.participants.some((p) => p.speaking);
  const style = { right: `${pos.right}px`, bottom: `${pos.bottom}px` };

  if (prefs.collapsed) {
    return (
      <div class="vxo vx-root" ref={box} style={style} data-testid="voxlay-overlay" data-collapsed="true">
        <button
          type="button"
          class="vxo__pill"
          ref={(el) => {
            handle.current = el;
          }}
          data-testid="overlay-pill"
          title="Expand the voice overlay"
          onClick={() => onPrefs({ collapsed: false })}
        >
          <span class="vxo__dot" data-speaking={String(anyoneSpeaking)} />
          <bdi class="vxo__pill-name">{channelState.channel?.name ?? 'Voxlay'}</bdi>
          <span class="vxo__pill-count" title="Participants">
            {channelState.participants.length}
          </span>
          {local && channelState.muted && <span class="vxo__pill-muted">muted</span>}
        </button>
      </div>
    );
  }

  return (
    <div class="vxo vx-root" ref={box} style={style} data-testid="voxlay-overlay" data-collapsed="false">
      <div class="vxo__frame">
        <div
          class="vxo__bar"
          ref={(el) => {
            handle.current = el;
          }}
          data-testid="overlay-drag-handle"
        >
          <span class="vxo__brand">Voxlay</span>
          <button type="button" class="vxo__btn" data-testid="overlay-hide-site" title="Hide the overlay on this site" onClick={onHideSite}>
            Hide here
          </button>
          <button
            type="button"
            class="vxo__btn"
            data-testid="overlay-collapse"
            title="Collapse to a pill"
            onClick={() => onPrefs({ collapsed: true })}
          >
            —
          </button>
          {onClose && (
            <button type="button" class="vxo__btn" data-testid="overlay-close" title="Close" onClick={onClose}>
              ✕
            </button>
          )}
        </div>
        <VoicePanel
          state={channelState}
          controls={remoteControls}
          onLeave={isCallActive(channelState) ? leave : undefined}
          fallbackTitle="Voxlay"
        >
          {!isCallActive(channelState) && <p class="vxo__hint">Join a channel from the Voxlay toolbar button.</p>}
        </VoicePanel>
      </div>
    </div>
  );
}
