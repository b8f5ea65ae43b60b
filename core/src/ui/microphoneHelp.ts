/** Which browser family the user agent names (only for the words of the help text). */
export type BrowserFamily = 'firefox' | 'safari' | 'edge' | 'chromium' | 'other';

export function browserFamily(userAgent: string): BrowserFamily {
  if (/firefox\//i.test(userAgent)) return 'firefox';
  if (/edg\//i.test(userAgent)) return 'edge';
  if (/chrom(e|ium)\//i.test(userAgent)) return 'chromium';
  if (/safari\//i.test(userAgent)) return 'safari';
  return 'other';
}

/**
 * What to do about a microphone that could not be opened, for this browser: `code` is the
 * microphone error's (MICROPHONE_DENIED, MICROPHONE_DISMISSED, MICROPHONE_NOT_FOUND, MICROPHONE_BUSY, ...).
 */
export function microphoneHelp(code: string, userAgent: string): { title: string; help: string } {
  const family = browserFamily(userAgent);
  if (code === 'MICROPHONE_DISMISSED') {
    return { title: 'The microphone prompt was closed', help: 'Press Retry and choose Allow when the browser asks for the microphone.' };
  }
  if (code === 'MICROPHONE_DENIED') {
    const where =
      family === 'firefox'
        ? 'Click the crossed-out microphone icon at the left of the address bar, remove the "Blocked" permission'
        : family === 'safari'
          ? 'Open Safari › Settings for This Website and set Microphone to Allow'
          : 'Click the icon at the left of the address bar (site settings), set Microphone to Allow';
    return { title: 'Microphone access is blocked', help: `${where}, then press Retry. Your system settings may also block the browser.` };
  }
  if (code === 'MICROPHONE_NOT_FOUND') {
    return {
      title: 'No microphone was found',
      help: 'Plug in or turn on a microphone (check it is enabled in your system sound settings), then press Retry.',
    };
  }
  if (code === 'MICROPHONE_BUSY') {
    return {
      title: 'The microphone is in use or cannot be opened',
      help: 'Close other apps or tabs using the microphone (calls, recorders), or pick another microphone in the settings, then press Retry.',
    };
  }
  return {
    title: 'The microphone could not be opened',
    help: 'Check your microphone and the browser\u2019s permission for this site, then press Retry.',
  };
}
