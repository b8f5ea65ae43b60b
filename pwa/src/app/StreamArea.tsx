import { useMemo, useRef, useState } from 'preact/hooks';
import type { Channel, StreamWatch } from '@voxlay/core';
import { StreamTile } from '@voxlay/core/ui';
import type { ChannelState } from '../core';
import { SelfViewTile } from './SelfViewTile';

export interface StreamAreaProps {
  channel: Channel;
  state: ChannelState;
}

const warn = (e: unknown) => console.warn('[voxlay]', e);

/**
 * The streams of the channel: first the user's own camera and screen (SelfViewTile, from the local
 * tracks), then a tile per remote camera and screen (a screen's sound goes with its screen),
 * playing while watched, a Watch button otherwise; one tile can be focused (shown large, the others
 * in a strip). Nothing is received until Watch: a stream costs only its viewers.
 */
export function StreamArea({ channel, state }: StreamAreaProps) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // One attach function per StreamWatch, so a tile's effect runs once per watch, not on every render.
  const attachers = useRef(new WeakMap<StreamWatch, (video: HTMLVideoElement) => () => void>());
  const watching = state.watching ?? [];
  const streams = useMemo(
    () =>
      state.participants.flatMap((p) =>
        (p.streams ?? []).filter((s) => s.source !== 'screen-audio').map((stream) => ({ stream, name: p.displayName })),
      ),
    [state.participants],
  );
  const names = useMemo(() => new Map(state.participants.map((p) => [p.id, p.displayName])), [state.participants]);
  const own = [
    { source: 'camera' as const, track: state.camera?.status === 'on' ? channel.cameraTrack : null },
    { source: 'screen' as const, track: state.screenShare?.status === 'on' ? channel.screenTrack : null },
  ].flatMap(({ source, track }) => (track ? [{ source, track }] : []));
  if (streams.length === 0 && own.length === 0) return null;
  const focused = focusedId !== null && streams.some((s) => s.stream.producerId === focusedId) ? focusedId : null;
  const attachOf = (producerId: string): ((video: HTMLVideoElement) => () => void) | null => {
    if (!watching.includes(producerId)) return null;
    const watch = channel.streamWatch(producerId);
    if (!watch) return null;
    let attach = attachers.current.get(watch);
    if (!attach) {
      attach = (video) => watch.attach(video);
      attachers.current.set(watch, attach);
    }
    return attach;
  };
  const ordered = focused
    ? [...streams].sort((a, b) => Number(b.stream.producerId === focused) - Number(a.stream.producerId === focused))
    : streams;
  return (
    <section
      class={focused ? 'stream-area stream-area--focus' : 'stream-area'}
      aria-label="Streams"
      data-testid="stream-area"
      data-count={streams.length}
    >
      <ul class="stream-area__tiles">
        {own.map(({ source, track }) => (
          <li key={`self-${source}`} class="stream-area__item">
            <SelfViewTile track={track} source={source} />
          </li>
        ))}
        {ordered.map(({ stream, name }) => (
          <li
            key={stream.producerId}
            class={stream.producerId === focused ? 'stream-area__item stream-area__item--focused' : 'stream-area__item'}
          >
            <StreamTile
              stream={stream}
              name={name}
              attach={attachOf(stream.producerId)}
              focused={stream.producerId === focused}
              onWatch={() => void channel.watchStream(stream.producerId).catch(warn)}
              onStopWatching={() => {
                if (focused === stream.producerId) setFocusedId(null);
                channel.stopWatching(stream.producerId);
              }}
              onFocusChange={(on) => setFocusedId(on ? stream.producerId : null)}
              viewers={stream.viewerIds.map((id) => names.get(id) ?? 'someone')}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
