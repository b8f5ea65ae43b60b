/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import type { VoiceSessionControls, VoiceSessionState } from '../types.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { Controls } from './Controls.js';
import { ParticipantRow } from './ParticipantRow.js';
import { GearIcon } from './icons.js';

export type VoicePanelControls = Pick<
  VoiceSessionControls,
  'setMuted' | 'setDeafened' | 'setMode' | 'setPushToTalk' | 'setParticipantVolume' | 'setParticipantLocallyMuted'
>;

export interface VoicePanelProps {
  state: VoiceSessionState;
  controls: VoicePanelControls;
  /** The red Leave button; hidden when absent. */
  onLeave?: () => void;
  /** A settings (gear) button in the header; hidden when absent. */
  onOpenSettings?: () => void;
  /** Title when not in a channel yet. */
  fallbackTitle?: string;
  /** Extra content under the header (e.g. a notice). */
  children?: ComponentChildren;
}

/** The whole voice UI of one channel: header, participants and controls. Pure render from props. */
export function VoicePanel({ state, controls, onLeave, onOpenSettings, fallbackTitle = 'Voice', children }: VoicePanelProps) {
  const connected = state.connectionState === 'connected';
  // Muting must stay possible while (re)connecting: the session applies it when the producer exists.
  const disabled = state.connectionState === 'disconnected';
  const count = state.participants.length;
  return (
    <section class="vx-panel" data-testid="voice-panel" aria-label="Voice channel">
      <header class="vx-panel__header">
        <div class="vx-panel__title">
          <h2 data-testid="channel-name">{state.channel?.name ?? fallbackTitle}</h2>
          <ConnectionBadge state={state.connectionState} />
        </div>
        {onOpenSettings && (
          <button
            type="button"
            class="vx-icon-button"
            aria-label="Voice settings"
            data-testid="settings-button"
            onClick={onOpenSettings}
          >
            <GearIcon />
          </button>
        )}
      </header>

      {state.error && (
        <p class="vx-error" role="alert" data-testid="session-error" data-code={state.error.code}>
          {state.error.message}
        </p>
      )}
      {children}

      <h3 class="vx-sr">
        {count} {count === 1 ? 'participant' : 'participants'}
      </h3>
      <ul class="vx-participants" data-testid="participants" aria-label="Participants">
        {state.participants.map((p) => (
          <ParticipantRow
            key={p.id}
            participant={p}
            deafened={state.deafened}
            onVolumeChange={(id, v) => controls.setParticipantVolume(id, v)}
            onLocallyMutedChange={(id, muted) => {
              controls.setParticipantLocallyMuted(id, muted).catch((err: unknown) => console.warn('[voxlay]', err));
            }}
          />
        ))}
        {count === 0 && <li class="vx-empty">{connected ? 'Nobody here yet.' : 'Not in a channel.'}</li>}
      </ul>

      <Controls state={state} controls={controls} onLeave={onLeave} disabled={disabled} />
    </section>
  );
}
