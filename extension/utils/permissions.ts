import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** Host access to the server (asks when it is not one of the manifest's defaults). Call in a user gesture. */
export async function ensureServerAccess(serverUrl: string): Promise<boolean> {
  let origin: string;
  try {
    origin = `${new URL(serverUrl).origin}/*`;
  } catch {
    return false;
  }
  if (await browser.permissions.contains({ origins: [origin] })) return true;
  return browser.permissions.request({ origins: [origin] });
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
