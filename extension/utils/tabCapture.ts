/**
 * Sharing a tab (Chrome only: Firefox has no tab capture). The background asks Chrome for a stream
 * id of the tab (`chrome.tabCapture.getMediaStreamId`, allowed for a tab the user invoked the
 * extension on: the toolbar popup, a shortcut); the offscreen document opens it with getUserMedia
 * (TabCapture) and the Channel sends it as its screen. `chrome.tabCapture` has no
 * webextension-polyfill cover, like `chrome.offscreen` (offscreen.ts).
 */

interface ChromeTabCaptureApi {
  tabCapture?: { getMediaStreamId(options: { targetTabId: number }): Promise<string> };
}

/** The tab capture API, or undefined where the browser has none (Firefox). */
const tabCaptureApi = (): ChromeTabCaptureApi['tabCapture'] =>
  (globalThis as unknown as { chrome?: ChromeTabCaptureApi }).chrome?.tabCapture;

/** Whether this browser can share a tab. */
export function canShareTab(): boolean {
  return tabCaptureApi() !== undefined;
}

/**
 * A stream id for the tab `tabId` (background only). Rejects with a message for the user when the
 * browser cannot or will not capture it (no tab capture, the extension was not invoked on it, a
 * browser page).
 */
export async function tabStreamId(tabId: number): Promise<string> {
  const api = tabCaptureApi();
  if (!api) throw new Error('This browser cannot share a tab; share your screen from the Voxlay app instead.');
  try {
    return await api.getMediaStreamId({ targetTabId: tabId });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Chrome did not let Voxlay capture this tab (${reason}). Open Voxlay from the toolbar on that tab and try again.`);
  }
}

/** What getUserMedia takes to open a tab's stream id (Chrome's `mandatory` constraints, not in the DOM types). */
function tabConstraints(streamId: string): MediaStreamConstraints {
  const mandatory = { chromeMediaSource: 'tab', chromeMediaSourceId: streamId };
  return { video: { mandatory } as MediaTrackConstraints, audio: { mandatory } as MediaTrackConstraints };
}

/**
 * A captured tab in the offscreen document: its picture and its sound. Chrome silences a captured
 * tab, so the sound is played here too: the user keeps hearing the tab while sharing it. close()
 * stops both tracks and the playback; the tab closing (the video track ends) closes it too.
 */
export class TabCapture {
  readonly #playback: HTMLAudioElement | null;
  readonly #onEnded = (): void => this.close();
  #closed = false;
  #listeners: Array<() => void> = [];

  private constructor(
    readonly tabId: number,
    readonly stream: MediaStream,
  ) {
    const sound = stream.getAudioTracks()[0];
    this.#playback = sound ? new Audio() : null;
    if (this.#playback && sound) {
      this.#playback.srcObject = new MediaStream([sound]);
      void this.#playback.play().catch(() => undefined);
    }
    stream.getVideoTracks()[0]?.addEventListener('ended', this.#onEnded);
  }

  /** Opens the tab's stream from a stream id the background got (tabStreamId). */
  static async open(streamId: string, tabId: number): Promise<TabCapture> {
    return new TabCapture(tabId, await navigator.mediaDevices.getUserMedia(tabConstraints(streamId)));
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Calls `listener` once the capture closes (stopped, or the tab went away). */
  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#listeners.push(listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.stream.getVideoTracks()[0]?.removeEventListener('ended', this.#onEnded);
    for (const track of this.stream.getTracks()) track.stop();
    if (this.#playback) {
      this.#playback.pause();
      this.#playback.srcObject = null;
    }
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }
}
