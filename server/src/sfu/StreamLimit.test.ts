import { describe, expect, it } from 'vitest';
import { StreamLimit } from './StreamLimit.js';

describe('StreamLimit', () => {
  it('acquire() takes places up to max, then refuses with LIMIT_EXCEEDED videoStreamsPerChannel', () => {
    const limit = new StreamLimit(2);
    limit.acquire();
    limit.acquire();
    expect(limit.held).toBe(2);
    let refusal: unknown;
    try {
      limit.acquire();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'videoStreamsPerChannel', max: 2 } });
    expect(limit.held).toBe(2);
  });

  it('release() gives a place back for the next acquire()', () => {
    const limit = new StreamLimit(1);
    limit.acquire();
    limit.release();
    expect(limit.held).toBe(0);
    limit.acquire();
    expect(limit.held).toBe(1);
  });

  it('release() without a place held throws RangeError', () => {
    expect(() => new StreamLimit(1).release()).toThrow(RangeError);
  });

  it('new StreamLimit() throws TypeError for a negative or fractional max', () => {
    expect(() => new StreamLimit(-1)).toThrow(TypeError);
    expect(() => new StreamLimit(1.5)).toThrow(TypeError);
  });
});

describe('StreamLimit bitrate', () => {
  it('acquire(bitrate) refuses a stream that would pass maxBitrate with LIMIT_EXCEEDED videoBitratePerChannel, and holds nothing for it', () => {
    const limit = new StreamLimit(10, 5_000_000);
    limit.acquire(3_000_000);
    let refusal: unknown;
    try {
      limit.acquire(2_500_000);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'videoBitratePerChannel', max: 5_000_000 } });
    expect(refusal).toHaveProperty('message', expect.stringContaining('2000 kbps left'));
    expect([limit.held, limit.heldBitrate]).toEqual([1, 3_000_000]);
    limit.acquire(2_000_000);
    expect(limit.heldBitrate).toBe(5_000_000);
  });

  it('release(bitrate) makes room for the next stream', () => {
    const limit = new StreamLimit(10, 4_000_000);
    limit.acquire(4_000_000);
    limit.release(4_000_000);
    expect([limit.held, limit.heldBitrate]).toEqual([0, 0]);
    limit.acquire(4_000_000);
    expect(limit.held).toBe(1);
  });
});
