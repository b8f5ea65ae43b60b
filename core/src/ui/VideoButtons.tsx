/** @jsxImportSource preact */
import { Logger } from '../logger.js';
import { isolate } from '../names.js';
import type { LocalStreamState, VideoDevice } from '../types.js';
import { CameraIcon, ScreenIcon } from './icons.js';

const logger = new Logger('VideoButtons');

export interface VideoButtonsProps {
  camera: LocalStreamState;
  screenShare: LocalStreamState;
  cameras: VideoDevice[];
  setCameraEnabled(enabled: boolean, deviceId?: string): Promise<void>;
  setScreenShareEnabled(enabled: boolean): Promise<void>;
  /** Hide "Go Live" where the browser cannot share a screen (phones). */
  canShareScreen?: boolean;
  disabled?: boolean;
  /** Who watches our screen and our camera (names), shown while they are on. */
  screenViewers?: string[];
  cameraViewers?: string[];
}

/** The Channel reports failures in `state.error`: only log here. */
function fire(result: Promise<void>): void {
  result.catch((err: unknown) => logger.warn('video control failed', err));
}

/** "Go Live" (share a screen) and the camera toggle, with a camera choice when there are several. */
export function VideoButtons({
  camera,
  screenShare,
  cameras,
  setCameraEnabled,
  setScreenShareEnabled,
  canShareScreen = true,
  disabled = false,
  screenViewers = [],
  cameraViewers = [],
}: VideoButtonsProps) {
  const cameraOn = camera.status !== 'off';
  const live = screenShare.status !== 'off';
  const watchers = [
    live && `your screen: ${screenViewers.length === 0 ? 'nobody' : screenViewers.map((n) => isolate(n)).join(', ')}`,
    cameraOn && `your camera: ${cameraViewers.length === 0 ? 'nobody' : cameraViewers.map((n) => isolate(n)).join(', ')}`,
  ].filter(Boolean);
  return (
    <div class="vx-video-buttons" data-testid="video-buttons">
      {canShareScreen && (
        <button
          type="button"
          class={live ? 'vx-button vx-button--on' : 'vx-button'}
          data-testid="go-live-button"
          data-status={screenShare.status}
          disabled={disabled || screenShare.status === 'starting'}
          onClick={() => fire(setScreenShareEnabled(!live))}
        >
          <ScreenIcon off={live} />
          <span>{live ? 'Stop sharing' : 'Go Live'}</span>
        </button>
      )}
      <button
        type="button"
        class={cameraOn ? 'vx-button vx-button--on' : 'vx-button'}
        aria-pressed={cameraOn}
        data-testid="camera-button"
        data-status={camera.status}
        disabled={disabled || camera.status === 'starting'}
        onClick={() => fire(setCameraEnabled(!cameraOn, camera.deviceId))}
      >
        <CameraIcon off={!cameraOn} />
        <span>Camera</span>
      </button>
      {cameras.length > 1 && (
        <select
          aria-label="Camera device"
          data-testid="camera-select"
          value={camera.deviceId}
          disabled={disabled}
          onChange={(e) => {
            const deviceId = (e.currentTarget as HTMLSelectElement).value;
            fire(setCameraEnabled(cameraOn, deviceId));
          }}
        >
          <option value="">Default camera</option>
          {cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      {watchers.length > 0 && (
        <p
          class="vx-video-buttons__viewers"
          data-testid="own-viewers"
          data-screen-viewers={screenViewers.length}
          data-camera-viewers={cameraViewers.length}
        >
          Watching {watchers.join(' · ')}
        </p>
      )}
    </div>
  );
}
