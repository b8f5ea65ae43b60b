import { describe, expect, it } from 'vitest';
import { computeRms } from './levels';
import { rmsToDbfs, VoiceActivityDetector } from './vad';

const STEP = 10; // ms per sample

/** Runs dBFS samples through a detector; returns the open flag after each one. */
function run(vad: VoiceActivityDetector, samples: number[]): boolean[] {
  return samples.map((db) => vad.push(db, STEP));
}
const repeat = (db: number, ms: number): number[] => Array.from({ length: Math.round(ms / STEP) }, () => db);

/** RMS of a 10 ms frame of a sine at `amplitude` (48 kHz). */
function sineFrameDb(amplitude: number, frame: number): number {
  const samples = Array.from({ length: 480 }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * (frame * 480 + i)) / 48_000));
  return rmsToDbfs(computeRms(samples));
}

describe('VoiceActivityDetector', () => {
  it('stays closed on silence', () => {
    const vad = new VoiceActivityDetector();
    expect(run(vad, repeat(-90, 2000)).some(Boolean)).toBe(false);
  });

  it('opens on a sustained tone after the attack time and closes after the hangover', () => {
    const vad = new VoiceActivityDetector({ attackMs: 40, hangoverMs: 400 });
    const tone = Array.from({ length: 100 }, (_, i) => sineFrameDb(0.1, i)); // ≈ -23 dBFS for 1 s
    const open = run(vad, tone);
    expect(open.slice(0, 3).some(Boolean)).toBe(false); // 30 ms < attack
    expect(open[3]).toBe(true); // 40 ms
    expect(open.slice(3).every(Boolean)).toBe(true);
    const after = run(vad, repeat(-90, 600));
    expect(after.slice(0, 39).every(Boolean)).toBe(true); // hangover keeps it open
    expect(after[after.length - 1]).toBe(false);
  });

  it('does not chop speech-like bursts separated by short gaps', () => {
    const vad = new VoiceActivityDetector({ sensitivity: 'medium' });
    const speech: number[] = [];
    for (let syllable = 0; syllable < 8; syllable++) {
      speech.push(...repeat(-28 - (syllable % 3) * 4, 180)); // syllables of varying loudness
      speech.push(...repeat(-70, 120 + (syllable % 2) * 100)); // gaps of 120–220 ms
    }
    const open = run(vad, speech);
    const firstOpen = open.indexOf(true);
    expect(firstOpen).toBeGreaterThanOrEqual(0);
    expect(firstOpen * STEP).toBeLessThanOrEqual(50);
    expect(open.slice(firstOpen).every(Boolean)).toBe(true);
  });

  it('does not open on a click', () => {
    const vad = new VoiceActivityDetector();
    const samples = [...repeat(-90, 200), -6, -6, ...repeat(-90, 200), -3, ...repeat(-90, 200)];
    expect(run(vad, samples).some(Boolean)).toBe(false);
  });

  it('opens on quieter input at higher sensitivity (high < medium < low)', () => {
    const opensAt = (sensitivity: 'low' | 'medium' | 'high'): number => {
      for (let db = -90; db <= 0; db += 1) {
        const vad = new VoiceActivityDetector({ sensitivity });
        if (run(vad, repeat(db, 200)).some(Boolean)) return db;
      }
      return Infinity;
    };
    const high = opensAt('high');
    const medium = opensAt('medium');
    const low = opensAt('low');
    expect(high).toBeLessThan(medium);
    expect(medium).toBeLessThan(low);
  });

  it('uses hysteresis: a level between the close and open thresholds keeps it open but does not open it', () => {
    const vad = new VoiceActivityDetector({ sensitivity: 'medium' }); // open -45, close -52
    expect(run(vad, repeat(-48, 500)).some(Boolean)).toBe(false);
    run(vad, repeat(-30, 100));
    expect(run(vad, repeat(-48, 1000)).every(Boolean)).toBe(true);
  });

  it('works with a coarse 100 ms step (background timer)', () => {
    const vad = new VoiceActivityDetector();
    expect(vad.push(-20, 100)).toBe(true);
    expect(vad.push(-90, 100)).toBe(true);
    for (let i = 0; i < 4; i++) vad.push(-90, 100);
    expect(vad.isOpen).toBe(false);
  });

  it('accepts linear RMS and resets', () => {
    const vad = new VoiceActivityDetector({ attackMs: 0 });
    expect(vad.pushRms(0.5, STEP)).toBe(true);
    vad.reset();
    expect(vad.isOpen).toBe(false);
    expect(rmsToDbfs(0)).toBe(-100);
    expect(rmsToDbfs(1)).toBe(0);
  });
});
