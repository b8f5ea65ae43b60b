import { useEffect, useId, useState } from 'preact/hooks';
import { MicrophoneList } from '@voxlay/core/devices';
import { VoiceMode, type AudioDevice, type VoiceSettings } from '@voxlay/core/types';
import { SettingsForm } from '@voxlay/core/ui';
import type { CallCommand } from '@voxlay/core/commands';
import { NoiseSuppressionChoices, noiseSuppressionNotice } from '@voxlay/core/noise-suppression';
import { sendCommand } from '../../utils/messaging';
import { openPermissionPage, requestServerAccess, serverAccessPattern } from '../../utils/permissions';
import { PrefKey, readPrefs, setSiteHidden, writePref } from '../../utils/prefs';
import { patchVoiceSettings, readVoiceSettings } from '../../utils/settingsStorage';
import { isCallActive } from '../../utils/state';
import { useExtensionState } from '../../utils/useExtensionState';

const MODES: ReadonlyArray<{ value: VoiceMode; label: string }> = [
  { value: VoiceMode.AlwaysOn, label: 'Always on' },
  { value: VoiceMode.VoiceActivity, label: 'Voice activity' },
  { value: VoiceMode.PushToTalk, label: 'Push to talk' },
];

/** Server, microphone, mode, VAD sensitivity, PTT key and the sites where the overlay stays hidden. */
export function Options() {
  const { channel: channelState } = useExtensionState();
  const active = isCallActive(channelState);
  const [settings, setSettings] = useState<VoiceSettings>(readVoiceSettings);
  const [mics, setMics] = useState<AudioDevice[]>([]);
  const [serverUrl, setServerUrl] = useState('');
  const [hidden, setHidden] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const serverId = useId();
  // "Noise suppression" per microphone: the extension origin's localStorage, shared with the offscreen document.
  const [choices] = useState(() => new NoiseSuppressionChoices(localStorage));
  const [, setNoiseVersion] = useState(0);
  /** Asked of the call and not yet in its state: shown meanwhile (the offscreen document answers through the background). */
  const [noisePending, setNoisePending] = useState<boolean | null>(null);
  const noiseInCall = active ? channelState.noiseSuppression?.enabled : undefined;
  useEffect(() => {
    if (noisePending !== null && noiseInCall === noisePending) setNoisePending(null);
  }, [noisePending, noiseInCall]);

  useEffect(() => {
    const list = new MicrophoneList(setMics);
    void list
      .refresh()
      .then(setMics)
      .catch(() => undefined);
    void readPrefs().then((p) => {
      setServerUrl(p.serverUrl ?? '');
      setHidden(p.hiddenSites);
    });
    return () => list.close();
  }, []);

  /** Saves to storage; a live Channel keeps its own copy, so it gets the command too. */
  const change = (patch: Partial<VoiceSettings>, command?: CallCommand): void => {
    setSettings(patchVoiceSettings(patch));
    if (command && active) void sendCommand(command);
  };

  return (
    <main class="xp xp--page" data-testid="options">
      <h1>Voxlay options</h1>
      <form
        class="vx-field"
        onSubmit={(e) => {
          e.preventDefault();
          const url = serverUrl.trim();
          if (!serverAccessPattern(url)) {
            setNote('Enter the address of a Voxlay server, starting with http:// or https://.');
            return;
          }
          // Asked in the submit handler itself, before any await (Firefox allows it nowhere else).
          const access = requestServerAccess(url);
          void access.then(async (granted) => {
            await writePref(PrefKey.ServerUrl, url);
            setNote(granted ? 'Server saved.' : 'Saved, but Voxlay may not reach that server until you allow it.');
          });
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
            style={{ flex: 1 }}
            value={serverUrl}
            placeholder="https://voice.example.com"
            data-testid="options-server-url"
            onInput={(e) => setServerUrl(e.currentTarget.value)}
          />
          <button type="submit" class="vx-button vx-button--small">
            Save
          </button>
        </div>
        {note && (
          <span class="vx-field__hint" role="status" data-testid="options-server-note">
            {note}
          </span>
        )}
      </form>

      <label class="vx-field">
        <span class="vx-field__label">Mode</span>
        <select
          data-testid="options-mode"
          value={settings.mode}
          onChange={(e) => {
            const mode = e.currentTarget.value as VoiceMode;
            change({ mode }, { name: 'setMode', args: [mode] });
          }}
        >
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>

      <SettingsForm
        displayName={settings.displayName}
        microphones={mics}
        microphoneId={settings.microphoneId}
        vadSensitivity={settings.vadSensitivity}
        pttKey={settings.pttKey}
        displayNameHint="Applies the next time you join."
        onDisplayNameChange={(displayName) => change({ displayName })}
        onMicrophoneChange={(deviceId) => change({ microphoneId: deviceId }, { name: 'selectMicrophone', args: [deviceId] })}
        onVadSensitivityChange={(sensitivity) =>
          change({ vadSensitivity: sensitivity }, { name: 'setVadSensitivity', args: [sensitivity] })
        }
        onPttKeyChange={(code) => change({ pttKey: code }, { name: 'setPttKey', args: [code] })}
        noiseSuppression={
          active && channelState.noiseSuppression ? channelState.noiseSuppression.enabled : choices.enabledFor(settings.microphoneId)
        }
        noiseSuppressionNotice={active ? noiseSuppressionNotice(channelState.noiseSuppression) : null}
        noiseSuppressionState={active ? channelState.noiseSuppression : undefined}
        onNoiseSuppressionChange={(on) => {
          if (active) {
            setNoisePending(on);
            void sendCommand({ name: 'setNoiseSuppression', args: [on] });
          } else {
            choices.set(settings.microphoneId, on);
            setNoiseVersion((v) => v + 1);
          }
        }}
      />
      {mics.every((m) => m.label.startsWith('Microphone ')) && (
        <p class="xp__muted">
          Microphone names appear once access is allowed.{' '}
          <button type="button" class="xp__link" onClick={() => void openPermissionPage()}>
            Allow the microphone
          </button>
        </p>
      )}

      <section class="vx-field" data-testid="hidden-sites">
        <span class="vx-field__label">Overlay hidden on</span>
        {hidden.length === 0 && <p class="xp__muted">No sites. Use “Hide here” on the overlay to add one.</p>}
        <ul class="xp__list">
          {hidden.map((host) => (
            <li key={host} class="xp__item">
              <span>{host}</span>
              <button type="button" class="vx-button vx-button--small" onClick={() => void setSiteHidden(host, false).then(setHidden)}>
                Show again
              </button>
            </li>
          ))}
        </ul>
      </section>
      <p class="xp__muted">
        Toggle mute from anywhere with the browser shortcut (Alt+Shift+M by default; change it in the browser's extension shortcuts). On a
        page: hold the push-to-talk key, or Alt+M to mute.
      </p>
    </main>
  );
}
