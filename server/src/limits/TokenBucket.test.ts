import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(100);
    now = 100;
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBeGreaterThan(0);
    now = 10_000;
    expect(bucket.take(3)).toBe(0);
  });

  it('takes nothing when a costly request is refused, and charges at most the whole bucket', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 2, () => now);
    expect(bucket.take()).toBe(0);
    expect(bucket.take(2)).toBe(1000);
    expect(bucket.take(1)).toBe(0);
    now = 500;
    expect(bucket.take()).toBe(500);
    now = 2000;
    expect(bucket.take(5)).toBe(0);
    expect(bucket.take()).toBe(1000);
  });
});

describe('TokenBucket.wait and full', () => {
  it('says how long until tokens are there without taking any', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    expect(bucket.full).toBe(true);
    expect(bucket.wait(2)).toBe(0);
    expect(bucket.wait(2)).toBe(0);
    expect(bucket.take(2)).toBe(0);
    expect(bucket.full).toBe(false);
    expect(bucket.wait()).toBe(100);
    now = 200;
    expect(bucket.full).toBe(true);
  });

  it('refuses a rate or burst that is not positive with a TypeError', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(TypeError);
    expect(() => new TokenBucket(1, 0)).toThrow(TypeError);
  });
});
