/** @jsxImportSource preact */
import { useEffect, useRef } from 'preact/hooks';
import { isolate } from '../names.js';
import type { StreamState } from '../types.js';
import { FullscreenIcon } from './icons.js';

export interface StreamTileProps {
  stream: StreamState;
  /** The display name of the participant who sends it. */
  name: string;
  /**
   * Plays the stream in the tile's <video> while it is watched (StreamWatch.attach); returns the
   * undo. Null while not watched: the tile offers Watch instead.
   */
  attach: ((video: HTMLVideoElement) => () => void) | null;
  /** The tile shown large (focus view). */
  focused?: boolean;
  onWatch: () => void;
  onStopWatching: () => void;
  /** Show this tile large, or back to the grid; hidden when absent. */
  onFocusChange?: (focused: boolean) => void;
  /** Who watches it (names), when known. */
  viewers?: string[];
}

export const STREAM_SOURCE_LABELS: Record<StreamState['source'], string> = {
  camera: 'camera',
  screen: 'screen',
  'screen-audio': 'screen sound',
};

/**
 * One remote stream: its video while watched (with Stop watching, fullscreen and focus), else a
 * Watch button. Named by its sender and source for screen readers; every action is a button.
 */
export function StreamTile({ stream, name, attach, focused = false, onWatch, onStopWatching, onFocusChange, viewers }: StreamTileProps) {
  const tile = useRef<HTMLElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!attach || !video.current) return undefined;
    return attach(video.current);
  }, [attach]);
  const label = `${isolate(name)}’s ${STREAM_SOURCE_LABELS[stream.source]}`;
  const watching = attach !== null;
  const captionId = `vx-tile-${stream.producerId}-caption`;
  const fullscreen = (): void => {
    const element = tile.current;
    if (!element) return;
    if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => undefined);
    else void element.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <figure
      ref={tile}
      class={focused ? 'vx-tile vx-tile--focused' : 'vx-tile'}
      aria-labelledby={captionId}
      data-testid="stream-tile"
      data-producer-id={stream.producerId}
      data-participant-id={stream.participantId}
      data-source={stream.source}
      data-watching={watching ? 'true' : 'false'}
      data-focused={focused ? 'true' : 'false'}
    >
      <div class="vx-tile__screen">
        {watching ? (
          <video ref={video} muted playsInline autoPlay aria-label={label} data-testid="stream-video" onDblClick={fullscreen} />
        ) : (
          <p class="vx-tile__idle">Not watching</p>
        )}
      </div>
      <figcaption class="vx-tile__bar">
        <span class="vx-tile__caption" id={captionId}>
          {stream.source === 'screen' && <span class="vx-tag vx-tag--live">LIVE</span>}
          <bdi class="vx-tile__name">{name}</bdi>
          <span class="vx-tag">{STREAM_SOURCE_LABELS[stream.source]}</span>
        </span>
        {watching ? (
          <>
            {onFocusChange && (
              <button
                type="button"
                class="vx-button vx-button--small"
                aria-pressed={focused}
                aria-label={`Focus ${label}`}
                data-testid="stream-focus"
                onClick={() => onFocusChange(!focused)}
              >
                {focused ? 'Unfocus' : 'Focus'}
              </button>
            )}
            <button
              type="button"
              class="vx-icon-button"
              aria-label={`Fullscreen ${label}`}
              data-testid="stream-fullscreen"
              onClick={fullscreen}
            >
              <FullscreenIcon />
            </button>
            <button
              type="button"
              class="vx-button vx-button--small"
              data-testid="stream-stop-watching"
              aria-label={`Stop watching ${label}`}
              onClick={onStopWatching}
            >
              Stop watching
            </button>
          </>
        ) : (
          <button
            type="button"
            class="vx-button vx-button--small"
            data-testid="stream-watch"
            aria-label={`Watch ${label}`}
            onClick={onWatch}
          >
            Watch
          </button>
        )}
        {viewers !== undefined && (
          <p class="vx-tile__viewers" data-testid="stream-viewers" data-count={viewers.length}>
            {viewers.length === 0 ? 'Nobody watching' : `Watching: ${viewers.map((v) => isolate(v)).join(', ')}`}
          </p>
        )}
      </figcaption>
    </figure>
  );
}
