// The encoded transform on every received video stream of the offscreen document
// (RTCRtpScriptTransform, Chrome; set when the track arrives, as Chromium applies a transform only
// to a receiver that has not started). Each frame goes on to the receiver unchanged; while a stream
// is tapped (StreamTaps), a copy goes to its viewer on the stream's BroadcastChannel
// (utils/streamFrames.ts). A viewer's key frame request is answered at once with the frames since
// the last key frame, kept here (up to REPLAY_LIMIT), or else becomes a PLI to the SFU.
import {
  REPLAY_LIMIT,
  type StreamChannelMessage,
  type StreamFrameMessage,
  type TapCommand,
  type TransformOptions,
} from '../../utils/streamFrames';

// The worker's own globals (the extension's tsconfig has the DOM lib, not WebWorker).
interface EncodedVideoFrame {
  readonly data: ArrayBuffer;
  readonly type: 'key' | 'delta' | 'empty';
  getMetadata(): { rtpTimestamp?: number; mimeType?: string };
}
interface ScriptTransformer {
  readonly options: TransformOptions;
  readonly readable: ReadableStream<EncodedVideoFrame>;
  readonly writable: WritableStream<EncodedVideoFrame>;
  sendKeyFrameRequest(): Promise<void>;
}
interface TransformEvent extends Event {
  readonly transformer: ScriptTransformer;
}

interface Tap {
  channel: BroadcastChannel;
  mimeType: string;
}

/** A received stream: its transformer and the frames since its last key frame (null: too many, or none yet). */
interface Received {
  transformer: ScriptTransformer;
  since: { frames: StreamFrameMessage[]; bytes: number } | null;
}

/** Tapped streams by track id, and the received ones by track id (either may come first). */
const taps = new Map<string, Tap>();
const received = new Map<string, Received>();

/** A viewer needs a key frame: the frames since the last one, replayed for it alone, or a PLI. */
function keyFrameFor(trackId: string, viewerId: string): void {
  const stream = received.get(trackId);
  const tap = taps.get(trackId);
  if (!stream || !tap) return;
  if (!stream.since) {
    void stream.transformer.sendKeyFrameRequest().catch(() => undefined);
    return;
  }
  for (const frame of stream.since.frames)
    tap.channel.postMessage({ ...frame, mimeType: frame.mimeType || tap.mimeType, for: viewerId } satisfies StreamFrameMessage);
}

addEventListener('message', (event: MessageEvent<TapCommand>) => {
  const command = event.data;
  taps.get(command.trackId)?.channel.close();
  taps.delete(command.trackId);
  if (command.type !== 'tap') return;
  const channel = new BroadcastChannel(command.channel);
  channel.onmessage = (e: MessageEvent<StreamChannelMessage>) => {
    if (e.data?.type === 'key-frame-request') keyFrameFor(command.trackId, e.data.viewerId);
  };
  taps.set(command.trackId, { channel, mimeType: command.mimeType });
});

addEventListener('rtctransform', (event) => {
  const { transformer } = event as TransformEvent;
  const { trackId } = transformer.options;
  const stream: Received = { transformer, since: null };
  received.set(trackId, stream);
  void transformer.readable
    .pipeThrough(
      new TransformStream<EncodedVideoFrame, EncodedVideoFrame>({
        transform(frame, controller) {
          if (frame.type !== 'empty') {
            const tap = taps.get(trackId);
            const meta = frame.getMetadata();
            const message: StreamFrameMessage = {
              type: 'frame',
              data: frame.data.slice(0), // a copy: the receiver keeps the frame's own
              key: frame.type === 'key',
              timestamp: meta.rtpTimestamp ?? 0,
              mimeType: meta.mimeType ?? tap?.mimeType ?? '',
            };
            keep(stream, message);
            tap?.channel.postMessage(message);
          }
          controller.enqueue(frame);
        },
      }),
    )
    .pipeTo(transformer.writable)
    .catch(() => undefined)
    .finally(() => {
      if (received.get(trackId) === stream) received.delete(trackId);
    });
});

/** Keeps the frames since the last key frame, within REPLAY_LIMIT (beyond it a new viewer gets a PLI). */
function keep(stream: Received, message: StreamFrameMessage): void {
  if (message.key) stream.since = { frames: [], bytes: 0 };
  const since = stream.since;
  if (!since) return;
  since.frames.push(message);
  since.bytes += message.data.byteLength;
  if (since.bytes > REPLAY_LIMIT.bytes || since.frames.length > REPLAY_LIMIT.frames) stream.since = null;
}
