import { describe, expect, it } from 'vitest';
import { MicrophoneGate } from './MicrophoneGate';
import { DEFAULT_SETTINGS } from '../settings';
import type { VoiceMode } from '../types';

function setup(mode: VoiceMode = 'always-on') {
  const local = { track: {} as MediaStreamTrack | null, vadOpen: false };
  const settings = { settings: { ...DEFAULT_SETTINGS, mode } };
  const gate = new MicrophoneGate(local, settings);
  const applied: boolean[] = [];
  const attach = (initial: boolean) =>
    gate.attach(
      initial,
      async (on) => void applied.push(on),
      () => undefined,
    );
  return { local, settings, gate, applied, attach };
}

describe('MicrophoneGate', () => {
  it('transmits only with an open track and the gate open', () => {
    const { local, gate } = setup();
    expect(gate.compute()).toBe(true);
    local.track = null;
    expect(gate.compute()).toBe(false);
  });

  it('deafening mutes; undeafening restores the mute from before', () => {
    const { gate } = setup();
    expect(gate.setMuted(true)).toBe(true);
    expect(gate.setDeafened(true)).toBe(true);
    expect(gate.setDeafened(true)).toBe(false);
    expect(gate.muted).toBe(true);
    expect(gate.setDeafened(false)).toBe(true);
    expect(gate.muted).toBe(true);
  });

  it('unmuting while deafened is left to undeafen, which then unmutes', () => {
    const { gate } = setup();
    gate.setDeafened(true);
    expect(gate.setMuted(false)).toBe(false);
    expect(gate.muted).toBe(true);
    gate.setDeafened(false);
    expect(gate.muted).toBe(false);
  });

  it('refresh() sends a changed value to the attached producer, once', async () => {
    const { gate, applied, attach } = setup('push-to-talk');
    attach(false);
    expect(gate.transmitting).toBe(false);
    expect(gate.setPushToTalk(true)).toBe(true);
    expect(gate.setPushToTalk(true)).toBe(false);
    expect(gate.refresh()).toBe(true);
    expect(gate.refresh()).toBe(true);
    await gate.apply();
    expect(applied).toEqual([true]);
    expect(gate.transmitting).toBe(true);
  });

  it('detach() stops switching the producer but keeps the inputs', async () => {
    const { gate, applied, attach } = setup();
    attach(true);
    gate.detach();
    gate.setMuted(true);
    expect(gate.refresh()).toBe(false);
    expect(gate.apply()).toBeUndefined();
    expect(applied).toEqual([]);
    expect(gate.muted).toBe(true);
  });
});
