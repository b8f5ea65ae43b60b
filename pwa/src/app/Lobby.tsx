import { useState } from 'preact/hooks';
import type { ChannelsResult, ChannelSummary } from '../hooks/useChannels';
import { useSettings } from '../hooks/useSettings';

export interface LobbyProps {
  channels: ChannelsResult;
  onJoin: (channel: ChannelSummary, displayName: string) => void;
}

const MAX_NAME = 64;

/** Display name, the channel list and "create channel". */
export function Lobby({ channels, onJoin }: LobbyProps) {
  const [settings, updateSettings] = useSettings();
  // Local text so typing a space is not trimmed away by the store on every keystroke.
  const [name, setName] = useState(settings.displayName);
  const [newChannel, setNewChannel] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const trimmed = name.trim();

  const create = async (e: Event) => {
    e.preventDefault();
    const channelName = newChannel.trim();
    if (!channelName || creating) return;
    setCreating(true);
    setCreateError(null);
    try {
      const channel = await channels.create(channelName);
      setNewChannel('');
      if (trimmed) onJoin(channel, trimmed);
    } catch (err) {
      setCreateError(err instanceof Error ? err.message : String(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <div class="lobby" data-testid="lobby">
      <section class="card">
        <label class="vx-field">
          <span class="vx-field__label">Your name</span>
          <input
            type="text"
            value={name}
            maxLength={MAX_NAME}
            placeholder="How others see you"
            autoComplete="nickname"
            data-testid="lobby-display-name"
            onInput={(e) => {
              const value = (e.currentTarget as HTMLInputElement).value;
              setName(value);
              updateSettings({ displayName: value.trim() });
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
          <ul class="channel-list" data-testid="channel-list">
            {channels.channels.map((c) => (
              <li key={c.id} class="channel" data-testid="channel-item" data-channel-id={c.id}>
                <div class="channel__text">
                  <span class="channel__name">{c.name}</span>
                  <span class="muted small">
                    {c.participantCount === 0
                      ? 'Empty'
                      : `${c.participantCount} ${c.participantCount === 1 ? 'person' : 'people'} talking`}
                    {c.isDefault && ' · default'}
                  </span>
                </div>
                <button
                  type="button"
                  class="vx-button vx-button--primary"
                  data-testid="join-button"
                  disabled={!trimmed}
                  title={trimmed ? `Join ${c.name}` : 'Enter your name first'}
                  onClick={() => onJoin(c, trimmed)}
                >
                  Join
                </button>
              </li>
            ))}
          </ul>
        )}
        {!trimmed && <p class="muted small">Enter your name to join a channel.</p>}
      </section>

      <section class="card">
        <form class="create" onSubmit={create}>
          <label class="vx-field create__field">
            <span class="vx-field__label">New channel</span>
            <input
              type="text"
              value={newChannel}
              maxLength={64}
              placeholder="e.g. Raid night"
              data-testid="create-channel-input"
              onInput={(e) => setNewChannel((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="vx-button" data-testid="create-channel-button" disabled={!newChannel.trim() || creating}>
            {creating ? 'Creating…' : 'Create'}
          </button>
        </form>
        {createError && (
          <p class="vx-error" role="alert" data-testid="create-channel-error">
            {createError}
          </p>
        )}
      </section>
    </div>
  );
}
