import { useEffect, useState } from 'preact/hooks';

const STANDALONE = '(display-mode: standalone)';

/** iOS Safari's own flag for a page opened from the home screen (not in lib.dom). */
const iosStandalone = () => (navigator as Navigator & { standalone?: boolean }).standalone === true;

/**
 * True while the app runs installed, in its own window without the browser's address bar and tabs:
 * the display mode is standalone (the manifest's `display`), or iOS says it was opened from the home
 * screen. Follows a change of the display mode.
 */
export function useInstalled(): boolean {
  const [installed, setInstalled] = useState(() => matchMedia(STANDALONE).matches || iosStandalone());
  useEffect(() => {
    const query = matchMedia(STANDALONE);
    const update = () => setInstalled(query.matches || iosStandalone());
    query.addEventListener('change', update);
    update();
    return () => query.removeEventListener('change', update);
  }, []);
  return installed;
}
