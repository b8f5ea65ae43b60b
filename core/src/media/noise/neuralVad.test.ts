import { describe, expect, it } from 'vitest';
import { VadSensitivity } from '../../types';
import { NeuralVoiceActivityDetector } from './neuralVad';

describe('NeuralVoiceActivityDetector', () => {
  it('opens once the model hears voice for the attack time at a level above the close threshold', () => {
    const vad = new NeuralVoiceActivityDetector(VadSensitivity.Medium, 40, 400);
    expect(vad.push(0.95, -30, 20)).toBe(false);
    expect(vad.push(0.95, -30, 20)).toBe(true);
  });

  it('stays closed on faint sound the model calls voice (below the energy close threshold)', () => {
    const vad = new NeuralVoiceActivityDetector(VadSensitivity.Medium, 40, 400);
    for (let i = 0; i < 20; i++) expect(vad.push(0.99, -70, 20)).toBe(false);
  });

  it('stays closed on loud noise the model does not call voice', () => {
    const vad = new NeuralVoiceActivityDetector(VadSensitivity.Medium, 40, 400);
    for (let i = 0; i < 20; i++) expect(vad.push(0.2, -20, 20)).toBe(false);
  });

  it('keeps the gate open for the hangover, then closes', () => {
    const vad = new NeuralVoiceActivityDetector(VadSensitivity.Medium, 0, 100);
    expect(vad.push(0.9, -30, 20)).toBe(true);
    expect(vad.push(0.1, -80, 60)).toBe(true);
    expect(vad.push(0.1, -80, 60)).toBe(false);
  });

  it('opens on less certain voice at high sensitivity than at low', () => {
    const high = new NeuralVoiceActivityDetector(VadSensitivity.High, 0, 100);
    const low = new NeuralVoiceActivityDetector(VadSensitivity.Low, 0, 100);
    expect(high.push(0.8, -40, 20)).toBe(true);
    expect(low.push(0.8, -40, 20)).toBe(false);
  });

  it('push() throws a TypeError on a probability outside 0..1', () => {
    expect(() => new NeuralVoiceActivityDetector().push(1.5, -30, 20)).toThrow(TypeError);
  });
});
