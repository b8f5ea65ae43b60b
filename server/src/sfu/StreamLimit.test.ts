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
