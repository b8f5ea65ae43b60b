// Host access to the server, with a stand-in for Firefox's permissions API that keeps Firefox's two
// rules seen in issue 15: match patterns have no port (a pattern with one matches nothing), and
// `permissions.request` is refused outside a user input handler (after an await, for instance).
import { describe, expect, it } from 'vitest';
import { hasServerAccess, requestServerAccess, serverAccessPattern, type HostPermissions } from '../utils/permissions';

/** Firefox's permissions as the extension sees them: the manifest's patterns granted, request only in a handler. */
class FirefoxPermissions implements HostPermissions {
  private readonly granted = new Set(['http://localhost/*', 'http://127.0.0.1/*']);
  private inHandler = false;
  /** Which prompts the user saw (and allowed). */
  readonly prompts: string[] = [];

  /** Runs `handler` as the browser runs a click handler: user input lasts while it runs synchronously. */
  userInput(handler: () => void): void {
    this.inHandler = true;
    try {
      handler();
    } finally {
      this.inHandler = false;
    }
  }

  contains({ origins }: { origins: string[] }): Promise<boolean> {
    return Promise.resolve(origins.every((o) => this.granted.has(o)));
  }

  request({ origins }: { origins: string[] }): Promise<boolean> {
    if (!this.inHandler) return Promise.reject(new Error('permissions.request may only be called from a user input handler'));
    for (const origin of origins) {
      if (!this.granted.has(origin)) this.prompts.push(origin);
      this.granted.add(origin);
    }
    return Promise.resolve(true);
  }
}

describe('server access', () => {
  it('serverAccessPattern keeps the scheme and host and drops the port and path', () => {
    expect(serverAccessPattern('http://127.0.0.1:41234/graphql')).toBe('http://127.0.0.1/*');
    expect(serverAccessPattern('https://voice.example.com')).toBe('https://voice.example.com/*');
    expect(serverAccessPattern('  http://[::1]:3000/  ')).toBe('http://[::1]/*');
  });

  it('serverAccessPattern is null for anything but an http(s) URL', () => {
    expect(serverAccessPattern('')).toBeNull();
    expect(serverAccessPattern('voice.example.com')).toBeNull();
    expect(serverAccessPattern('ftp://voice.example.com')).toBeNull();
    expect(serverAccessPattern('javascript:alert(1)')).toBeNull();
  });

  it('a 127.0.0.1 server on any port is covered by the manifest in Firefox, without a prompt', async () => {
    const permissions = new FirefoxPermissions();
    expect(await hasServerAccess('http://127.0.0.1:41234', permissions)).toBe(true);
    let granted: Promise<boolean> | null = null;
    permissions.userInput(() => {
      granted = requestServerAccess('http://127.0.0.1:41234', permissions);
    });
    expect(await granted).toBe(true);
    expect(permissions.prompts).toEqual([]);
  });

  it('requestServerAccess in the click handler gets another server granted in Firefox', async () => {
    const permissions = new FirefoxPermissions();
    expect(await hasServerAccess('https://voice.example.com:8443', permissions)).toBe(false);
    let granted: Promise<boolean> | null = null;
    permissions.userInput(() => {
      granted = requestServerAccess('https://voice.example.com:8443', permissions);
    });
    expect(await granted).toBe(true);
    expect(permissions.prompts).toEqual(['https://voice.example.com/*']);
    expect(await hasServerAccess('https://voice.example.com', permissions)).toBe(true);
  });

  it('a request that waited for something first is refused in Firefox, and reported as no access', async () => {
    // The order the popup used before: check, await, then request.
    const permissions = new FirefoxPermissions();
    let granted: Promise<boolean> | null = null;
    permissions.userInput(() => {
      granted = hasServerAccess('https://voice.example.com', permissions).then((has) =>
        has ? true : requestServerAccess('https://voice.example.com', permissions),
      );
    });
    expect(await granted).toBe(false);
    expect(permissions.prompts).toEqual([]);
  });

  it('requestServerAccess resolves false without asking for a URL that is not http(s)', async () => {
    const permissions = new FirefoxPermissions();
    let granted: Promise<boolean> | null = null;
    permissions.userInput(() => {
      granted = requestServerAccess('file:///etc/passwd', permissions);
    });
    expect(await granted).toBe(false);
    expect(permissions.prompts).toEqual([]);
  });
});
