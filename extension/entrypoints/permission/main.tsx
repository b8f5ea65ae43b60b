import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { voicePanelCss } from '@voxlay/core/ui';
import { pageCss } from '../../utils/pageCss';

/**
 * Asks for the microphone once, from a visible extension page: the permission then belongs to the
 * extension's origin, which the offscreen document shares (it cannot show a prompt itself).
 */
function PermissionPage() {
  const [status, setStatus] = useState<'idle' | 'asking' | 'granted' | 'denied'>('idle');
  const done = useRef<HTMLParagraphElement>(null);
  // The button goes away once granted: focus moves to the confirmation rather than to the page.
  useEffect(() => {
    if (status === 'granted') done.current?.focus();
  }, [status]);
  const ask = async () => {
    setStatus('asking');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      setStatus('granted');
    } catch {
      setStatus('denied');
    }
  };
  return (
    <main class="xp xp--page" data-testid="permission-page">
      <h1>Let Voxlay use your microphone</h1>
      <p>
        Voxlay keeps your voice channel running in the background while you browse, so that the call does not drop when you change pages or
        tabs. For that, the extension itself (not the websites you visit) needs access to your microphone.
      </p>
      <p class="xp__muted">
        You are asked once. Your voice is only sent while you are in a channel and not muted; the websites you visit never get access. You
        can revoke it any time in the browser's site settings for this extension.
      </p>
      {status !== 'granted' && (
        <button
          type="button"
          class="vx-button vx-button--primary"
          data-testid="allow-microphone"
          disabled={status === 'asking'}
          onClick={() => void ask()}
        >
          Allow microphone
        </button>
      )}
      {status === 'granted' && (
        <p ref={done} tabIndex={-1} role="status" data-testid="permission-granted">
          Done. You can close this tab and join a channel from the toolbar.
        </p>
      )}
      {status === 'denied' && (
        <p class="vx-error" role="alert" data-testid="permission-denied">
          The microphone was blocked. Allow it in the browser's settings for this extension, then try again. You can still join listen-only.
        </p>
      )}
    </main>
  );
}

const style = document.createElement('style');
style.textContent = `${voicePanelCss}\n${pageCss}`;
document.head.append(style);
render(<PermissionPage />, document.getElementById('app')!);
