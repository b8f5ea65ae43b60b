import { useEffect, useRef } from 'preact/hooks';

/**
 * Media Session actions of a call. Chromium has them (Media Session "video conferencing actions");
 * TypeScript's DOM types do not list them yet, and a browser without them throws on registration.
 */
type CallAction = 'togglemicrophone' | 'hangup';

export interface MediaSessionCall {
  /** The channel's name: the title on the lock screen and in the media notification. */
  title: string;
  muted: boolean;
  onToggleMute: () => void;
  onLeave: () => void;
}

function setCallActionHandler(session: MediaSession, action: CallAction, handler: (() => void) | null): boolean {
  const set = session.setActionHandler as (action: string, handler: MediaSessionActionHandler | null) => void;
  try {
    set.call(session, action, handler);
    return true;
  } catch {
    return false; // the browser does not know this action
  }
}

/**
 * While in a call: the channel as the media title (artist "Voxlay"), mute/unmute and leave from the
 * notification or the lock screen, and the microphone indicator kept in step with mute. All of it is
 * cleared when the call screen goes away (leave).
 */
export function useMediaSession({ title, muted, onToggleMute, onLeave }: MediaSessionCall): void {
  const session = typeof navigator !== 'undefined' && 'mediaSession' in navigator ? navigator.mediaSession : null;
  // The handlers registered once per call; they call the latest callbacks.
  const latest = useRef({ onToggleMute, onLeave });
  latest.current = { onToggleMute, onLeave };

  useEffect(() => {
    if (!session || typeof MediaMetadata === 'undefined') return;
    session.metadata = new MediaMetadata({
      title,
      artist: 'Voxlay',
      artwork: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      ],
    });
    return () => {
      session.metadata = null;
    };
  }, [session, title]);

  useEffect(() => {
    if (!session) return;
    setCallActionHandler(session, 'togglemicrophone', () => latest.current.onToggleMute());
    setCallActionHandler(session, 'hangup', () => latest.current.onLeave());
    return () => {
      setCallActionHandler(session, 'togglemicrophone', null);
      setCallActionHandler(session, 'hangup', null);
    };
  }, [session]);

  useEffect(() => {
    if (!session || typeof session.setMicrophoneActive !== 'function') return;
    // Chromium returns undefined (the spec a promise); either may fail where there is no microphone to show.
    Promise.resolve()
      .then(() => session.setMicrophoneActive(!muted))
      .catch(() => undefined);
  }, [session, muted]);
}
