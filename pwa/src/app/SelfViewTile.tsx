import { useEffect, useRef } from 'preact/hooks';
import { STREAM_SOURCE_LABELS } from '@voxlay/core/ui';

export interface SelfViewTileProps {
  /** The local camera's or screen share's video track. */
  track: MediaStreamTrack;
  source: 'camera' | 'screen';
}

/**
 * What the user sends: the local camera (mirrored, as a mirror shows a face) or screen share, played
 * from the local track. Nothing is received for it: a self view costs the server nothing. Who
 * watches it is shown beside the Go Live and camera buttons.
 */
export function SelfViewTile({ track, source }: SelfViewTileProps) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return undefined;
    element.srcObject = new MediaStream([track]);
    void element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [track]);
  const label = `Your ${STREAM_SOURCE_LABELS[source]}`;
  const captionId = `vx-self-${source}-caption`;
  return (
    <figure class="vx-tile vx-tile--self" aria-labelledby={captionId} data-testid="self-view" data-source={source}>
      <div class="vx-tile__screen">
        <video
          ref={video}
          class={source === 'camera' ? 'vx-tile__mirror' : undefined}
          muted
          playsInline
          autoPlay
          aria-label={label}
          data-testid="self-view-video"
        />
      </div>
      <figcaption class="vx-tile__bar">
        <span class="vx-tile__caption" id={captionId}>
          {source === 'screen' && <span class="vx-tag vx-tag--live">LIVE</span>}
          <span class="vx-tile__name">You</span>
          <span class="vx-tag">{STREAM_SOURCE_LABELS[source]}</span>
        </span>
      </figcaption>
    </figure>
  );
}
