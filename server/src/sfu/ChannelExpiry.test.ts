import { describe, expect, it } from 'vitest';
import { ChannelExpiry } from './ChannelExpiry.js';
import type { ExpiryTimers } from './ChannelExpiryTypes.js';

/** Timers on a clock the test moves: advance(ms) runs what falls due, in order. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: ExpiryTimers = {
    setTimeout: (callback, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = until;
  };
  return { timers, advance, pending };
}

function setup(ttlMs = 1000) {
  const clock = fakeTimers();
  const expiry = new ChannelExpiry({ ttlMs, timers: clock.timers });
  const expired: string[] = [];
  expiry.on('expire', (id) => expired.push(id));
  return { ...clock, expiry, expired };
}

describe('ChannelExpiry', () => {
  it('expires a channel that stays empty for the whole time, once', () => {
    const { expiry, expired, advance } = setup();
    expiry.empty('a');
    advance(999);
    expect(expired).toEqual([]);
    advance(1);
    expect(expired).toEqual(['a']);
    advance(5000);
    expect(expired).toEqual(['a']);
    expect(expiry.has('a')).toBe(false);
  });

  it('does not expire a channel somebody joined before the time was up', () => {
    const { expiry, expired, advance, pending } = setup();
    expiry.empty('a');
    advance(500);
    expiry.occupied('a');
    advance(5000);
    expect(expired).toEqual([]);
    expect(pending.size).toBe(0);
  });

  it('counts the time again from the last time the channel became empty', () => {
    const { expiry, expired, advance } = setup();
    expiry.empty('a');
    advance(800);
    expiry.occupied('a');
    expiry.empty('a');
    advance(800);
    expect(expired).toEqual([]);
    advance(200);
    expect(expired).toEqual(['a']);
  });

  it('keeps the deadline when told twice that a channel is empty', () => {
    const { expiry, expired, advance } = setup();
    expiry.empty('a');
    advance(600);
    expiry.empty('a');
    advance(400);
    expect(expired).toEqual(['a']);
  });

  it('times each channel on its own', () => {
    const { expiry, expired, advance } = setup();
    expiry.empty('a');
    advance(300);
    expiry.empty('b');
    advance(700);
    expect(expired).toEqual(['a']);
    advance(300);
    expect(expired).toEqual(['a', 'b']);
  });

  it('never expires anything with a ttl of 0', () => {
    const { expiry, expired, advance, pending } = setup(0);
    expiry.empty('a');
    advance(1_000_000);
    expect(expired).toEqual([]);
    expect(pending.size).toBe(0);
  });

  it('close() cancels every timer and arms no more', () => {
    const { expiry, expired, advance, pending } = setup();
    expiry.empty('a');
    expiry.empty('b');
    expiry.close();
    expiry.close();
    expiry.empty('c');
    advance(5000);
    expect(expired).toEqual([]);
    expect(pending.size).toBe(0);
    expect(expiry.closed).toBe(true);
  });

  it('refuses a negative or fractional ttl with a TypeError', () => {
    expect(() => new ChannelExpiry({ ttlMs: -1 })).toThrow(TypeError);
    expect(() => new ChannelExpiry({ ttlMs: 1.5 })).toThrow(TypeError);
  });
});
