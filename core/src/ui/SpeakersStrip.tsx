/** @jsxImportSource preact */
import { isolate } from '../names.js';
import type { ParticipantState } from '../types.js';
import { Avatar } from './Avatar.js';
import { LevelMeter } from './LevelMeter.js';

export interface SpeakersStripProps {
  /** The active speaker set in order, most recently loud first (see speakersOf). */
  speakers: ParticipantState[];
  /** The channel's last-N: how many speakers a listener receives at once. */
  lastN: number;
}

/**
 * The channel's active speaker set (last-N) above the participant list: the participants whose audio
 * is received right now, most recently loud first, each with its speaking ring and level meter.
 */
export function SpeakersStrip({ speakers, lastN }: SpeakersStripProps) {
  return (
    <section class="vx-speakers" aria-label={`Heard now: up to ${lastN} speakers`} data-testid="speakers">
      {speakers.length === 0 ? (
        <p class="vx-speakers__empty">Nobody is speaking right now.</p>
      ) : (
        <ol class="vx-speakers__list">
          {speakers.map((p) => (
            <li
              key={p.id}
              class={p.speaking ? 'vx-speaker vx-speaker--speaking' : 'vx-speaker'}
              data-testid="speaker"
              data-participant-id={p.id}
              data-speaking={p.speaking ? 'true' : 'false'}
              // The whole tooltip is the name: no text around it to isolate it from.
              title={p.displayName}
            >
              <Avatar displayName={p.displayName} />
              <span class="vx-speaker__name" data-testid="speaker-name">
                <bdi>{p.displayName}</bdi>
                {p.isLocal && ' (you)'}
              </span>
              <span class="vx-sr">
                {p.speaking ? ', speaking' : ''}
                {p.muted ? ', muted' : ''}
              </span>
              <LevelMeter level={p.muted ? 0 : p.level} active={p.speaking} label={`${isolate(p.displayName)} audio level`} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
