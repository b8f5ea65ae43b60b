import { useEffect } from 'preact/hooks';

export const APP_TITLE = 'Voxlay';

/**
 * The document's title is `title · Voxlay` while mounted, `Voxlay` again after. Installed, the app has
 * no tab strip: its window's title bar and the app switcher show this title.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_TITLE}` : APP_TITLE;
    return () => {
      document.title = APP_TITLE;
    };
  }, [title]);
}
