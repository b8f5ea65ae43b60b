import { describe, expect, it } from 'vitest';
import type { SettingsStorage } from '../../settings';
import { NOISE_SUPPRESSION_KEY, NoiseSuppressionChoices, noiseSuppressionByDefault, VadEngine } from './noiseSuppressionChoices';

function memory(): SettingsStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('NoiseSuppressionChoices', () => {
  it('remembers the choice per microphone, and others keep the default', () => {
    const storage = memory();
    const choices = new NoiseSuppressionChoices(storage, true);
    choices.set('usb-mic', false);
    expect(choices.enabledFor('usb-mic')).toBe(false);
    expect(choices.enabledFor('')).toBe(true);
    expect(new NoiseSuppressionChoices(storage, true).enabledFor('usb-mic')).toBe(false);
  });

  it('sees a choice another page wrote to the shared storage', () => {
    const storage = memory();
    const a = new NoiseSuppressionChoices(storage, false);
    const b = new NoiseSuppressionChoices(storage, false);
    b.set('', true);
    expect(a.enabledFor('')).toBe(true);
  });

  it('reads corrupt storage as the defaults', () => {
    const storage = memory();
    storage.setItem(NOISE_SUPPRESSION_KEY, '{not json');
    const choices = new NoiseSuppressionChoices(storage, true);
    expect(choices.enabledFor('x')).toBe(true);
    expect(choices.vadEngine).toBe(VadEngine.Neural);
  });

  it('keeps the VAD engine override beside the device choices', () => {
    const choices = new NoiseSuppressionChoices(memory(), false);
    choices.set('a', true);
    choices.setVadEngine(VadEngine.Energy);
    expect(choices.vadEngine).toBe(VadEngine.Energy);
    expect(choices.enabledFor('a')).toBe(true);
  });

  it('is off by default below 4 logical cores', () => {
    expect(noiseSuppressionByDefault({ hardwareConcurrency: 2 })).toBe(false);
    expect(noiseSuppressionByDefault(undefined)).toBe(false);
  });
});
