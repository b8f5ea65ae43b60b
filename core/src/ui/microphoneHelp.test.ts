import { describe, expect, it } from 'vitest';
import { browserFamily, microphoneHelp } from './microphoneHelp';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

describe('microphoneHelp', () => {
  it('names the browser family from the user agent', () => {
    expect(browserFamily(FIREFOX)).toBe('firefox');
    expect(browserFamily(CHROME)).toBe('chromium');
    expect(browserFamily(SAFARI)).toBe('safari');
  });

  it("says where this browser's blocked permission is undone", () => {
    expect(microphoneHelp('MICROPHONE_DENIED', FIREFOX).help).toMatch(/address bar/);
    expect(microphoneHelp('MICROPHONE_DENIED', SAFARI).help).toMatch(/Settings for This Website/);
    expect(microphoneHelp('MICROPHONE_DENIED', CHROME).help).toMatch(/site settings/);
  });

  it('tells dismissed, missing and busy apart, each with Retry', () => {
    for (const code of ['MICROPHONE_DISMISSED', 'MICROPHONE_NOT_FOUND', 'MICROPHONE_BUSY', 'MICROPHONE_ERROR']) {
      expect(microphoneHelp(code, CHROME).help).toMatch(/Retry/);
    }
    expect(microphoneHelp('MICROPHONE_BUSY', CHROME).title).toMatch(/in use/);
  });
});
