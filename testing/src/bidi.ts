// Where text is drawn, for bidi tests: each character's box on screen (a Range over it), and how an
// element is isolated. What a reader sees, not which markup produced it.
import type { Locator } from 'playwright-core';

export interface Glyph {
  char: string;
  left: number;
  right: number;
}

/** Every character of the element's text (code point by code point) with its horizontal extent on screen. */
export function glyphs(element: Locator): Promise<Glyph[]> {
  return element.evaluate((root) => {
    const out: { char: string; left: number; right: number }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; ) {
        const cp = text.codePointAt(i)!;
        const length = cp > 0xffff ? 2 : 1;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + length);
        const rect = range.getBoundingClientRect();
        if (rect.width > 0) out.push({ char: String.fromCodePoint(cp), left: rect.left, right: rect.right });
        i += length;
      }
    }
    return out;
  });
}

/** The horizontal position of the first glyph `char` (throws when it is not drawn). */
export function leftOf(all: Glyph[], char: string): number {
  const glyph = all.find((g) => g.char === char);
  if (!glyph) throw new Error(`no glyph ${JSON.stringify(char)} in ${JSON.stringify(all.map((g) => g.char).join(''))}`);
  return glyph.left;
}

/** The element's computed `unicode-bidi` and resolved `direction`. */
export function bidiStyle(element: Locator): Promise<{ unicodeBidi: string; direction: string }> {
  return element.evaluate((el) => {
    const style = getComputedStyle(el);
    return { unicodeBidi: style.unicodeBidi, direction: style.direction };
  });
}
