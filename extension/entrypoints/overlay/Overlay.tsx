import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantState } from '@voxlay/core/types';
import { Avatar, ChevronIcon, ConnectionBadge, GearIcon, HeadphonesIcon, MicIcon, VoicePanel } from '@voxlay/core/ui';
import type { ExtensionState } from '../../utils/messages';
import { extensionMicrophoneHelp } from '../../utils/microphoneHelp';
import { COMPACT_WIDTH, OverlayView, type OverlayPrefs } from '../../utils/prefs';
import { isCallActive } from '../../utils/state';
import { makeDraggable } from './drag';
import { leave, openOptions, remoteControls } from './remote';
import { makeResizable } from './resize';

export interface OverlayProps {
  state: ExtensionState;
  prefs: OverlayPrefs;
  /** Persist position / view (for this site). */
  onPrefs: (patch: Partial<OverlayPrefs>) => void;
  onHideSite: () => void;
  /** Shown when there is no call: the user opened it and may close it. */
  onClose?: () => void;
}

/** Which control gets focus after a view change took the pressed one away. */
type FocusAfter = 'pill' | 'toggle' | null;

/**
 * The floating voice window, a landmark of its own on any page. Compact by default (who is in the
 * call, who is speaking, mute and deafen); "More" expands it to core's whole VoicePanel (mode, leave,
 * settings, per-participant volume); it also shrinks to a pill. Dragged by its bar.
 */
export function Overlay({ state, prefs, onPrefs, onHideSite, onClose }: OverlayProps) {
  const box = useRef<HTMLElement>(null);
  const handle = useRef<HTMLElement>(null);
  const pill = useRef<HTMLButtonElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<FocusAfter>(null);
  const [pos, setPos] = useState({ right: prefs.right, bottom: prefs.bottom });
  const posRef = useRef(pos);
  posRef.current = pos;
  useEffect(() => setPos({ right: prefs.right, bottom: prefs.bottom }), [prefs.right, prefs.bottom]);
  const grip = useRef<HTMLHRElement>(null);
  const [width, setWidth] = useState(prefs.width);
  const widthRef = useRef(width);
  widthRef.current = width;
  useEffect(() => setWidth(prefs.width), [prefs.width]);

  useEffect(() => {
    if (!grip.current) return undefined;
    return makeResizable(
      grip.current,
      () => widthRef.current,
      setWidth,
      (w) => onPrefs({ width: w }),
    );
  }, [prefs.view, onPrefs]);

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
  }, [prefs.view, onPrefs]);

  useEffect(() => {
    const target = focusAfter.current === 'pill' ? pill.current : focusAfter.current === 'toggle' ? toggle.current : null;
    focusAfter.current = null;
    target?.focus();
  }, [prefs.view]);

  const setView = (view: OverlayView, focus: FocusAfter): void => {
    focusAfter.current = focus;
    onPrefs({ view });
  };

  const channelState = state.channel;
  const active = isCallActive(channelState);
  const anyoneSpeaking = channelState.participants.some((p) => p.speaking);
  const title = channelState.channel?.name ?? 'Voxlay';
  const style = { right: `${pos.right}px`, bottom: `${pos.bottom}px` };
  const setHandle = (el: HTMLElement | null): void => {
    handle.current = el;
  };

  if (prefs.view === OverlayView.Pill) {
    return (
      <aside class="vxo vx-root" aria-label="Voxlay voice" ref={box} style={style} data-testid="voxlay-overlay" data-view="pill">
        <button
          type="button"
          class="vxo__pill"
          ref={(el) => {
            setHandle(el);
            pill.current = el;
          }}
          data-testid="overlay-pill"
          title="Show the voice overlay"
          onClick={() => setView(OverlayView.Compact, 'toggle')}
        >
          <span class="vxo__dot" data-speaking={String(anyoneSpeaking)} aria-hidden="true" />
          <bdi class="vxo__pill-name">{title}</bdi>
          <span class="vxo__pill-count">
            {channelState.participants.length}
            <span class="vx-sr"> in the channel</span>
          </span>
          {active && channelState.muted && <span class="vxo__pill-muted">muted</span>}
          {active && channelState.recording && (
            <span class="vxo__pill-muted" data-testid="overlay-recording">
              Recording
            </span>
          )}
        </button>
      </aside>
    );
  }

  const expanded = prefs.view === OverlayView.Expanded;
  return (
    <aside
      class="vxo vx-root"
      aria-label="Voxlay voice"
      ref={box}
      style={style}
      data-testid="voxlay-overlay"
      data-view={expanded ? 'expanded' : 'compact'}
    >
      <div
        class={expanded ? 'vxo__frame vxo__frame--expanded' : 'vxo__frame vxo__frame--compact'}
        style={expanded ? undefined : { width: `${width}px` }}
      >
        {!expanded && (
          // A focusable <hr> (role separator) with a value is ARIA's window-splitter pattern: a resize grip.
          <hr
            class="vxo__grip"
            ref={grip}
            aria-orientation="vertical"
            aria-label="Overlay width (arrow keys)"
            aria-valuemin={COMPACT_WIDTH.min}
            aria-valuemax={COMPACT_WIDTH.max}
            aria-valuenow={width}
            tabIndex={0}
            data-testid="overlay-resize"
          />
        )}
        <div class="vxo__bar" ref={setHandle} data-testid="overlay-drag-handle">
          <span class="vxo__dot" data-speaking={String(anyoneSpeaking)} aria-hidden="true" />
          <span class="vxo__title" data-testid={expanded ? undefined : 'channel-name'}>
            <bdi>{expanded ? 'Voxlay' : title}</bdi>
          </span>
          {active && channelState.recording && (
            <span class="vxo__pill-muted" role="status" data-testid="overlay-recording">
              Recording
            </span>
          )}
          {expanded && (
            <>
              <button
                type="button"
                class="vxo__btn"
                data-testid="overlay-settings"
                aria-label="Voxlay settings"
                title="Settings"
                onClick={openOptions}
              >
                <GearIcon />
              </button>
              <button
                type="button"
                class="vxo__btn"
                data-testid="overlay-hide-site"
                title="Hide the overlay on this site"
                onClick={onHideSite}
              >
                Hide here
              </button>
            </>
          )}
          <button
            type="button"
            class="vxo__btn"
            ref={toggle}
            data-testid={expanded ? 'overlay-less' : 'overlay-expand'}
            aria-expanded={expanded}
            aria-label={expanded ? 'Show less' : 'More controls'}
            title={expanded ? 'Show less' : 'More: voice mode, leave, settings'}
            onClick={() => setView(expanded ? OverlayView.Compact : OverlayView.Expanded, 'toggle')}
          >
            <ChevronIcon open={!expanded} />
          </button>
          <button
            type="button"
            class="vxo__btn"
            data-testid="overlay-collapse"
            aria-label="Shrink to a pill"
            title="Shrink to a pill"
            onClick={() => setView(OverlayView.Pill, 'pill')}
          >
            <span aria-hidden="true">—</span>
          </button>
          {onClose && (
            <button type="button" class="vxo__btn" data-testid="overlay-close" aria-label="Close" title="Close" onClick={onClose}>
              <span aria-hidden="true">✕</span>
            </button>
          )}
        </div>
        {expanded ? (
          <VoicePanel
            state={channelState}
            controls={remoteControls}
            onLeave={active ? leave : undefined}
            fallbackTitle="Voxlay"
            microphoneHelp={channelState.microphone?.error ? extensionMicrophoneHelp(channelState.microphone.error.code) : undefined}
          >
            {!active && <p class="vxo__hint">Join a channel from the Voxlay toolbar button.</p>}
          </VoicePanel>
        ) : (
          <CompactCall state={state} />
        )}
      </div>
    </aside>
  );
}

/** The compact body: who is here and who is speaking, then mute and deafen. */
function CompactCall({ state }: { state: ExtensionState }) {
  const channelState = state.channel;
  const active = isCallActive(channelState);
  if (!active) {
    return (
      <p class="vxo__hint" data-testid="overlay-idle">
        Not in a channel. Join one from the Voxlay toolbar button.
      </p>
    );
  }
  return (
    <div class="vxo__body">
      {channelState.connectionState !== 'connected' && (
        <div class="vxo__status">
          <ConnectionBadge state={channelState.connectionState} />
        </div>
      )}
      {channelState.error && (
        <p class="vxo__error" role="alert" data-testid="session-error">
          {channelState.error.message}
        </p>
      )}
      <ul class="vxo__people" aria-label="Participants" data-testid="participant-list">
        {channelState.participants.map((p) => (
          <CompactRow key={p.id} participant={p} deafened={p.isLocal && channelState.deafened} />
        ))}
      </ul>
      <div class="vxo__actions">
        <button
          type="button"
          class={channelState.muted ? 'vxo__action vxo__action--on' : 'vxo__action'}
          aria-pressed={channelState.muted}
          data-testid="mute-button"
          onClick={() => void remoteControls.setMuted(!channelState.muted)}
        >
          <MicIcon off={channelState.muted} />
          <span>{channelState.muted ? 'Muted' : 'Mute'}</span>
        </button>
        <button
          type="button"
          class={channelState.deafened ? 'vxo__action vxo__action--on' : 'vxo__action'}
          aria-pressed={channelState.deafened}
          data-testid="deafen-button"
          onClick={() => void remoteControls.setDeafened(!channelState.deafened)}
        >
          <HeadphonesIcon off={channelState.deafened} />
          <span>{channelState.deafened ? 'Deafened' : 'Deafen'}</span>
        </button>
      </div>
    </div>
  );
}

function CompactRow({ participant: p, deafened }: { participant: ParticipantState; deafened: boolean }) {
  return (
    <li
      class={p.speaking ? 'vxo__person vxo__person--speaking' : 'vxo__person'}
      data-testid="participant"
      data-speaking={String(p.speaking)}
      data-muted={String(p.muted)}
      data-local={String(p.isLocal)}
    >
      <Avatar displayName={p.displayName} />
      <bdi class="vxo__name" data-testid="participant-name">
        {p.displayName}
      </bdi>
      {p.isLocal && <span class="vx-sr"> (you)</span>}
      {p.speaking && <span class="vx-sr">, speaking</span>}
      {p.muted && (
        <span class="vxo__icon" title="Muted">
          <MicIcon off />
          <span class="vx-sr">, muted</span>
        </span>
      )}
      {deafened && (
        <span class="vxo__icon" title="Deafened">
          <HeadphonesIcon off />
          <span class="vx-sr">, deafened</span>
        </span>
      )}
    </li>
  );
}
