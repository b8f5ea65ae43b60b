/// <reference lib="dom" />
// Shared by the test pages: play received tracks audibly and read their inbound-rtp stats.
import type { types } from 'mediasoup-client';
import type { AudioStats } from '../page-api.js';

/** Marks the page script as loaded (the test waits for it) and puts its API on window. */
export function exposePageApi(name: string, api: object): void {
  Object.assign(window, { [name]: api, voxlayReady: true });
}

/**
 * Plays a remote track through an unmuted <audio> element: Chromium reports audioLevel 0 for a track
 * that is not played. Returns the undo.
 */
export function playTrack(track: MediaStreamTrack): () => void {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.muted = false;
  audio.srcObject = new MediaStream([track]);
  document.body.append(audio);
  void audio.play().catch((err: unknown) => console.error('audio.play() failed', err));
  return () => {
    audio.pause();
    audio.srcObject = null;
    audio.remove();
  };
}

/** Sums bytes, packets and audio energy and takes the highest audio level over the consumers' inbound-rtp stats. */
export async function inboundAudioStats(consumers: Iterable<types.Consumer>): Promise<AudioStats> {
  const total: AudioStats = { consumers: 0, bytesReceived: 0, packetsReceived: 0, audioLevel: 0, totalAudioEnergy: 0 };
  for (const consumer of consumers) {
    if (consumer.closed) continue;
    total.consumers += 1;
    const report = await consumer.getStats();
    type Inbound = {
      type: string;
      kind?: string;
      bytesReceived?: number;
      packetsReceived?: number;
      audioLevel?: number;
      totalAudioEnergy?: number;
    };
    report.forEach((s: Inbound) => {
      if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
      total.bytesReceived += s.bytesReceived ?? 0;
      total.packetsReceived += s.packetsReceived ?? 0;
      total.audioLevel = Math.max(total.audioLevel, s.audioLevel ?? 0);
      total.totalAudioEnergy += s.totalAudioEnergy ?? 0;
    });
  }
  return total;
}

/** The fake microphone (`--use-fake-device-for-media-stream`). */
export async function openMicrophone(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const track = stream.getAudioTracks()[0];
  if (!track) throw new Error('getUserMedia returned no audio track');
  return track;
}

export const OPUS_CODEC_OPTIONS = { opusFec: true, opusDtx: true, opusPtime: 20 } as const;

/**
 * A continuous tone as a microphone track (WebAudio): a speaker that never pauses, unlike the fake
 * device's short beep every 500 ms. Returns the track; stopping it ends the tone.
 */
export function openTone(frequency = 440): MediaStreamTrack {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  oscillator.frequency.value = frequency;
  const gain = context.createGain();
  gain.gain.value = 0.5;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  const track = destination.stream.getAudioTracks()[0];
  if (!track) throw new Error('no tone track');
  track.addEventListener('ended', () => void context.close());
  return track;
}
