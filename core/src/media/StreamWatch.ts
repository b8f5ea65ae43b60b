import type { ChannelConnection, WatchedConsumer } from '../channel/ChannelConnection';
import { TypedEmitter } from '../events';
import { Logger } from '../logger';
import type { StreamSource } from '../types';
import { preferredSpatialLayer, spatialLayersOf } from './layers';

const logger = new Logger('StreamWatch');

const pageHidden = (): boolean => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/** How long an element's size must hold before its layer is asked for (a resize drag sends one request). */
export const LAYER_DEBOUNCE_MS = 250;

/** Why a StreamWatch closed: `stopped` by close(), `ended` by the server (the stream stopped), `left` with the connection. */
export type StreamWatchCloseReason = 'stopped' | 'ended' | 'left';

export interface StreamWatchEvents {
  closed: (reason: StreamWatchCloseReason) => void;
  /** The preferred spatial layer sent to the server changed. */
  layerChanged: (spatialLayer: number) => void;
  /** The layers the SFU sends changed (bandwidth, the sender, the preferred layer); null while none is sent. */
  layersChanged: (layers: StreamLayers | null) => void;
}

/** A spatial layer (0 = lowest resolution) and a temporal one (frame rate; null: all). */
export interface StreamLayers {
  spatialLayer: number;
  temporalLayer: number | null;
}

/** What a StreamWatch is opened for: a remote participant's camera or screen (and the screen's sound, if any). */
export interface StreamWatchTarget {
  producerId: string;
  participantId: string;
  source: StreamSource;
  /** SCREEN: the same participant's SCREEN_AUDIO producer, watched with it. */
  audioProducerId?: string;
}

/**
 * One remote stream being watched: its consumer on the receive transport (watchStream, resumed),
 * played in the element given to attach(). Its preferred spatial layer follows that element's size
 * (ResizeObserver, debounced, sent only when it changes); a hidden page pauses it, a visible one
 * resumes it. close() stops watching (stopWatching); the server ending it, or the connection going
 * away, closes it too, each with its own reason.
 */
export class StreamWatch {
  private readonly emitter = new TypedEmitter<StreamWatchEvents>();
  private closedValue = false;
  private element: HTMLVideoElement | null = null;
  private detachElement: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sentLayer: number | null = null;
  private currentLayersValue: StreamLayers | null = null;
  /** The screen's sound is not played (deafened). */
  private soundMuted = false;
  private readonly layerCount: number;
  private readonly onVisibility = (): void => {
    if (typeof document === 'undefined' || this.closedValue) return;
    const hidden = pageHidden();
    this.setPaused(this.video, hidden);
    if (this.audio) this.setPaused(this.audio, hidden || this.soundMuted);
  };

  private constructor(
    private readonly connection: ChannelConnection,
    readonly target: StreamWatchTarget,
    private readonly video: WatchedConsumer,
    private audio: WatchedConsumer | null,
  ) {
    this.layerCount = spatialLayersOf(video.consumer.rtpParameters);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Watches `target` on `connection`; rejects with the server's coded refusal. */
  static async open(connection: ChannelConnection, target: StreamWatchTarget): Promise<StreamWatch> {
    const video = await connection.watchStream(target.producerId);
    const audio = target.audioProducerId
      ? await connection.watchStream(target.audioProducerId).catch((error: unknown) => {
          logger.warn('the screen is watched without its sound', error);
          return null;
        })
      : null;
    const watch = new StreamWatch(connection, target, video, audio);
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') watch.onVisibility();
    return watch;
  }

  get producerId(): string {
    return this.target.producerId;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** The received video track. */
  get track(): MediaStreamTrack {
    return this.video.consumer.track;
  }

  /** The consumer id of the video (what the server's objects name). */
  get consumerId(): string {
    return this.video.consumer.id;
  }

  /** The spatial layer last asked for, or null (not asked yet, or a stream with one layer). */
  get preferredLayer(): number | null {
    return this.sentLayer;
  }

  /** The layers the SFU sends now (ConsumerLayersChanged), or null (none yet, or a stream without layers). */
  get currentLayers(): StreamLayers | null {
    return this.currentLayersValue;
  }

  /**
   * Deafened: the screen's sound is not played (its element is muted) and its consumer is paused on
   * the server, so it is not sent either; undeafened: resumed (unless the page is hidden) and played.
   */
  setSoundMuted(muted: boolean): void {
    if (this.closedValue) return;
    const changed = muted !== this.soundMuted;
    this.soundMuted = muted;
    if (this.element) this.element.muted = this.audio === null || muted;
    if (changed && this.audio) this.setPaused(this.audio, muted || pageHidden());
  }

  private setPaused(entry: WatchedConsumer, paused: boolean): void {
    void this.connection.setWatchedPaused(entry.consumer.id, paused).catch((error: unknown) => logger.warn('pause/resume failed', error));
  }

  /** ConsumerLayersChanged for one of its consumers. */
  layersChanged(producerId: string, layers: StreamLayers | null): void {
    if (this.closedValue || producerId !== this.target.producerId) return;
    this.currentLayersValue = layers;
    this.emitter.emit('layersChanged', layers);
  }

  on<K extends keyof StreamWatchEvents>(event: K, listener: StreamWatchEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  /**
   * Plays the stream (and the screen's sound) in `element`, whose size picks the layer from now on.
   * One element at a time: attaching another detaches the first. Returns the detach.
   */
  attach(element: HTMLVideoElement): () => void {
    this.detachElement?.();
    if (this.closedValue) return () => undefined;
    const tracks = [this.video.consumer.track, ...(this.audio ? [this.audio.consumer.track] : [])];
    element.srcObject = new MediaStream(tracks);
    element.muted = this.audio === null || this.soundMuted;
    element.playsInline = true;
    element.autoplay = true;
    void element.play().catch((error: unknown) => logger.debug('play() refused', error));
    this.element = element;
    let observer: ResizeObserver | null = null;
    if (this.layerCount > 1 && typeof ResizeObserver === 'function') {
      observer = new ResizeObserver(() => this.sizeChanged());
      observer.observe(element);
      this.sizeChanged();
    }
    const detach = (): void => {
      if (this.detachElement !== detach) return;
      this.detachElement = null;
      observer?.disconnect();
      clearTimeout(this.timer);
      if (this.element === element) {
        element.srcObject = null;
        this.element = null;
      }
    };
    this.detachElement = detach;
    return detach;
  }

  private sizeChanged(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sendLayer(), LAYER_DEBOUNCE_MS);
  }

  private sendLayer(): void {
    const element = this.element;
    if (!element || this.closedValue) return;
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return; // not laid out (hidden): keep the last choice
    const layer = preferredSpatialLayer(rect, globalThis.devicePixelRatio || 1, this.layerCount);
    if (layer === this.sentLayer) return;
    this.sentLayer = layer;
    this.emitter.emit('layerChanged', layer);
    void this.connection
      .setPreferredLayers(this.video.consumer.id, layer)
      .catch((error: unknown) => logger.warn('setPreferredLayers failed', error));
  }

  /** Stops watching: the local consumers close now, the server's with stopWatching (best effort). */
  close(): void {
    if (this.closedValue) return;
    for (const entry of this.entries())
      void this.connection.stopWatching(entry.producerId).catch((error: unknown) => logger.debug('stopWatching failed', error));
    this.finish('stopped');
  }

  /** The server closed one of its consumers (ConsumerClosed, StreamStopped): the video ends the watch, the sound only itself. */
  ended(producerId: string): void {
    if (this.closedValue) return;
    if (this.audio && producerId === this.audio.producerId) {
      this.audio = null;
      if (this.element) this.element.srcObject = new MediaStream([this.video.consumer.track]);
      return;
    }
    if (producerId === this.target.producerId) this.finish('ended');
  }

  /** The connection is going away (leave, rejoin): its consumers close with it. */
  left(): void {
    this.finish('left');
  }

  private entries(): WatchedConsumer[] {
    return this.audio ? [this.video, this.audio] : [this.video];
  }

  private finish(reason: StreamWatchCloseReason): void {
    if (this.closedValue) return;
    this.closedValue = true;
    this.detachElement?.();
    clearTimeout(this.timer);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
    for (const entry of this.entries()) entry.consumer.close();
    this.emitter.emit('closed', reason);
    this.emitter.removeAllListeners();
  }
}
