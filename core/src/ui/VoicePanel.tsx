/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChannelControls, ChannelState } from '../types.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { MicrophoneNotice } from './MicrophoneNotice.js';
import { QualityBars } from './QualityBars.js';
import { TroubleNotice } from './TroubleNotice.js';
import { Controls } from './Controls.js';
import type { VideoButtonsProps } from './VideoButtons.js';
import { GearIcon } from './icons.js';
import { ParticipantFilter } from './ParticipantFilter.js';
import { ParticipantList } from './ParticipantList.js';
import { FILTER_THRESHOLD, filterParticipants, isLastNLimited, participantCountLabel, speakersOf } from './participantListModel.js';
import { SpeakersStrip } from './SpeakersStrip.js';
import { Logger } from '../logger.js';

const logger = new Logger('VoicePanel');

export type VoicePanelControls = Pick<
  ChannelControls,
  'setMuted' | 'setDeafened' | 'setMode' | 'setPushToTalk' | 'setParticipantVolume' | 'setParticipantLocallyMuted'
> &
  /** Without them, no Rejoin / Retry buttons are shown. */
  Partial<Pick<ChannelControls, 'rejoin' | 'retryMicrophone'>>;

export interface VoicePanelProps {
  state: ChannelState;
  controls: VoicePanelControls;
  /** The red Leave button; hidden when absent. */
  onLeave?: () => void;
  /** A settings (gear) button in the header; hidden when absent. */
  onOpenSettings?: () => void;
  /** Title when not in a channel yet. */
  fallbackTitle?: string;
  /** Extra content under the header (e.g. a notice). */
  children?: ComponentChildren;
  /** Replaces the browser-specific help of the listen-only notice (e.g. the extension's permission page). */
  microphoneHelp?: string;
  /** Go Live and the camera in the controls (VideoButtons); none when absent. */
  video?: VideoButtonsProps;
}

/**
 * The whole voice UI of one channel: header, the active speakers (when last-N limits who is
 * heard), the participant list (virtualised, with a name filter when long) and controls. Renders from
 * props; its only own state is the filter text and the list's focus and expanded rows.
 */
export function VoicePanel({
  state,
  controls,
  onLeave,
  onOpenSettings,
  fallbackTitle = 'Voice',
  children,
  microphoneHelp,
  video,
}: VoicePanelProps) {
  const connected = state.connectionState === 'connected';
  // Muting must stay possible while (re)connecting: the Channel applies it when the producer exists.
  const disabled = state.connectionState === 'disconnected';
  const count = state.participants.length;
  const [query, setQuery] = useState('');
  const filtering = count > FILTER_THRESHOLD;
  const effectiveQuery = filtering ? query : '';
  // The filter goes away when the channel gets small again; it starts empty when it comes back.
  useEffect(() => {
    if (!filtering && query !== '') setQuery('');
  }, [filtering, query]);
  const shown = useMemo(() => filterParticipants(state.participants, effectiveQuery), [state.participants, effectiveQuery]);
  const lastN = state.lastN;
  const limited = isLastNLimited(count, lastN);
  const speakers = limited ? speakersOf(state.participants, state.activeSpeakerIds, lastN) : [];
  const onVolumeChange = (id: string, v: number): void => controls.setParticipantVolume(id, v);
  const onLocallyMutedChange = (id: string, muted: boolean): void => {
    controls.setParticipantLocallyMuted(id, muted).catch((err: unknown) => logger.warn('local mute failed', err));
  };
  const trouble = state.trouble ?? null;
  const microphone = state.microphone ?? { status: 'off' as const, error: null };
  const rejoin = controls.rejoin;
  const retryMicrophone = controls.retryMicrophone;
  // An error already told by the trouble or the microphone notice is not repeated in a raw box.
  const shownError = state.error && state.error.code !== trouble?.code && state.error.code !== microphone.error?.code ? state.error : null;
  return (
    <section class="vx-panel" data-testid="voice-panel" aria-label="Voice channel">
      <header class="vx-panel__header">
        <div class="vx-panel__title">
          <h2 data-testid="channel-name">
            <bdi>{state.channel?.name ?? fallbackTitle}</bdi>
          </h2>
          <ConnectionBadge state={state.connectionState} trouble={trouble} />
          {connected && state.quality !== undefined && <QualityBars quality={state.quality} subject="Your connection" source="local" />}
        </div>
        {onOpenSettings && (
          <button type="button" class="vx-icon-button" aria-label="Voice settings" data-testid="settings-button" onClick={onOpenSettings}>
            <GearIcon />
          </button>
        )}
      </header>

      {trouble && (
        <TroubleNotice
          trouble={trouble}
          onRejoin={rejoin ? () => void rejoin().catch((err: unknown) => logger.warn('rejoin failed', err)) : undefined}
        />
      )}
      <MicrophoneNotice
        microphone={microphone}
        help={microphoneHelp}
        onRetry={
          retryMicrophone ? () => void retryMicrophone().catch((err: unknown) => logger.warn('microphone retry failed', err)) : undefined
        }
      />
      {shownError && (
        <p class="vx-error" role="alert" data-testid="session-error" data-code={shownError.code}>
          {shownError.message}
        </p>
      )}
      {children}

      {count > 0 && (
        <h3 class="vx-participant-count" data-testid="participant-count" data-count={count} data-last-n={lastN}>
          {participantCountLabel(
            count,
            lastN,
            undefined,
            state.localParticipantId !== null && state.activeSpeakerIds.includes(state.localParticipantId),
          )}
        </h3>
      )}
      {limited && <SpeakersStrip speakers={speakers} lastN={lastN} />}
      {filtering && <ParticipantFilter query={query} onQueryChange={setQuery} shown={shown.length} total={count} />}
      {count === 0 ? (
        <p class="vx-empty" data-testid="participants-empty">
          {connected ? 'Nobody here yet.' : 'Not in a channel.'}
        </p>
      ) : shown.length === 0 ? (
        <p class="vx-empty" data-testid="participant-filter-empty">
          No participant named “<bdi>{query.trim()}</bdi>”.
        </p>
      ) : (
        <ParticipantList
          participants={shown}
          label="Participants"
          deafened={state.deafened}
          limited={limited}
          onVolumeChange={onVolumeChange}
          onLocallyMutedChange={onLocallyMutedChange}
          scrollResetKey={effectiveQuery.trim()}
          stale={state.stale ?? false}
        />
      )}

      <Controls state={state} controls={controls} onLeave={onLeave} disabled={disabled} video={video} />
    </section>
  );
}
