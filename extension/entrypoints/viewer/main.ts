import { browser } from 'wxt/browser';
import { streamChannelName, viewerPortName, type StreamChannelMessage } from '../../utils/streamFrames';
import { StreamDecoder } from './StreamDecoder';

// The overlay's stream viewer (Chrome), in an iframe on any page: decodes the frames the offscreen
// document posts for one watched stream (utils/streamFrames.ts) onto a canvas. Its runtime port
// keeps the watch alive; Picture-in-Picture plays the canvas in a <video>, so the stream stays in
// view on other tabs.
const params = new URLSearchParams(location.search);
const producerId = params.get('producer') ?? '';
const label = params.get('label') || 'Stream';
/** This viewer's id in key frame requests (the frames replayed for it carry it). */
const viewerId = crypto.randomUUID();

const canvas = document.getElementById('screen') as HTMLCanvasElement;
const status = document.getElementById('status') as HTMLElement;
const pipVideo = document.getElementById('pip-video') as HTMLVideoElement;
const pipButton = document.getElementById('pip') as HTMLButtonElement;
canvas.setAttribute('aria-label', label);
document.title = `${label} — Voxlay`;
const context = canvas.getContext('2d');

const channel = new BroadcastChannel(streamChannelName(producerId));
const decoder = new StreamDecoder(
  (frame, info) => {
    if (canvas.width !== info.width || canvas.height !== info.height) {
      canvas.width = info.width;
      canvas.height = info.height;
    }
    context?.drawImage(frame, 0, 0, canvas.width, canvas.height);
    canvas.dataset.frames = String(info.frames);
    canvas.dataset.width = String(info.width);
    canvas.dataset.height = String(info.height);
    if (info.frames === 1) firstFrame();
  },
  () => channel.postMessage({ type: 'key-frame-request', viewerId } satisfies StreamChannelMessage),
  (message) => {
    status.textContent = message;
  },
);
channel.onmessage = (event: MessageEvent<StreamChannelMessage>) => {
  const message = event.data;
  if (message?.type === 'frame' && (message.for === undefined || message.for === viewerId)) decoder.push(message);
};
decoder.askKeyFrame();

/** The first picture: the status goes, and the canvas feeds the Picture-in-Picture <video>. */
function firstFrame(): void {
  status.textContent = '';
  pipVideo.srcObject = canvas.captureStream();
  void pipVideo.play().catch(() => undefined);
  pipButton.disabled = !document.pictureInPictureEnabled;
  if (!document.pictureInPictureEnabled) pipButton.title = 'Picture-in-Picture is not available here';
}

pipButton.addEventListener('click', () => {
  const exit = document.pictureInPictureElement === pipVideo;
  const done = exit ? document.exitPictureInPicture() : pipVideo.requestPictureInPicture();
  void Promise.resolve(done).catch((error: unknown) => {
    status.textContent = `Picture-in-Picture failed: ${error instanceof Error ? error.message : String(error)}`;
  });
});
const pressed = (on: boolean) => () => {
  pipButton.setAttribute('aria-pressed', String(on));
  pipButton.textContent = on ? 'Back from picture in picture' : 'Picture in picture';
};
pipVideo.addEventListener('enterpictureinpicture', pressed(true));
pipVideo.addEventListener('leavepictureinpicture', pressed(false));

// Held while the viewer shows the stream: the offscreen document stops watching when it goes.
const port = browser.runtime.connect({ name: viewerPortName(producerId) });
port.onDisconnect.addListener(() => {
  decoder.close();
  channel.close();
  status.textContent = 'The stream has ended.';
});
// A decoder that waits for a key frame keeps asking (the first one may have gone by before the viewer listened).
const keyTimer = setInterval(() => {
  if (decoder.closed) clearInterval(keyTimer);
  else if (decoder.info.frames === 0) decoder.askKeyFrame();
}, 500);
addEventListener('pagehide', () => {
  clearInterval(keyTimer);
  decoder.close();
  channel.close();
  port.disconnect();
});
