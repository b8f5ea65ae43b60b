// The capacity load's sending side: synthetic RTP streams from a child process (never the busy
// benchmark driver) into PlainTransports of the generator worker G1, one source producer per stream,
// which rtp-load.ts consumes into the SFU path. Audio: Opus-sized packets with the audio level
// header extension (rtp-source-child.ts); video: VP8 frames (rtp-vp8-source-child.ts, rtp-vp8.ts).
// The child pauses, resumes and counts on request, so a measurement knows exactly what each stream carried.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { types } from 'mediasoup';
import { meanPacketsPerSecond, type Vp8Profile } from './rtp-vp8.js';

export type SourceMedia = 'audio' | 'video';

/** What the source sent per stream so far: packets, and its pacing unit (audio: packets; video: frames). */
export interface SourceCount {
  sent: number;
  units: number;
  /** Video: key frames sent (on schedule and on request); audio: 0. */
  keyFrames: number;
}

const AUDIO_PT = 100;
const VIDEO_PT = 96;
const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const AUDIO_LEVEL_EXT_ID = 1;
export const AUDIO_PACKETS_PER_SECOND = 50;
const AUDIO_CHILD = fileURLToPath(new URL('./rtp-source-child.ts', import.meta.url));
const VIDEO_CHILD = fileURLToPath(new URL('./rtp-vp8-source-child.ts', import.meta.url));
const REPLY_TIMEOUT_MS = 10_000;

type Reply = { id: number; sent: number; frames?: number; keyFrames?: number };

export class RtpSource {
  readonly media: SourceMedia;
  /** The pacing unit's nominal rate (audio: packets/s; video: frames/s) and the mean packets/s of one stream. */
  readonly unitsPerSecond: number;
  readonly packetsPerSecond: number;
  /** One G1 producer per stream, in stream order. */
  readonly producers: readonly types.Producer[];
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (reply: Reply) => void>();
  #nextId = 1;

  private constructor(media: SourceMedia, producers: types.Producer[], child: ChildProcess, rates: { units: number; packets: number }) {
    this.media = media;
    this.producers = producers;
    this.#child = child;
    this.unitsPerSecond = rates.units;
    this.packetsPerSecond = rates.packets;
    child.on('message', (reply: Reply) => this.#waiting.get(reply.id)?.(reply));
  }

  /** Audio streams at the given base levels (-dBov), one per level. */
  static async audio(router: types.Router, listenInfo: types.TransportListenInfo, levels: number[]): Promise<RtpSource> {
    const ssrcs = levels.map((_, i) => 0x10000000 + i);
    const { producers, ports } = await sourceProducers(router, listenInfo, ssrcs, 'audio', (ssrc) => ({
      codecs: [
        { mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } },
      ],
      headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: AUDIO_LEVEL_EXT_ID }],
      encodings: [{ ssrc }],
      rtcp: { cname: `src${ssrc}`, reducedSize: true },
    }));
    const child = startChild(AUDIO_CHILD, ports, ssrcs, AUDIO_PT, {
      BENCH_RTP_LEVELS: JSON.stringify(levels),
      BENCH_RTP_LEVEL_EXT_ID: String(AUDIO_LEVEL_EXT_ID),
    });
    return new RtpSource('audio', producers, child, { units: AUDIO_PACKETS_PER_SECOND, packets: AUDIO_PACKETS_PER_SECOND });
  }

  /**
   * `streams` VP8 streams of `profile`, one encoding each (no simulcast). The source producers accept
   * PLI and FIR, so a key frame request from the SFU reaches the child, which answers with a key frame.
   */
  static async video(
    router: types.Router,
    listenInfo: types.TransportListenInfo,
    streams: number,
    profile: Vp8Profile,
  ): Promise<RtpSource> {
    const ssrcs = Array.from({ length: streams }, (_, i) => 0x20000000 + i);
    const { producers, ports } = await sourceProducers(router, listenInfo, ssrcs, 'video', (ssrc) => ({
      codecs: [
        {
          mimeType: 'video/VP8',
          payloadType: VIDEO_PT,
          clockRate: 90000,
          rtcpFeedback: [
            { type: 'nack', parameter: 'pli' },
            { type: 'ccm', parameter: 'fir' },
          ],
        },
      ],
      encodings: [{ ssrc }],
      rtcp: { cname: `vsrc${ssrc}`, reducedSize: true },
    }));
    const child = startChild(VIDEO_CHILD, ports, ssrcs, VIDEO_PT, { BENCH_VP8_PROFILE: JSON.stringify(profile) });
    return new RtpSource('video', producers, child, { units: profile.framesPerSecond, packets: meanPacketsPerSecond(profile) });
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Tells the child to pause, resume or just report; resolves with what it sent per stream so far. */
  command(cmd: 'pause' | 'resume' | 'count'): Promise<SourceCount> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`rtp source did not answer ${cmd}`));
      }, REPLY_TIMEOUT_MS);
      this.#waiting.set(id, (reply) => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        resolve({ sent: reply.sent, units: reply.frames ?? reply.sent, keyFrames: reply.keyFrames ?? 0 });
      });
      this.#child.send({ id, cmd });
    });
  }

  close(): void {
    this.#child.kill();
  }
}

/** The child process sending stream i with `ssrcs[i]` to `ports[i]`, with its own settings in `env`. */
function startChild(file: string, ports: number[], ssrcs: number[], payloadType: number, env: Record<string, string>): ChildProcess {
  return fork(file, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_RTP_PORTS: JSON.stringify(ports),
      BENCH_RTP_SSRCS: JSON.stringify(ssrcs),
      BENCH_RTP_PT: String(payloadType),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** A comedia PlainTransport and a producer per SSRC; their ports, in order. */
async function sourceProducers(
  router: types.Router,
  listenInfo: types.TransportListenInfo,
  ssrcs: number[],
  kind: types.MediaKind,
  rtpParameters: (ssrc: number) => types.RtpParameters,
): Promise<{ producers: types.Producer[]; ports: number[] }> {
  const producers: types.Producer[] = [];
  const ports: number[] = [];
  for (const ssrc of ssrcs) {
    const transport = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
    ports.push(transport.tuple.localPort);
    producers.push(await transport.produce({ kind, rtpParameters: rtpParameters(ssrc) }));
  }
  return { producers, ports };
}
