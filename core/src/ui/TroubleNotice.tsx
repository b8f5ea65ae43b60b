/** @jsxImportSource preact */
import { useEffect, useState } from 'preact/hooks';
import type { Trouble } from '../types.js';

export interface TroubleNoticeProps {
  trouble: Trouble;
  /** Shown as a "Rejoin" button when the Channel gave up or audio found no path. */
  onRejoin?: () => void;
}

/** Whole seconds from now until `at` (never negative). */
function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The words for a trouble (heading and detail), at time `now`. */
export function troubleText(trouble: Trouble, now: number): { title: string; detail: string } {
  const giveUp = trouble.giveUpAt !== null ? ` Giving up in ${secondsUntil(trouble.giveUpAt, now)} s.` : '';
  switch (trouble.kind) {
    case 'offline':
      return { title: 'You are offline', detail: `This device has no network. Voxlay reconnects as soon as it is back.${giveUp}` };
    case 'server-unreachable':
      return {
        title: 'Server unreachable',
        detail: `Your network is up, but the Voxlay server does not answer (down or restarting). Still trying.${giveUp}`,
      };
    case 'reconnecting': {
      const attempt = trouble.attempt !== null ? `Attempt ${trouble.attempt}` : 'Rejoining';
      const next = trouble.nextRetryAt !== null ? `, next try in ${secondsUntil(trouble.nextRetryAt, now)} s` : ', trying now';
      return { title: 'Reconnecting to the channel', detail: `${attempt}${next}.${giveUp}` };
    }
    case 'media-connecting':
      return { title: 'Connecting audio…', detail: 'The server answers, but the audio connection is not up yet: restarting it (ICE).' };
    case 'media-failed':
      return { title: 'No audio connection', detail: trouble.message ?? 'Audio could not reach the voice server.' };
    case 'gave-up':
      return { title: 'Disconnected: gave up reconnecting', detail: trouble.message ?? 'Could not reconnect to the channel.' };
  }
}

/**
 * What is wrong, in words, with the retry countdown and, once the Channel gave up or audio found no
 * path, a Rejoin button. An alert for those two; a polite status while it is still trying.
 */
export function TroubleNotice({ trouble, onRejoin }: TroubleNoticeProps) {
  const [now, setNow] = useState(() => Date.now());
  const counting = trouble.nextRetryAt !== null || trouble.giveUpAt !== null;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [counting]);
  const final = trouble.kind === 'gave-up' || trouble.kind === 'media-failed';
  const { title, detail } = troubleText(trouble, Math.max(now, Date.now()));
  return (
    <div
      class={final ? 'vx-trouble vx-trouble--final' : 'vx-trouble'}
      role={final ? 'alert' : 'status'}
      data-testid="trouble"
      data-kind={trouble.kind}
      data-code={trouble.code ?? undefined}
      data-attempt={trouble.attempt ?? undefined}
    >
      <p class="vx-trouble__title">{title}</p>
      <p class="vx-trouble__detail">
        {detail}
        {trouble.code && <span class="vx-trouble__code"> ({trouble.code})</span>}
      </p>
      {final && onRejoin && (
        <button type="button" class="vx-button vx-button--primary" data-testid="rejoin-button" onClick={onRejoin}>
          Rejoin
        </button>
      )}
    </div>
  );
}
