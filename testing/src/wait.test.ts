import { describe, expect, it } from 'vitest';
import { defined, waitFor } from './wait.js';

describe('waitFor', () => {
  it('returns the first value that is done, reading until then', async () => {
    let reads = 0;
    const value = await waitFor(
      () => ++reads,
      (n) => n === 3,
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it('without a message, returns the last value at the timeout and lets errors of read through', async () => {
    const started = Date.now();
    expect(
      await waitFor(
        async () => 'no',
        (v) => v === 'yes',
        { timeoutMs: 50, intervalMs: 10 },
      ),
    ).toBe('no');
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    await expect(
      waitFor(
        () => Promise.reject(new Error('boom')),
        () => true,
        50,
      ),
    ).rejects.toThrow('boom');
  });

  it('with a message, retries errors and throws at the timeout with the message and the last error or value', async () => {
    let reads = 0;
    const value = await waitFor(
      async () => {
        if (++reads < 3) throw new Error('not yet');
        return reads === 3 ? 'ready' : undefined;
      },
      defined,
      { message: 'the thing', intervalMs: 1 },
    );
    expect(value).toBe('ready');
    await expect(
      waitFor(
        () => Promise.reject(new Error('down')),
        () => true,
        { message: 'the node', timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/^timed out after 30 ms waiting for the node: Error: down$/);
    await expect(
      waitFor(
        () => ({ n: 1 }),
        (v) => v.n === 2,
        { message: 'n to be 2', timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow('timed out after 30 ms waiting for n to be 2; last value: {"n":1}');
  });
});
