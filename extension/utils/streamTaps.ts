import type { StreamWatch } from '@voxlay/core';
import { browser, type Browser } from 'wxt/browser';
import { onPeerConnection, receiverOf } from './peerStats';
import { producerOfViewerPort, streamChannelName, type TapCommand, type TransformOptions } from './streamFrames';

/** A watch nobody views is stopped after this long (the overlay that asked for it never showed it). */
export const VIEWER_GRACE_MS = 10_000;

/** One watched stream tapped for the overlay's viewers, with their ports. */
interface Tap {
  watch: StreamWatch;
  trackId: string;
  /** Plays the screen's sound here (the viewer only shows the picture). */
  detach: () => void;
  viewers: Set<Browser.runtime.Port>;
  grace: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The offscreen side of the overlay's stream viewer (Chrome). Every received video track gets an
 * encoded transform as it arrives (tapWorker.ts; Chromium applies a transform only to a receiver
 * that has not started), which passes the frames on. A StreamWatch opened for a viewer is tapped:
 * the worker also posts its frames on the stream's BroadcastChannel (utils/streamFrames.ts).
 * Viewers hold a runtime port each; when the last one goes (closed, navigated, tab closed) the
 * watch stops, and so does the server's consumer. Install trackPeerConnections() first.
 */
export class StreamTaps {
  private readonly taps = new Map<string, Tap>();
  private worker: Worker | null = null;
  private closedValue = false;
  private readonly stopListening: () => void;
  private readonly onConnect = (port: Browser.runtime.Port): void => {
    const producerId = producerOfViewerPort(port.name);
    if (producerId === null) return;
    const tap = this.taps.get(producerId);
    if (!tap) {
      port.disconnect();
      return;
    }
    clearTimeout(tap.grace);
    tap.viewers.add(port);
    port.onDisconnect.addListener(() => {
      tap.viewers.delete(port);
      if (tap.viewers.size === 0) tap.watch.close();
    });
  };
  private readonly onTrack = (event: RTCTrackEvent): void => {
    if (this.closedValue || event.track.kind !== 'video' || typeof RTCRtpScriptTransform !== 'function') return;
    this.worker ??= this.createWorker();
    const options: TransformOptions = { trackId: event.track.id };
    event.receiver.transform = new RTCRtpScriptTransform(this.worker, options);
  };

  /** `createWorker` makes the transform worker (tapWorker.ts), once, at the first received video track. */
  constructor(private readonly createWorker: () => Worker) {
    browser.runtime.onConnect.addListener(this.onConnect);
    this.stopListening = onPeerConnection((pc) => pc.addEventListener('track', this.onTrack));
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** The producer ids tapped now. */
  get producerIds(): string[] {
    return [...this.taps.keys()];
  }

  /** Taps `watch` for viewers (once per stream); it stops if no viewer connects within VIEWER_GRACE_MS. */
  open(watch: StreamWatch): void {
    if (this.closedValue) throw new Error('stream taps closed');
    if (this.taps.has(watch.producerId) || watch.closed) return;
    const receiver = receiverOf(watch.track);
    if (!receiver?.transform || !this.worker) throw new Error('This stream cannot be shown in the overlay.');
    const codec = receiver.getParameters().codecs.find((c) => !/\/(rtx|red|ulpfec)$/i.test(c.mimeType));
    this.post({
      type: 'tap',
      trackId: watch.track.id,
      channel: streamChannelName(watch.producerId),
      mimeType: codec?.mimeType ?? 'video/VP8',
    });
    const tap: Tap = {
      watch,
      trackId: watch.track.id,
      detach: watch.attach(document.createElement('video')),
      viewers: new Set(),
      grace: setTimeout(() => {
        if (tap.viewers.size === 0) watch.close();
      }, VIEWER_GRACE_MS),
    };
    this.taps.set(watch.producerId, tap);
    watch.on('closed', () => this.drop(watch.producerId, tap));
  }

  private post(command: TapCommand): void {
    this.worker?.postMessage(command);
  }

  private drop(producerId: string, tap: Tap): void {
    if (this.taps.get(producerId) !== tap) return;
    this.taps.delete(producerId);
    clearTimeout(tap.grace);
    tap.detach();
    this.post({ type: 'untap', trackId: tap.trackId });
    for (const port of tap.viewers) port.disconnect();
    tap.viewers.clear();
  }

  /** Stops every tapped watch, the worker, and listens no more. */
  close(): void {
    if (this.closedValue) return;
    this.closedValue = true;
    browser.runtime.onConnect.removeListener(this.onConnect);
    this.stopListening();
    for (const [id, tap] of [...this.taps]) {
      tap.watch.close();
      this.drop(id, tap);
    }
    this.worker?.terminate();
    this.worker = null;
  }
}
