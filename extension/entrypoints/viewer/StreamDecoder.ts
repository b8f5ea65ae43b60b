import { decoderCodec, type StreamFrameMessage } from '../../utils/streamFrames';

/** Key frame requests go out at most this often (a PLI per frame would flood the sender). */
export const KEY_FRAME_REQUEST_MS = 400;

/** What a StreamDecoder reports after each decoded frame. */
export interface DecodedInfo {
  frames: number;
  width: number;
  height: number;
}

/**
 * Decodes a watched stream's encoded frames (utils/streamFrames.ts) with WebCodecs and hands each
 * picture to `draw`. Starts at a key frame (asking for one until it comes) and again after an error.
 */
export class StreamDecoder {
  private decoder: VideoDecoder | null = null;
  private codec: string | null = null;
  private needKey = true;
  private lastRequest = Number.NEGATIVE_INFINITY;
  private closedValue = false;
  readonly info: DecodedInfo = { frames: 0, width: 0, height: 0 };

  constructor(
    private readonly draw: (frame: VideoFrame, info: DecodedInfo) => void,
    private readonly requestKeyFrame: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  get closed(): boolean {
    return this.closedValue;
  }

  /** Asks for a key frame, unless one was asked for very recently. */
  askKeyFrame(): void {
    const now = performance.now();
    if (now - this.lastRequest < KEY_FRAME_REQUEST_MS) return;
    this.lastRequest = now;
    this.requestKeyFrame();
  }

  push(message: StreamFrameMessage): void {
    if (this.closedValue) return;
    const codec = decoderCodec(message.mimeType);
    if (!codec) {
      this.onError(`This stream's codec (${message.mimeType}) cannot be shown here.`);
      return;
    }
    if (this.needKey && !message.key) {
      this.askKeyFrame();
      return;
    }
    if (!this.decoder || this.decoder.state === 'closed' || codec !== this.codec) this.configure(codec);
    const decoder = this.decoder;
    if (!decoder) return;
    try {
      decoder.decode(
        new EncodedVideoChunk({
          type: message.key ? 'key' : 'delta',
          timestamp: Math.round((message.timestamp * 1e6) / 90_000),
          data: message.data,
        }),
      );
      this.needKey = false;
    } catch {
      this.restart();
    }
  }

  private configure(codec: string): void {
    this.decoder?.close();
    this.codec = codec;
    const decoder = new VideoDecoder({
      output: (frame) => {
        if (this.decoder !== decoder) {
          frame.close();
          return;
        }
        this.info.frames += 1;
        this.info.width = frame.displayWidth;
        this.info.height = frame.displayHeight;
        try {
          this.draw(frame, this.info);
        } finally {
          frame.close();
        }
      },
      error: () => {
        if (this.decoder === decoder) this.restart();
      },
    });
    decoder.configure({ codec, optimizeForLatency: true });
    this.decoder = decoder;
  }

  /** The decoder lost its place: a new one starts at the next key frame. */
  private restart(): void {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    this.needKey = true;
    this.askKeyFrame();
  }

  close(): void {
    if (this.closedValue) return;
    this.closedValue = true;
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
  }
}
