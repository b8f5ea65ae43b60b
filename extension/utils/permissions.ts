import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** The part of `browser.permissions` the server-access helpers use. */
export interface HostPermissions {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * The host permission pattern a server needs: `scheme://hostname/*`, without the port. Firefox's
 * match patterns have no port (a pattern with one never matches, so `contains` said false for
 * `http://127.0.0.1:PORT/*` although the manifest grants `http://127.0.0.1/*`); in Chrome a pattern
 * without a port covers every port. null for anything but an http(s) URL.
 */
export function serverAccessPattern(serverUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/** Whether the extension may already reach the server (no prompt). */
export function hasServerAccess(serverUrl: string, permissions: HostPermissions = browser.permissions): Promise<boolean> {
  const pattern = serverAccessPattern(serverUrl);
  return pattern ? permissions.contains({ origins: [pattern] }) : Promise.resolve(false);
}

/**
 * Asks for host access to the server. Call it synchronously in the user's click or submit handler,
 * before any `await`: Firefox refuses `permissions.request` outside a user input handler. When the
 * access is already granted (the manifest's defaults, or an earlier answer) both browsers resolve
 * true without a prompt, so there is no need (and no time) to check first.
 */
export function requestServerAccess(serverUrl: string, permissions: HostPermissions = browser.permissions): Promise<boolean> {
  const pattern = serverAccessPattern(serverUrl);
  if (!pattern) return Promise.resolve(false);
  return permissions.request({ origins: [pattern] }).catch(() => false);
}

export function openPermissionPage(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/permission.html') });
}

/** The extension origin's microphone permission state ('prompt' | 'granted' | 'denied'), live. */
export function useMicrophonePermission(): PermissionState | 'unknown' {
  const [state, setState] = useState<PermissionState | 'unknown'>('unknown');
  useEffect(() => {
    let status: PermissionStatus | null = null;
    const onChange = (): void => setState(status?.state ?? 'unknown');
    navigator.permissions
      ?.query({ name: 'microphone' as PermissionName })
      .then((s) => {
        status = s;
        onChange();
        s.addEventListener('change', onChange);
      })
      .catch(() => setState('unknown'));
    return () => status?.removeEventListener('change', onChange);
  }, []);
  return state;
}
