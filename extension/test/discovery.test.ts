// The rules for a page advertising its Voxlay server (utils/discovery.ts), without a browser.
import { describe, expect, it } from 'vitest';
import { acceptAdvertisedServer, readAdvertisedServer } from '../utils/discovery';

/** The two things readAdvertisedServer reads from a document. */
function documentWith(meta: string | null, baseURI: string): Pick<Document, 'querySelector' | 'baseURI'> {
  return {
    baseURI,
    querySelector: ((selector: string) =>
      selector === 'meta[name="voxlay-server"]' && meta !== null ? { content: meta } : null) as Document['querySelector'],
  };
}

describe('server discovery', () => {
  it('reads the meta relative to the page: "/" on the PWA names the server it came from', () => {
    expect(readAdvertisedServer(documentWith('/', 'http://127.0.0.1:4000/channel/abc'))).toBe('http://127.0.0.1:4000/');
    expect(readAdvertisedServer(documentWith('', 'https://voice.example.com/'))).toBe('https://voice.example.com/');
    expect(readAdvertisedServer(documentWith(null, 'https://news.example.com/article'))).toBeNull();
  });

  it('keeps the origin when the page advertises its own origin', () => {
    expect(acceptAdvertisedServer('http://127.0.0.1:4000/', 'http://127.0.0.1:4000/channel/abc')).toBe('http://127.0.0.1:4000');
    expect(acceptAdvertisedServer('https://voice.example.com/', 'https://voice.example.com/')).toBe('https://voice.example.com');
  });

  it("ignores a page advertising somebody else's server, another port, or no http(s) server", () => {
    expect(acceptAdvertisedServer('https://evil.example/', 'https://news.example.com/')).toBeNull();
    expect(acceptAdvertisedServer('http://127.0.0.1:5000/', 'http://127.0.0.1:4000/')).toBeNull();
    expect(acceptAdvertisedServer('https://voice.example.com/', undefined)).toBeNull();
    expect(acceptAdvertisedServer('javascript:alert(1)', 'https://voice.example.com/')).toBeNull();
    expect(acceptAdvertisedServer('file:///x', 'file:///x')).toBeNull();
  });
});
