import { describe, expect, it } from 'vitest';
import { clean, headline, mergePasses, type PathResult, type Step, voxlayOverRaw } from './capacity-step.js';

const step = (consumers: number, loss: number, sfuCores: number, slices: number[] = [sfuCores]): Step =>
  ({ target: consumers, consumers, loss, sfuCores, sfuCoreSlices: slices, forwardedPps: consumers * 50 }) as unknown as Step;
const pass = (n: number, steps: Step[], path: PathResult['path'] = 'voxlay'): PathResult => ({
  path,
  pass: n,
  steps,
  stopReason: `pass ${n}`,
  saturated: false,
  remeasures: [],
});

describe('mergePasses', () => {
  it('keeps the worst loss, the median of the other figures and every per-second CPU slice', () => {
    const merged = mergePasses('voxlay', [
      pass(1, [step(500, 0.002, 0.3, [0.29, 0.31])]),
      pass(2, [step(500, 0.0, 0.5, [0.5])]),
      pass(3, [step(500, 0.004, 0.4, [0.4])]),
    ]);
    const s = merged.steps[0]!;
    expect(s.loss).toBe(0.004);
    expect(s.sfuCores).toBeCloseTo(0.4);
    expect(s.sfuCoreSlices).toEqual([0.29, 0.31, 0.5, 0.4]);
    expect(s.measuredIn).toBe(3);
  });

  it('counts a step as clean only when every pass measured it under 1% loss', () => {
    const merged = mergePasses('voxlay', [
      pass(1, [step(500, 0, 0.3), step(1000, 0, 0.6), step(1500, 0.02, 0.9)]),
      pass(2, [step(500, 0, 0.3), step(1000, 0, 0.6)]),
    ]);
    expect(merged.steps.map((s) => clean(merged, s))).toEqual([true, true, false]);
    expect(headline(merged)?.consumers).toBe(1000);
  });

  it('does not count a step that only one of two passes reached', () => {
    const merged = mergePasses('voxlay', [
      pass(1, [step(500, 0, 0.3), step(1000, 0, 0.6)]),
      pass(2, [step(500, 0, 0.3), step(1000, 0.03, 0.85)]),
      pass(3, [step(500, 0, 0.3)]),
    ]);
    expect(headline(merged)?.consumers).toBe(500);
  });

  it('has no headline when no step stayed under the limit', () => {
    expect(headline(mergePasses('voxlay', [pass(1, [step(500, 0.05, 0.2)])]))).toBeUndefined();
  });
});

describe('voxlayOverRaw', () => {
  it('compares worker CPU per forwarded packet at the largest count both paths measured under 1% loss', () => {
    const passes = [
      pass(1, [step(100, 0, 0.4), step(200, 0, 0.8), step(300, 0.05, 0.99)], 'voxlay'),
      pass(1, [step(100, 0, 0.36), step(200, 0, 0.72), step(300, 0, 0.9)], 'raw'),
    ];
    const { ratio, common, rawAt } = voxlayOverRaw(passes, mergePasses('voxlay', passes), mergePasses('raw', passes));
    expect(common?.consumers).toBe(200);
    expect(rawAt?.sfuCores).toBeCloseTo(0.72);
    expect(ratio?.estimate).toBeCloseTo(0.9);
  });

  it('has no ratio when no count was clean on both paths', () => {
    const passes = [pass(1, [step(100, 0.02, 0.4)], 'voxlay'), pass(1, [step(100, 0, 0.36)], 'raw')];
    expect(voxlayOverRaw(passes, mergePasses('voxlay', passes), mergePasses('raw', passes)).ratio).toBeUndefined();
  });
});
