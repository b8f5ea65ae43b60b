import { describe, expect, it } from 'vitest';
import { isGateOpen, isTransmitting, type GateInput } from './gate';
import type { VoiceMode } from '../types';

const base: GateInput = { mode: 'always-on', muted: false, deafened: false, pttPressed: false, vadOpen: false };

describe('gate', () => {
  it('always-on transmits unless muted or deafened', () => {
    expect(isTransmitting(base)).toBe(true);
    expect(isTransmitting({ ...base, muted: true })).toBe(false);
    expect(isTransmitting({ ...base, deafened: true })).toBe(false);
  });

  it('push-to-talk transmits only while held', () => {
    const ptt = { ...base, mode: 'push-to-talk' as const };
    expect(isTransmitting(ptt)).toBe(false);
    expect(isTransmitting({ ...ptt, pttPressed: true })).toBe(true);
    expect(isTransmitting({ ...ptt, pttPressed: true, muted: true })).toBe(false);
    expect(isTransmitting({ ...ptt, pttPressed: true, vadOpen: true, deafened: true })).toBe(false);
  });

  it('voice-activity transmits only while the detector is open', () => {
    const vad = { ...base, mode: 'voice-activity' as const };
    expect(isTransmitting(vad)).toBe(false);
    expect(isTransmitting({ ...vad, pttPressed: true })).toBe(false);
    expect(isTransmitting({ ...vad, vadOpen: true })).toBe(true);
    expect(isTransmitting({ ...vad, vadOpen: true, muted: true })).toBe(false);
  });

  it('matches the rule on every combination', () => {
    const modes: VoiceMode[] = ['always-on', 'push-to-talk', 'voice-activity'];
    for (const mode of modes)
      for (let bits = 0; bits < 16; bits++) {
        const input: GateInput = { mode, muted: !!(bits & 1), deafened: !!(bits & 2), pttPressed: !!(bits & 4), vadOpen: !!(bits & 8) };
        const gate = mode === 'always-on' ? true : mode === 'push-to-talk' ? input.pttPressed : input.vadOpen;
        expect(isTransmitting(input)).toBe(!input.muted && !input.deafened && gate);
        expect(isGateOpen(input)).toBe(gate);
      }
  });
});
