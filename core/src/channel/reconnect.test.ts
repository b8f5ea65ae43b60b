import { describe, expect, it } from 'vitest';
import { DefaultReconnectPolicy, DEFAULT_RETRY_DELAYS_MS } from './reconnect';

describe('DefaultReconnectPolicy', () => {
  it('follows the delay table, then repeats the last delay', () => {
    const policy = new DefaultReconnectPolicy();
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => policy.nextRetryDelayMs(a))).toEqual([0, 300, 1000, 2000, 5000, 5000, 5000]);
    expect(DEFAULT_RETRY_DELAYS_MS[0]).toBe(0);
  });

  it('gives up (null) after maxAttempts', () => {
    const policy = new DefaultReconnectPolicy([10, 20], 3);
    expect(policy.nextRetryDelayMs(2)).toBe(20);
    expect(policy.nextRetryDelayMs(3)).toBeNull();
  });

  it('rejects bad arguments', () => {
    expect(() => new DefaultReconnectPolicy([])).toThrow(TypeError);
    expect(() => new DefaultReconnectPolicy().nextRetryDelayMs(-1)).toThrow(TypeError);
  });
});
