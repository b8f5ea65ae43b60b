import { describe, expect, it } from 'vitest';
import { memoryStorage } from './storage';
import { DEFAULT_SETTINGS, loadSettings, sanitizeSettings, saveSettings, SettingsStore, SETTINGS_KEY } from './settings';

describe('settings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(loadSettings(memoryStorage())).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips through the storage under voxlay.settings.v1', () => {
    const storage = memoryStorage();
    const settings = {
      displayName: 'Ada',
      mode: 'push-to-talk' as const,
      vadSensitivity: 'high' as const,
      pttKey: 'KeyV',
      microphoneId: 'mic-2',
      participantVolumes: { Bob: 1.5 },
      outputDeviceId: 'speaker-2',
      inputGain: 1.5,
      muteKey: 'KeyN',
      deafenKey: '',
      keepScreenOn: true,
    };
    expect(saveSettings(storage, settings)).toBe(true);
    expect(storage.getItem(SETTINGS_KEY)).not.toBeNull();
    expect(loadSettings(storage)).toEqual(settings);
  });

  it('falls back to defaults on corrupt JSON and non-object data', () => {
    for (const raw of ['{not json', '42', 'null', '[]', '"x"']) {
      const storage = memoryStorage();
      storage.setItem(SETTINGS_KEY, raw);
      expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('keeps the output device, the input gain (0..2) and the mute and deafen shortcuts, or their defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ outputDeviceId: '', inputGain: 1, muteKey: 'KeyM', deafenKey: 'KeyD' });
    const loaded = sanitizeSettings({ outputDeviceId: 7, inputGain: 9, muteKey: 'x'.repeat(40), deafenKey: '' });
    expect(loaded).toMatchObject({ outputDeviceId: '', inputGain: 2, muteKey: 'KeyM', deafenKey: '' });
    expect(sanitizeSettings({ inputGain: Number.NaN }).inputGain).toBe(1);
  });

  it('keeps the screen on during calls only when asked (a boolean, default off)', () => {
    expect(DEFAULT_SETTINGS.keepScreenOn).toBe(false);
    expect(sanitizeSettings({ keepScreenOn: true }).keepScreenOn).toBe(true);
    expect(sanitizeSettings({ keepScreenOn: 'yes' }).keepScreenOn).toBe(false);
  });

  it('drops unknown fields and replaces invalid ones field by field', () => {
    const storage = memoryStorage();
    storage.setItem(
      SETTINGS_KEY,
      JSON.stringify({
        displayName: 'Eve',
        mode: 'telepathy',
        vadSensitivity: 3,
        extra: true,
        participantVolumes: { A: 9, B: 'loud', C: 0.5 },
      }),
    );
    const loaded = loadSettings(storage);
    expect(loaded).toEqual({ ...DEFAULT_SETTINGS, displayName: 'Eve', participantVolumes: { A: 2, C: 0.5 } });
    expect('extra' in loaded).toBe(false);
  });

  it('keeps a display name of 33 emoji and cuts a longer one between characters, not inside an emoji', () => {
    expect(sanitizeSettings({ displayName: '😀'.repeat(33) }).displayName).toBe('😀'.repeat(33));
    expect(sanitizeSettings({ displayName: '👩‍👩‍👧'.repeat(70) }).displayName).toBe('👩‍👩‍👧'.repeat(64));
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadSettings(broken)).toEqual(DEFAULT_SETTINGS);
    expect(saveSettings(broken, DEFAULT_SETTINGS)).toBe(false);
  });

  it('SettingsStore persists every update and notifies', () => {
    const storage = memoryStorage();
    const store = new SettingsStore(storage);
    const seen: string[] = [];
    const off = store.subscribe((s) => seen.push(s.mode));
    store.update({ mode: 'voice-activity' });
    off();
    store.update({ mode: 'always-on' });
    expect(seen).toEqual(['voice-activity']);
    expect(new SettingsStore(storage).settings.mode).toBe('always-on');
  });
});
