/** @jsxImportSource preact */
import type { JSX, Ref } from 'preact';
import { useState } from 'preact/hooks';
import { isolate } from '../names.js';
import { PARTICIPANT_STATUS_LABELS, participantStatus, type ParticipantStatus } from '../participants/status.js';
import type { ParticipantState } from '../types.js';
import { Avatar } from './Avatar.js';
import { LevelMeter } from './LevelMeter.js';
import { CameraIcon, ChevronIcon, HeadphonesIcon, ListenOnlyIcon, MicIcon, MoreIcon, PushToTalkIcon } from './icons.js';
import { QualityBars } from './QualityBars.js';
import { useLongPress } from './useLongPress.js';

/** The icon of a status that is not plain speaking or idle (each a different shape, not only a color). */
function StatusIcon({ status }: { status: ParticipantStatus }) {
  const title = PARTICIPANT_STATUS_LABELS[status];
  const icon =
    status === 'muted' ? (
      <MicIcon off />
    ) : status === 'deafened' ? (
      <HeadphonesIcon off />
    ) : status === 'push-to-talk-idle' ? (
      <PushToTalkIcon />
    ) : status === 'listen-only' ? (
      <ListenOnlyIcon />
    ) : null;
  if (!icon) return null;
  return (
    <span
      class={`vx-participant__status vx-participant__status--${status}`}
      title={title}
      data-testid={status === 'muted' ? 'participant-muted-icon' : 'participant-status-icon'}
    >
      {icon}
    </span>
  );
}

/** Where a row sits in a (virtualised) list: only some rows are in the DOM, so each says its place. */
export interface RowPosition {
  /** 0-based index in the list. */
  index: number;
  /** Rows in the whole list (aria-setsize). */
  setSize: number;
}

export interface ParticipantRowProps {
  participant: ParticipantState;
  /** Remote audio is not played (we are deafened): remote rows look dimmed. */
  deafened?: boolean;
  /** Outside the channel's active speaker set (last-N): listed, but not heard right now. */
  unheard?: boolean;
  /** Remote only: playback volume 0..2. */
  onVolumeChange?: (participantId: string, volume: number) => void;
  /** Remote only: stop playing this participant for us. */
  onLocallyMutedChange?: (participantId: string, muted: boolean) => void;
  /** Controlled expansion (a virtualised list keeps it while the row scrolls out); uncontrolled when absent. */
  open?: boolean;
  onOpenChange?: (participantId: string, open: boolean) => void;
  /** In a virtualised list: position, placement and the measuring ref. */
  position?: RowPosition;
  style?: JSX.CSSProperties;
  rowRef?: Ref<HTMLLIElement>;
  /** Roving focus in a list: 0 for the row that takes Tab, -1 for the others. */
  tabIndex?: number;
  /** The list is the last one known (the connection dropped): not live. */
  stale?: boolean;
  /**
   * Remote only: open the participant menu (ParticipantMenu) at `at` (viewport coordinates), from a
   * right-click, a long-press, the row's menu button, Shift+F10 or the ContextMenu key.
   */
  onMenu?: (participantId: string, at: { x: number; y: number }) => void;
  /** This row's menu is open. */
  menuOpen?: boolean;
}

/**
 * One participant: avatar with a speaking ring, name, muted icon and level meter. A remote row
 * expands to a volume slider and a local mute toggle.
 */
export function ParticipantRow({
  participant: p,
  deafened = false,
  unheard = false,
  onVolumeChange,
  onLocallyMutedChange,
  open: controlledOpen,
  onOpenChange,
  position,
  style,
  rowRef,
  tabIndex,
  stale = false,
  onMenu,
  menuOpen = false,
}: ParticipantRowProps) {
  const status = participantStatus(p);
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (next: boolean): void => {
    if (onOpenChange) onOpenChange(p.id, next);
    else setOwnOpen(next);
  };
  const canExpand = !p.isLocal && (onVolumeChange !== undefined || onLocallyMutedChange !== undefined);
  const detailsId = `vx-participant-${p.id}-details`;
  const silenced = !p.isLocal && (p.locallyMuted || deafened);
  const classes = ['vx-participant'];
  if (p.speaking) classes.push('vx-participant--speaking');
  if (silenced) classes.push('vx-participant--silenced');
  if (unheard) classes.push('vx-participant--unheard');
  if (stale) classes.push('vx-participant--stale');
  const statusWords = PARTICIPANT_STATUS_LABELS[status];
  const hasMenu = !p.isLocal && onMenu !== undefined;
  const longPress = useLongPress(hasMenu, (at) => onMenu?.(p.id, at));
  /** From the keyboard: below the row's start, where the eye already is. */
  const openFromRow = (row: Element): void => {
    const rect = row.getBoundingClientRect();
    onMenu?.(p.id, { x: rect.left + 16, y: rect.bottom });
  };
  const onContextMenu = (e: MouseEvent): void => {
    if (!hasMenu) return;
    e.preventDefault();
    // A keyboard-made contextmenu (Shift+F10, ContextMenu key) has no pointer position.
    if (e.clientX === 0 && e.clientY === 0) openFromRow(e.currentTarget as Element);
    else onMenu?.(p.id, { x: e.clientX, y: e.clientY });
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (!hasMenu || e.target !== e.currentTarget) return;
    if (e.key !== 'ContextMenu' && !(e.shiftKey && e.key === 'F10')) return;
    e.preventDefault();
    openFromRow(e.currentTarget as Element);
  };

  return (
    <li
      class={classes.join(' ')}
      ref={rowRef}
      style={style}
      tabIndex={tabIndex}
      aria-setsize={position?.setSize}
      aria-posinset={position ? position.index + 1 : undefined}
      data-index={position?.index}
      data-testid="participant"
      data-participant-id={p.id}
      data-local={p.isLocal ? 'true' : 'false'}
      data-speaking={p.speaking ? 'true' : 'false'}
      data-muted={p.muted ? 'true' : 'false'}
      data-locally-muted={p.locallyMuted ? 'true' : 'false'}
      data-active={p.active ? 'true' : 'false'}
      data-heard={unheard ? 'false' : 'true'}
      data-status={status}
      data-deafened={p.deafened ? 'true' : 'false'}
      data-listen-only={p.listenOnly ? 'true' : 'false'}
      data-live={p.live ? 'true' : 'false'}
      data-camera={p.cameraOn ? 'true' : 'false'}
      data-stale={stale ? 'true' : 'false'}
      data-has-menu={hasMenu ? 'true' : undefined}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
      onPointerDown={longPress.onPointerDown}
      onPointerMove={longPress.onPointerMove}
      onPointerUp={longPress.onPointerUp}
      onPointerCancel={longPress.onPointerCancel}
    >
      <div class="vx-participant__main">
        <Avatar displayName={p.displayName} />
        <div class="vx-participant__body">
          <div class="vx-participant__name-line">
            <bdi class="vx-participant__name" data-testid="participant-name">
              {p.displayName}
            </bdi>
            {p.isLocal && <span class="vx-tag">you</span>}
            {p.locallyMuted && <span class="vx-tag vx-tag--warn">muted for you</span>}
            {status === 'listen-only' && (
              <span class="vx-tag" data-testid="participant-listen-only">
                listen-only
              </span>
            )}
            {stale && <span class="vx-tag">last known</span>}
            {p.live && (
              <span class="vx-tag vx-tag--live" data-testid="participant-live" title="Sharing a screen">
                LIVE
              </span>
            )}
            {p.cameraOn && (
              <span class="vx-tag vx-tag--camera" data-testid="participant-camera" title="Camera on">
                <CameraIcon />
                <span class="vx-sr">camera on</span>
              </span>
            )}
            <span class="vx-sr" data-testid="participant-status-text">
              {`, ${statusWords}`}
              {p.live ? ', sharing a screen' : ''}
              {p.deafened && status !== 'deafened' ? ', deafened' : ''}
              {stale ? ', last known state, not live' : ''}
            </span>
          </div>
          {unheard ? (
            <span class="vx-participant__unheard" data-testid="participant-unheard">
              not heard right now
            </span>
          ) : (
            <LevelMeter level={p.muted ? 0 : p.level} active={p.speaking} label={`${isolate(p.displayName)} audio level`} />
          )}
        </div>
        <StatusIcon status={status} />
        {p.quality !== undefined && (
          <QualityBars
            quality={p.quality}
            subject={p.isLocal ? 'Your connection' : `Connection of ${isolate(p.displayName)}`}
            source={p.isLocal ? 'local' : 'server'}
          />
        )}
        {hasMenu && (
          <button
            type="button"
            class="vx-icon-button"
            tabIndex={tabIndex}
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            aria-controls={menuOpen ? `vx-participant-${p.id}-menu` : undefined}
            aria-label={`Volume and mute for ${isolate(p.displayName)}`}
            data-testid="participant-menu-button"
            onClick={(e) => {
              const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
              onMenu?.(p.id, { x: rect.right, y: rect.bottom });
            }}
          >
            <MoreIcon />
          </button>
        )}
        {canExpand && (
          <button
            type="button"
            class="vx-icon-button"
            tabIndex={tabIndex}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`Options for ${isolate(p.displayName)}`}
            data-testid="participant-expand"
            onClick={() => setOpen(!open)}
          >
            <ChevronIcon open={open} />
          </button>
        )}
      </div>
      {canExpand && open && (
        <div class="vx-participant__details" id={detailsId}>
          {onVolumeChange && (
            <label class="vx-volume">
              <span>Volume</span>
              <input
                type="range"
                min={0}
                max={2}
                step={0.05}
                value={p.volume}
                disabled={p.locallyMuted}
                data-testid="participant-volume"
                aria-valuetext={`${Math.round(p.volume * 100)}%`}
                onInput={(e) => onVolumeChange(p.id, Number((e.currentTarget as HTMLInputElement).value))}
              />
              <output>{Math.round(p.volume * 100)}%</output>
            </label>
          )}
          {onLocallyMutedChange && (
            <button
              type="button"
              class="vx-button vx-button--small"
              aria-pressed={p.locallyMuted}
              data-testid="participant-local-mute"
              onClick={() => onLocallyMutedChange(p.id, !p.locallyMuted)}
            >
              {p.locallyMuted ? `Unmute for me` : `Mute for me`}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
