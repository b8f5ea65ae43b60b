import { useId, useState } from 'preact/hooks';
import { NameInput, nameLengthError } from '@voxlay/core/ui';
import { ErrorCode, toVoxlayError } from '../core';
import type { ChannelRef, ChannelsResult } from '../hooks/useChannels';
import { useSettings } from '../hooks/useSettings';
import { ChannelList } from './ChannelList';

export interface LobbyProps {
  channels: ChannelsResult;
  /** Join `channel`; during a call, switch to it (leave the current one first). */
  onJoin: (channel: ChannelRef, displayName: string) => void;
  /** The channel this user is in (or joining), marked in the list; its Join button is gone. */
  currentChannelId?: string | null;
}

/** Why creating a channel failed; NAME_TAKEN names the channel that looks the same. */
type CreateError = { takenBy: string } | { message: string };

/** Display name, the channel list with who is in each channel (live), and "create channel". */
export function Lobby({ channels, onJoin, currentChannelId = null }: LobbyProps) {
  const [settings, updateSettings] = useSettings();
  // Local text so typing a space is not trimmed away by the store on every keystroke.
  const [name, setName] = useState(settings.displayName);
  const [newChannel, setNewChannel] = useState('');
  const nameId = useId();
  const newChannelId = useId();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<CreateError | null>(null);
  const trimmed = name.trim();
  // Lengths count user-perceived characters, like the server: 33 emoji are a valid name.
  const canJoin = trimmed !== '' && nameLengthError(name) === null;
  const canCreate = newChannel.trim() !== '' && nameLengthError(newChannel) === null;

  const create = async (e: Event) => {
    e.preventDefault();
    const channelName = newChannel.trim();
    if (!canCreate || creating) return;
    setCreating(true);
    setCreateError(null);
    try {
      const channel = await channels.create(channelName);
      setNewChannel('');
      if (canJoin) onJoin(channel, trimmed);
    } catch (err) {
      const error = toVoxlayError(err);
      const takenBy = error.extensions.channelName;
      setCreateError(error.code === ErrorCode.NAME_TAKEN && typeof takenBy === 'string' ? { takenBy } : { message: error.message });
    } finally {
      setCreating(false);
    }
  };

  return (
    <div class="lobby" data-testid="lobby">
      <section class="card" aria-label="Your name">
        <label class="vx-field" for={nameId}>
          <span class="vx-field__label">Your name</span>
          <NameInput
            id={nameId}
            value={name}
            placeholder="How others see you"
            autoComplete="nickname"
            testId="lobby-display-name"
            onInput={(value) => {
              setName(value);
              if (nameLengthError(value) === null) updateSettings({ displayName: value.trim() });
            }}
          />
        </label>
      </section>

      <section class="card" aria-labelledby="channels-heading">
        <div class="card__head">
          <h2 id="channels-heading">Channels</h2>
          {channels.loading && <span class="muted small">Refreshing…</span>}
        </div>
        {channels.error && !channels.unreachable && (
          <p class="vx-error" role="alert">
            {channels.error}
          </p>
        )}
        {channels.channels === null && !channels.error && <p class="muted">Loading channels…</p>}
        {channels.channels && (
          <ChannelList
            channels={channels.channels}
            currentChannelId={currentChannelId}
            canJoin={canJoin}
            onJoin={(c) => onJoin(c, trimmed)}
          />
        )}
        {!trimmed && <p class="muted small">Enter your name to join a channel.</p>}
      </section>

      <section class="card" aria-label="New channel">
        <form class="create" onSubmit={create}>
          <label class="vx-field create__field" for={newChannelId}>
            <span class="vx-field__label">New channel</span>
            <NameInput
              id={newChannelId}
              value={newChannel}
              placeholder="e.g. Raid night"
              testId="create-channel-input"
              onInput={setNewChannel}
            />
          </label>
          <button type="submit" class="vx-button" data-testid="create-channel-button" disabled={!canCreate || creating}>
            {creating ? 'Creating…' : 'Create'}
          </button>
        </form>
        {createError && (
          <p class="vx-error" role="alert" data-testid="create-channel-error">
            {'takenBy' in createError ? (
              <>
                A channel that looks the same already exists: <bdi>{createError.takenBy}</bdi>
              </>
            ) : (
              createError.message
            )}
          </p>
        )}
      </section>
    </div>
  );
}
