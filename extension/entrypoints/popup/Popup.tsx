import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ConnectionBadge } from '@voxlay/core/ui';
import { NameInput, nameLengthError } from '@voxlay/core/ui';
import { ConnectionState } from '@voxlay/core/types';
import { listChannels, type ChannelSummary } from '../../utils/channels';
import { MessageType, Target } from '../../utils/messages';
import { send, sendCommand } from '../../utils/messaging';
import { canShareTab } from '../../utils/tabCapture';
import { openPermissionPage, requestServerAccess, serverAccessPattern, useMicrophonePermission } from '../../utils/permissions';
import { PrefKey, readPrefs, writePref } from '../../utils/prefs';
import { patchVoiceSettings, readVoiceSettings } from '../../utils/settingsStorage';
import { isCallActive } from '../../utils/state';
import { useExtensionState } from '../../utils/useExtensionState';

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};
const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * Choosing the server (offered when a Voxlay page advertised one, or typed), display name, channel
 * list, join / leave and the connection state. Nothing is fetched before a server is chosen, and the
 * idle popup says what to do rather than showing a red state.
 */
export function Popup() {
  const { channel: channelState, sharingTabId } = useExtensionState();
  /** Chrome can share a tab (Firefox has no tab capture). */
  const tabSharing = canShareTab();
  /** The chosen server (storage); null until the user chose one. */
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  /** The server address field. */
  const [draft, setDraft] = useState('');
  const [advertised, setAdvertised] = useState<string | null>(null);
  const [name, setName] = useState(() => readVoiceSettings().displayName);
  const nameId = useId();
  const serverId = useId();
  const [channels, setChannels] = useState<ChannelSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const channelsHeading = useRef<HTMLHeadingElement>(null);
  const leaveButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the next render shows it (the control the user pressed went away). */
  const focusNext = useRef<'channels' | 'leave' | null>(null);
  const mic = useMicrophonePermission();
  const active = isCallActive(channelState);
  const sharingTab = (sharingTabId ?? null) !== null;
  // Lengths count user-perceived characters, like the server.
  const nameOk = name.trim() !== '' && nameLengthError(name) === null;

  /** The server whose voice path was prepared while this popup is open (once per server). */
  const prepared = useRef<string | null>(null);
  const refresh = useCallback(async (url: string) => {
    setError(null);
    try {
      setChannels(await listChannels(url));
      // The user is looking at this server's channels: get its WebSocket and Device ready, so Join
      // costs the join itself (a cold join from the click took 400–700 ms).
      if (prepared.current !== url) {
        prepared.current = url;
        void sendCommand({ name: 'prepare', serverUrl: url }).catch(() => undefined);
      }
    } catch (e) {
      setChannels(null);
      setError(`Cannot reach ${url}. Is the server running? (${e instanceof Error ? e.message : String(e)})`);
    }
  }, []);

  useEffect(() => {
    void readPrefs().then((p) => {
      setServerUrl(p.serverUrl);
      setDraft(p.serverUrl ?? '');
      setAdvertised(p.advertisedServer?.origin ?? null);
      setLoaded(true);
    });
  }, []);

  // The list follows the chosen server, and its counts change as people (and we) come and go: the
  // Channel's state fields are triggers here, not inputs. Not while a join is connecting: the query
  // would compete with the join for the server and the network (the list is read again once connected).
  const connecting = channelState.connectionState === ConnectionState.Connecting;
  useEffect(() => {
    if (serverUrl && !connecting) void refresh(serverUrl);
  }, [serverUrl, connecting, channelState.connectionState, channelState.participants.length, refresh]);

  useEffect(() => {
    const target = focusNext.current === 'leave' ? leaveButton.current : focusNext.current === 'channels' ? channelsHeading.current : null;
    if (!target) return;
    focusNext.current = null;
    target.focus();
  });

  /**
   * Uses `url` as the server. Synchronous up to the permission request, which Firefox only allows
   * in the user's input handler (nothing may be awaited before it).
   */
  const chooseServer = (url: string): void => {
    setError(null);
    if (!serverAccessPattern(url)) {
      setError('Enter the address of a Voxlay server, starting with http:// or https://.');
      return;
    }
    const access = requestServerAccess(url);
    void access.then(async (granted) => {
      if (!granted) {
        setError(`Voxlay needs your permission to reach ${hostOf(url)}. Choose the server again and allow it.`);
        return;
      }
      await writePref(PrefKey.ServerUrl, url);
      setDraft(url);
      // The same server again ("Reload"): the list effect would not run, so refresh here.
      if (url === serverUrl) void refresh(url);
      else setServerUrl(url);
      focusNext.current = 'channels';
    });
  };

  const join = (channel: ChannelSummary): void => {
    if (!serverUrl) return;
    // First, in the click itself (Firefox): resolves at once when access is already granted.
    const access = requestServerAccess(serverUrl);
    setBusy(true);
    setError(null);
    void (async () => {
      try {
        if (!(await access)) throw new Error(`Voxlay needs your permission to reach ${hostOf(serverUrl)}.`);
        const result = await sendCommand({
          name: 'join',
          serverUrl,
          channel: { id: channel.id, name: channel.name },
          displayName: name.trim(),
        });
        if (result.ok) focusNext.current = 'leave';
        else setError(result.error);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    })();
  };

  const leave = (): void => {
    focusNext.current = 'channels';
    void sendCommand({ name: 'leave', args: [] });
  };

  /** Shares the tab the popup was opened on (Chrome lets the extension capture it: the user invoked it there). */
  const shareTab = async () => {
    setError(null);
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const result = await send({ target: Target.Background, type: MessageType.ShareTab, tabId: tab?.id });
    if (!result.ok) setError(result.error);
  };

  const stopSharing = async () => {
    const result = await sendCommand({ name: 'stopSharing' });
    if (!result.ok) setError(result.error);
  };

  const showOverlay = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs
      .sendMessage(tab.id, { target: Target.Tab, type: MessageType.OpenOverlay })
      .catch(() => setError('The overlay cannot run on this page.'));
  };

  const offer = advertised && (!serverUrl || originOf(serverUrl) !== advertised) ? advertised : null;

  return (
    <main class="xp xp--popup" data-testid="popup">
      <div class="xp__row">
        <h1>Voxlay</h1>
        {active && <ConnectionBadge state={channelState.connectionState} />}
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
            {channelState.recording && <strong data-testid="popup-recording"> · Recording</strong>}
          </span>
          <span class="xp__row">
            {tabSharing && (
              <button
                type="button"
                class="vx-button vx-button--small"
                data-testid="popup-share-tab"
                aria-pressed={sharingTab}
                onClick={() => void (sharingTab ? stopSharing() : shareTab())}
              >
                {sharingTab ? 'Stop sharing' : 'Share this tab'}
              </button>
            )}
            <button
              type="button"
              ref={leaveButton}
              class="vx-button vx-button--danger vx-button--small"
              data-testid="popup-leave"
              onClick={leave}
            >
              Leave
            </button>
          </span>
        </div>
      )}
      {channelState.error && (
        <p class="vx-error" role="alert" data-testid="popup-session-error">
          {channelState.error.message}
        </p>
      )}
      {offer && (
        <section class="xp__offer" aria-label="Server found" data-testid="server-offer">
          <p>
            A Voxlay server was found: <strong data-testid="server-offer-origin">{offer}</strong>
          </p>
          <button
            type="button"
            class="vx-button vx-button--primary vx-button--small"
            data-testid="use-advertised-server"
            onClick={() => chooseServer(offer)}
          >
            Use {hostOf(offer)}
          </button>
        </section>
      )}
      {loaded && !serverUrl && !offer && (
        <p class="xp__hint" data-testid="server-hint">
          To start, open your Voxlay server's page in a tab and come back here, or type its address below.
        </p>
      )}
      <form
        class="vx-field"
        onSubmit={(e) => {
          e.preventDefault();
          chooseServer(draft.trim());
        }}
      >
        <label class="vx-field__label" for={serverId}>
          Server address
        </label>
        <div class="xp__row">
          <input
            id={serverId}
            type="url"
            required
            value={draft}
            placeholder="https://voice.example.com"
            style={{ flex: 1 }}
            data-testid="server-url-input"
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="vx-button vx-button--small" data-testid="server-url-save">
            {serverUrl && draft.trim() === serverUrl ? 'Reload' : 'Use'}
          </button>
        </div>
      </form>
      {mic !== 'granted' && (
        <p class="xp__muted" data-testid="mic-notice">
          Microphone not allowed yet: you will join listen-only.{' '}
          <button type="button" class="xp__link" onClick={() => void openPermissionPage()}>
            Allow the microphone
          </button>
        </p>
      )}
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
      {serverUrl && (
        <section class="vx-field" aria-labelledby={`${serverId}-channels`}>
          <h2 id={`${serverId}-channels`} ref={channelsHeading} tabIndex={-1} data-testid="channels-heading">
            Channels on {hostOf(serverUrl)}
          </h2>
          {channels === null && !error && <p class="xp__muted">Loading channels…</p>}
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
                  onClick={() => join(c)}
                >
                  {channelState.channel?.id === c.id ? 'Joined' : 'Join'}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
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
