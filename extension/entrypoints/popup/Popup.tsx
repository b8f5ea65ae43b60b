import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ConnectionBadge } from '@voxlay/core/ui';
import { NameInput, nameLengthError } from '@voxlay/core/ui';
import { listChannels, type ChannelSummary } from '../../utils/channels';
import { MessageType, Target } from '../../utils/messages';
import { sendCommand } from '../../utils/messaging';
import { ensureServerAccess, openPermissionPage, useMicrophonePermission } from '../../utils/permissions';
import { PrefKey, readPrefs, writePref } from '../../utils/prefs';
import { patchVoiceSettings, readVoiceSettings } from '../../utils/settingsStorage';
import { isCallActive } from '../../utils/state';
import { useExtensionState } from '../../utils/useExtensionState';

/** Server URL, display name, channel list, join / leave and the connection state. */
export function Popup() {
  const { channel: channelState } = useExtensionState();
  const [serverUrl, setServerUrl] = useState('');
  const [name, setName] = useState(() => readVoiceSettings().displayName);
  const nameId = useId();
  const [channels, setChannels] = useState<ChannelSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mic = useMicrophonePermission();
  const active = isCallActive(channelState);
  // Lengths count user-perceived characters, like the server.
  const nameOk = name.trim() !== '' && nameLengthError(name) === null;

  const refresh = useCallback(async (url: string) => {
    setError(null);
    try {
      setChannels(await listChannels(url));
    } catch (e) {
      setChannels(null);
      setError(`Cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  useEffect(() => {
    void readPrefs().then((p) => {
      setServerUrl(p.serverUrl);
      void refresh(p.serverUrl);
    });
  }, [refresh]);

  // Counts change as people (and we) come and go: refresh when our Channel's state moves. The state
  // fields are the trigger, not inputs; serverUrl is left out on purpose: it is the text field's value
  // and changes on every keystroke (a saved server is refreshed by saveServer).
  useEffect(() => {
    if (serverUrl) void refresh(serverUrl);
  }, [channelState.connectionState, channelState.participants.length, refresh]);

  const saveServer = async (e: Event) => {
    e.preventDefault();
    const url = serverUrl.trim();
    await writePref(PrefKey.ServerUrl, url);
    if (await ensureServerAccess(url)) void refresh(url);
    else setError('Voxlay needs permission to reach that server.');
  };

  const join = async (channel: ChannelSummary) => {
    setBusy(true);
    setError(null);
    try {
      if (!(await ensureServerAccess(serverUrl))) throw new Error('Voxlay needs permission to reach that server.');
      const result = await sendCommand({
        name: 'join',
        serverUrl,
        channel: { id: channel.id, name: channel.name },
        displayName: name.trim(),
      });
      if (!result.ok) setError(result.error);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const showOverlay = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs
      .sendMessage(tab.id, { target: Target.Tab, type: MessageType.OpenOverlay })
      .catch(() => setError('The overlay cannot run on this page.'));
  };

  return (
    <main class="xp xp--popup" data-testid="popup">
      <div class="xp__row">
        <h1>Voxlay</h1>
        <ConnectionBadge state={channelState.connectionState} />
      </div>
      {active && channelState.channel && (
        <div class="xp__item" data-testid="popup-call">
          <span>
            In{' '}
            <strong data-testid="popup-channel">
              <bdi>{channelState.channel.name}</bdi>
            </strong>{' '}
            · {channelState.participants.length} here
            {channelState.muted && ' · muted'}
          </span>
          <button
            type="button"
            class="vx-button vx-button--danger vx-button--small"
            data-testid="popup-leave"
            onClick={() => void sendCommand({ name: 'leave', args: [] })}
          >
            Leave
          </button>
        </div>
      )}
      {channelState.error && (
        <p class="vx-error" role="alert" data-testid="popup-session-error">
          {channelState.error.message}
        </p>
      )}
      {mic !== 'granted' && (
        <p class="xp__muted" data-testid="mic-notice">
          Microphone not allowed yet: you will join listen-only.{' '}
          <button type="button" class="xp__link" onClick={() => void openPermissionPage()}>
            Allow the microphone
          </button>
        </p>
      )}
      <form class="vx-field" onSubmit={saveServer}>
        <span class="vx-field__label">Server</span>
        <div class="xp__row">
          <input
            type="url"
            required
            value={serverUrl}
            style={{ flex: 1 }}
            data-testid="server-url-input"
            onInput={(e) => setServerUrl(e.currentTarget.value)}
          />
          <button type="submit" class="vx-button vx-button--small" data-testid="server-url-save">
            Load
          </button>
        </div>
      </form>
      <label class="vx-field" for={nameId}>
        <span class="vx-field__label">Your name</span>
        <NameInput
          id={nameId}
          value={name}
          placeholder="How others see you"
          testId="display-name-input"
          onInput={(value) => {
            setName(value);
            if (nameLengthError(value) === null) patchVoiceSettings({ displayName: value.trim() });
          }}
        />
      </label>
      {error && (
        <p class="vx-error" role="alert" data-testid="popup-error">
          {error}
        </p>
      )}
      <ul class="xp__list" data-testid="channel-list">
        {channels?.map((c) => (
          <li key={c.id} class="xp__item" data-testid="channel-item" data-channel-id={c.id}>
            <span data-testid="channel-label">
              <bdi data-testid="channel-item-name">{c.name}</bdi>{' '}
              <span class="xp__muted" data-testid="channel-count">
                · {c.participantCount}
              </span>
            </span>
            <button
              type="button"
              class="vx-button vx-button--primary vx-button--small"
              data-testid="join-button"
              disabled={busy || !nameOk || channelState.channel?.id === c.id}
              onClick={() => void join(c)}
            >
              {channelState.channel?.id === c.id ? 'Joined' : 'Join'}
            </button>
          </li>
        ))}
      </ul>
      <div class="xp__links">
        <button type="button" class="xp__link" data-testid="show-overlay" onClick={() => void showOverlay()}>
          Show overlay on this page
        </button>
        <button type="button" class="xp__link" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </div>
    </main>
  );
}
