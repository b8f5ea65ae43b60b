import { describe, expect, it } from 'vitest';
import type { Trouble } from '../types';
import { troubleText } from './TroubleNotice';

const base: Trouble = { kind: 'reconnecting', since: 0, attempt: null, nextRetryAt: null, giveUpAt: null, code: null, message: null };

describe('troubleText', () => {
  it('says which attempt runs, when the next one starts and when the Channel gives up', () => {
    const text = troubleText({ ...base, attempt: 3, nextRetryAt: 2_100, giveUpAt: 30_000 }, 0);
    expect(text.title).toBe('Reconnecting to the channel');
    expect(text.detail).toBe('Attempt 3, next try in 3 s. Giving up in 30 s.');
  });

  it('tells the offline device from the unreachable server', () => {
    expect(troubleText({ ...base, kind: 'offline' }, 0).title).toBe('You are offline');
    const unreachable = troubleText({ ...base, kind: 'server-unreachable' }, 0);
    expect(unreachable.title).toBe('Server unreachable');
    expect(unreachable.detail).toMatch(/Your network is up/);
  });

  it('gives the cause of a media failure and of giving up', () => {
    expect(troubleText({ ...base, kind: 'media-failed', code: 'TRANSPORT_FAILED', message: 'No path' }, 0).detail).toBe('No path');
    expect(troubleText({ ...base, kind: 'gave-up', message: 'Could not reconnect within 60 s' }, 0).title).toMatch(/gave up/);
  });
});
