import { describe, expect, it } from 'vitest';
import { KeyedBuckets } from './KeyedBuckets.js';

/** Buckets of 2 per second, burst 2, on a clock the test moves. */
function setup(maxKeys?: number) {
  const clock = { t: 0 };
  const buckets = new KeyedBuckets({ perSecond: 2, burst: 2 }, { now: () => clock.t, maxKeys });
  return { clock, buckets };
}

describe('KeyedBuckets', () => {
  it('gives each key its own bucket', () => {
    const { buckets } = setup();
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 0]);
    expect(buckets.take('a')).toBe(500);
    expect(buckets.take('b')).toBe(0);
    expect(buckets.wait('a')).toBe(500);
    expect(buckets.wait('unknown')).toBe(0);
  });

  it('forgets a key once its bucket has refilled, so a key cycling attacker does not grow the map', () => {
    const { clock, buckets } = setup();
    for (let i = 0; i < 1000; i++) {
      buckets.take(`10.0.${Math.floor(i / 256)}.${i % 256}`);
      clock.t += 100;
    }
    // Each bucket refills in 500 ms (one token at 2/s): only the last few keys are still held.
    expect(buckets.size).toBeLessThanOrEqual(6);
  });

  it('never holds more than maxKeys, even when no bucket is idle', () => {
    const { buckets } = setup(10);
    for (let i = 0; i < 100; i++) buckets.take(`k${i}`, 2);
    expect(buckets.size).toBe(10);
  });

  it('keeps a key that is still draining, however many others come and go', () => {
    const { clock, buckets } = setup();
    buckets.take('abuser', 2);
    for (let i = 0; i < 50; i++) buckets.take(`other${i}`);
    clock.t += 100;
    expect(buckets.take('abuser')).toBeGreaterThan(0);
  });

  it('refuses a rate that is not positive, and a bad maxKeys, with a TypeError', () => {
    expect(() => new KeyedBuckets({ perSecond: 0, burst: 1 })).toThrow(TypeError);
    expect(() => new KeyedBuckets({ perSecond: 1, burst: 1 }, { maxKeys: 0 })).toThrow(TypeError);
  });
});
