import { describe, expect, it } from 'vitest';
import { SerialSwitch } from './serialSwitch';

function deferredApply() {
  const calls: boolean[] = [];
  let active = 0;
  let maxActive = 0;
  const apply = async (value: boolean): Promise<void> => {
    calls.push(value);
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise((r) => setTimeout(r, 5));
    active--;
  };
  return { calls, apply, maxActive: () => maxActive };
}

describe('SerialSwitch', () => {
  it('serializes calls and applies only the last wish (last wins)', async () => {
    const d = deferredApply();
    const s = new SerialSwitch(false, d.apply);
    void s.set(true);
    void s.set(false);
    void s.set(true);
    void s.set(false);
    await s.set(true);
    expect(d.calls).toEqual([true]);
    expect(d.maxActive()).toBe(1);
    await s.set(false);
    expect(d.calls).toEqual([true, false]);
    expect(s.value).toBe(false);
  });

  it('re-applies when the wish changes during a call', async () => {
    const d = deferredApply();
    const s = new SerialSwitch(false, d.apply);
    const first = s.set(true);
    await new Promise((r) => setTimeout(r, 1));
    void s.set(false);
    await first;
    expect(d.calls).toEqual([true, false]);
  });

  it('makes no call for the value already applied, and stops on error', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const s = new SerialSwitch(
      true,
      async () => {
        calls++;
        throw new Error('nope');
      },
      (e) => errors.push(e),
    );
    await s.set(true);
    expect(calls).toBe(0);
    await s.set(false);
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    expect(s.value).toBe(true);
  });

  it('does not lose a wish made right after a no-op set() in the same tick', async () => {
    const d = deferredApply();
    const s = new SerialSwitch(false, d.apply);
    void s.set(false); // nothing to do
    await s.set(true);
    expect(d.calls).toEqual([true]);
    expect(s.value).toBe(true);
  });
});
