import { describe, expect, it } from 'vitest';
import { audioPausesInBackground } from '../src/platform';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPHONE_CHROME =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1';
const IPAD_OLD =
  'Mozilla/5.0 (iPad; CPU OS 12_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const DESKTOP_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

describe('audioPausesInBackground', () => {
  it('is true on an iPhone, in Safari and in any other iOS browser (all WebKit)', () => {
    expect(audioPausesInBackground(IPHONE_SAFARI, 5)).toBe(true);
    expect(audioPausesInBackground(IPHONE_CHROME, 5)).toBe(true);
  });

  it('is true on an iPad, including iPadOS reporting a Mac user agent with a touch screen', () => {
    expect(audioPausesInBackground(IPAD_OLD, 5)).toBe(true);
    expect(audioPausesInBackground(MAC_SAFARI, 5)).toBe(true);
  });

  it('is false on a Mac without touch, on Android and on desktop Firefox', () => {
    expect(audioPausesInBackground(MAC_SAFARI, 0)).toBe(false);
    expect(audioPausesInBackground(ANDROID_CHROME, 5)).toBe(false);
    expect(audioPausesInBackground(DESKTOP_FIREFOX, 0)).toBe(false);
  });
});
