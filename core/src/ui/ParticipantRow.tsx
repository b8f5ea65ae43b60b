/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import type { ParticipantState } from '../types.js';
import { LevelMeter } from './LevelMeter.js';
import { ChevronIcon, MicIcon } from './icons.js';

export interface ParticipantRowProps {
  participant: ParticipantState;
  /** Remote audio is not played (we are deafened): remote rows look dimmed. */
  deafened?: boolean;
  /** Remote only: playback volume 0..2. */
  onVolumeChange?: (participantId: string, volume: number) => void;
  /** Remote only: stop playing this participant for us. */
  onLocallyMutedChange?: (participantId: string, muted: boolean) => void;
}

/** The first visible letter of a display name, for the avatar. */
export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}

/** A stable hue per name, so avatars are told apart at a glance. */
function hueOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

/**
 * One participant: avatar with a speaking ring, name, muted icon and level meter. A remote row
 * expands to a volume slider and a local mute toggle.
 */
export function ParticipantRow({
  participant: p,
  deafened = false,
  onVolumeChange,
  onLocallyMutedChange,
}: ParticipantRowProps) {
  const [open, setOpen] = useState(false);
  const canExpand = !p.isLocal && (onVolumeChange !== undefined || onLocallyMutedChange !== undefined);
  const detailsId = `vx-participant-${p.id}-details`;
  const silenced = !p.isLocal && (p.locallyMuted || deafened);
  const classes = ['vx-participant'];
  if (p.speaking) classes.push('vx-participant--speaking');
  if (silenced) classes.push('vx-participant--silenced');

  return (
    <li
      class={classes.join(' ')}
      data-testid="participant"
      data-participant-id={p.id}
      data-local={p.isLocal ? 'true' : 'false'}
      data-speaking={p.speaking ? 'true' : 'false'}
      data-muted={p.muted ? 'true' : 'false'}
      data-locally-muted={p.locallyMuted ? 'true' : 'false'}
    >
      <div class="vx-participant__main">
        <span
          class="vx-avatar"
          style={{ '--vx-avatar-hue': String(hueOf(p.displayName)) }}
          aria-hidden="true"
          data-testid="participant-avatar"
        >
          {initialOf(p.displayName)}
        </span>
        <div class="vx-participant__body">
          <div class="vx-participant__name-line">
            <span class="vx-participant__name" data-testid="participant-name">
              {p.displayName}
            </span>
            {p.isLocal && <span class="vx-tag">you</span>}
            {p.locallyMuted && <span class="vx-tag vx-tag--warn">muted for you</span>}
            <span class="vx-sr">{p.speaking ? ', speaking' : ''}{p.muted ? ', muted' : ''}</span>
          </div>
          <LevelMeter level={p.muted ? 0 : p.level} active={p.speaking} label={`${p.displayName} audio level`} />
        </div>
        {p.muted && (
          <span class="vx-participant__muted" title="Muted" data-testid="participant-muted-icon">
            <MicIcon off />
          </span>
        )}
        {canExpand && (
          <button
            type="button"
            class="vx-icon-button"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`Options for ${p.displayName}`}
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
