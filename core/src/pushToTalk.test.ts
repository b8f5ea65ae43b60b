import { describe, expect, it } from 'vitest';
import { bindPushToTalkKey } from './pushToTalk';

/** Where a key is pressed: a stand-in element with a tag name and `closest()`, as the binding reads them. */
class FakeElement extends EventTarget {
  constructor(
    readonly tagName: string,
    private readonly pressable: boolean,
  ) {
    super();
  }
  closest(): FakeElement | null {
    return this.pressable ? this : null;
  }
}

const key = (type: 'keydown' | 'keyup', code: string) => Object.assign(new Event(type, { cancelable: true }), { code, repeat: false });

function bound(where: FakeElement, pttKey: string) {
  const presses: boolean[] = [];
  const undo = bindPushToTalkKey({ state: { pttKey }, setPushToTalk: (p) => presses.push(p) }, where);
  return { presses, undo };
}

describe('bindPushToTalkKey', () => {
  it('talks while the key is down outside fields and buttons, and stops on key up', () => {
    const page = new FakeElement('DIV', false);
    const { presses, undo } = bound(page, 'Space');
    const down = key('keydown', 'Space');
    page.dispatchEvent(down);
    page.dispatchEvent(key('keyup', 'Space'));
    expect(presses).toEqual([true, false]);
    expect(down.defaultPrevented).toBe(true); // no page scroll
    undo();
  });

  it('leaves Space and Enter to a focused button (they press it) but a letter key still talks there', () => {
    const button = new FakeElement('BUTTON', true);
    const space = bound(button, 'Space');
    const down = key('keydown', 'Space');
    button.dispatchEvent(down);
    expect(space.presses).toEqual([]);
    expect(down.defaultPrevented).toBe(false);
    space.undo();

    const letter = bound(button, 'KeyV');
    button.dispatchEvent(key('keydown', 'KeyV'));
    expect(letter.presses).toEqual([true]);
    letter.undo();
  });

  it('ignores the key while typing in a field', () => {
    const input = new FakeElement('INPUT', false);
    const { presses, undo } = bound(input, 'KeyV');
    input.dispatchEvent(key('keydown', 'KeyV'));
    expect(presses).toEqual([]);
    undo();
  });
});
