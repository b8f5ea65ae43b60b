/**
 * How the extension finds its server without typing: a page served by a Voxlay server (the PWA)
 * carries `<meta name="voxlay-server" content="/">`. The content script reads it and tells the
 * background, which keeps it only when it names the origin the page itself came from (the browser
 * says which page sent the message; a page cannot advertise somebody else's server). The popup
 * then offers "Use <origin>".
 */
export const SERVER_META_NAME = 'voxlay-server';

/** The absolute URL a page's voxlay-server meta names (resolved against the page), or null. */
export function readAdvertisedServer(doc: Pick<Document, 'querySelector' | 'baseURI'>): string | null {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${SERVER_META_NAME}"]`);
  if (!meta) return null;
  try {
    return new URL(meta.content || '/', doc.baseURI).href;
  } catch {
    return null;
  }
}

/**
 * The origin to remember from an advertisement: the advertised URL's origin when it is http(s) and
 * the same origin as the page that sent it (`senderUrl`, as the browser reports it); else null.
 */
export function acceptAdvertisedServer(advertised: string, senderUrl: string | undefined): string | null {
  if (!senderUrl) return null;
  let server: URL;
  let page: URL;
  try {
    server = new URL(advertised);
    page = new URL(senderUrl);
  } catch {
    return null;
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') return null;
  return server.origin === page.origin ? server.origin : null;
}
