import { useId } from 'preact/hooks';
import { Avatar } from '@voxlay/core/ui';
import { isolate } from '../core';
import type { ChannelSummary } from '../hooks/useChannels';

/** Names shown under a channel before "N more". */
const NAMES_SHOWN = 8;

export interface ChannelListProps {
  channels: ChannelSummary[];
  /** The channel this user is in (or joining), marked "You're here"; null outside a call. */
  currentChannelId: string | null;
  /** A display name is set: Join (or Switch) is enabled. */
  canJoin: boolean;
  /** Join `channel`; during a call, switch to it. */
  onJoin: (channel: ChannelSummary) => void;
}

/** Every channel with who is in it (live) and its Join button, or Switch during a call (the sidebar, the lobby, the phone's sheet). */
export function ChannelList({ channels, currentChannelId, canJoin, onJoin }: ChannelListProps) {
  return (
    <ul class="channel-list" data-testid="channel-list">
      {channels.map((c) => (
        <ChannelItem
          key={c.id}
          channel={c}
          current={c.id === currentChannelId}
          canJoin={canJoin}
          inCall={currentChannelId !== null}
          onJoin={() => onJoin(c)}
        />
      ))}
    </ul>
  );
}

interface ChannelItemProps {
  channel: ChannelSummary;
  current: boolean;
  canJoin: boolean;
  inCall: boolean;
  onJoin: () => void;
}

/** One channel: its name, who is in it (live, muted ones marked) and its Join button ("you are here" when current). */
function ChannelItem({ channel: c, current, canJoin, inCall, onJoin }: ChannelItemProps) {
  const shown = c.participants.slice(0, NAMES_SHOWN);
  const more = c.participantCount - shown.length;
  const headingId = useId();
  return (
    <li
      class={current ? 'channel channel--current' : 'channel'}
      data-testid="channel-item"
      data-channel-id={c.id}
      data-participant-count={c.participantCount}
      aria-current={current ? 'true' : undefined}
    >
      <div class="channel__head">
        <div class="channel__text">
          <bdi class="channel__name" id={headingId} data-testid="channel-item-name">
            {c.name}
          </bdi>
          <span class="muted small">
            {c.participantCount === 0 ? 'Empty' : `${c.participantCount} ${c.participantCount === 1 ? 'person' : 'people'} in it`}
            {c.isDefault && ' · default'}
          </span>
          {c.recording && (
            <span class="channel__recording" data-testid="channel-recording">
              <span class="recording-indicator__dot" aria-hidden="true" />
              Recording: joining means you will be recorded
            </span>
          )}
        </div>
        {current ? (
          <span class="channel__here" data-testid="channel-here">
            You're here
          </span>
        ) : (
          <button
            type="button"
            class="vx-button vx-button--primary"
            data-testid="join-button"
            disabled={!canJoin}
            title={canJoin ? `${inCall ? 'Switch to' : 'Join'} ${isolate(c.name)}` : 'Enter your name first'}
            aria-describedby={headingId}
            onClick={onJoin}
          >
            {inCall ? 'Switch' : 'Join'}
          </button>
        )}
      </div>
      {shown.length > 0 && (
        <ul class="channel__people" aria-label={`In ${isolate(c.name)}`} data-testid="channel-people">
          {shown.map((p) => (
            <li
              key={p.id}
              class="channel__person"
              data-testid="channel-person"
              data-muted={p.muted ? 'true' : 'false'}
              data-deafened={p.deafened ? 'true' : 'false'}
            >
              <Avatar displayName={p.displayName} />
              <bdi class="channel__person-name">{p.displayName}</bdi>
              {(p.deafened || p.muted) && <span class="channel__person-muted">{p.deafened ? 'deafened' : 'muted'}</span>}
            </li>
          ))}
          {more > 0 && <li class="channel__more muted small">and {more} more</li>}
        </ul>
      )}
    </li>
  );
}
