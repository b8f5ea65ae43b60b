// The measured phases of the large-channel suite, on pages of large-channel-page.ts:
//  - switches: speakers unmute one after another; each listener records when the new speaker's audio
//    first arrives (same browser clock as the unmute);
//  - crowd: every speaker talks at once; each page's inbound streams that carry audio are counted.
import type { Page } from 'playwright-core';
import { sleep, withTimeout } from './config.js';
import type { HeardResult, LargeChannelJoin, LargeChannelPageApi, PageConsumer } from './large-channel-types.js';

export interface LcPage {
  page: Page;
  label: string;
  role: 'speaker' | 'listener';
  joined: LargeChannelJoin;
}

type Api = LargeChannelPageApi;
type Method = keyof Api;

/** Calls window.lc[method](...args) in the page, bounded in time. */
export function call<M extends Method>(p: LcPage, method: M, args: Parameters<Api[M]>, ms = 20_000): Promise<Awaited<ReturnType<Api[M]>>> {
  return withTimeout(
    p.page.evaluate(
      ([m, a]) =>
        (window as unknown as { lc: Record<string, (...x: unknown[]) => Promise<unknown>> }).lc[m as string]!(...(a as unknown[])),
      [method, args] as const,
    ) as Promise<Awaited<ReturnType<Api[M]>>>,
    ms,
    `${p.label} ${String(method)}`,
  );
}

export interface SwitchSample {
  switchIndex: number;
  speaker: string;
  listener: string;
  /** ms from the unmute (page clock, just before resumeProducer is sent). */
  heardMs?: number | undefined;
  activeMs?: number | undefined;
  consumerAddedMs?: number | undefined;
  resumeAnsweredMs: number;
  via?: HeardResult['via'];
}

export interface SwitchOptions {
  switches: number;
  /** From one unmute to the speaker's mute, and the silence before the next speaker. */
  talkMs: number;
  gapMs: number;
  watchTimeoutMs: number;
  log(message: string): void;
}

/** Speakers take turns (round robin, starting with the second); every listener watches each new one. */
export async function speakerSwitches(speakers: LcPage[], listeners: LcPage[], options: SwitchOptions): Promise<SwitchSample[]> {
  const samples: SwitchSample[] = [];
  for (let k = 0; k < options.switches; k++) {
    const speaker = speakers[(k + 1) % speakers.length]!;
    const id = speaker.joined.participantId;
    await Promise.all(listeners.map((l) => call(l, 'arm', [id, options.watchTimeoutMs], 60_000)));
    const { at, answeredAt } = await call(speaker, 'unmute', [], 60_000);
    const results = await Promise.all(listeners.map((l) => call(l, 'heard', [id, at], options.watchTimeoutMs + 5000)));
    results.forEach((r, i) => {
      samples.push({
        switchIndex: k,
        speaker: speaker.label,
        listener: listeners[i]!.label,
        heardMs: r.heardAt === undefined ? undefined : r.heardAt - at,
        activeMs: r.activeAt === undefined ? undefined : r.activeAt - at,
        consumerAddedMs: r.consumerAddedAt === undefined ? undefined : r.consumerAddedAt - at,
        resumeAnsweredMs: answeredAt - at,
        via: r.via,
      });
    });
    const heard = samples.slice(-listeners.length).map((s) => (s.heardMs === undefined ? 'never' : `${s.heardMs.toFixed(0)}`));
    options.log(`large-channel: switch ${k + 1}/${options.switches} to ${speaker.label}: heard after ${heard.join(', ')} ms`);
    const elapsed = (await call(speaker, 'now', [])) - at;
    await sleep(Math.max(0, options.talkMs - elapsed));
    await call(speaker, 'mute', [], 60_000);
    await sleep(options.gapMs);
  }
  return samples;
}

export interface PageStreams {
  label: string;
  role: LcPage['role'];
  /** Consumers open on the page at the end of the window. */
  openConsumers: number;
  /** Inbound streams whose bytes grew by more than a silence's worth over the window. */
  streamsWithAudio: number;
  downloadKbps: number;
  /** RTP packets received per second over the window (what the SFU forwarded to this page). */
  packetsPerSecond: number;
  /** Most consumers open at the same time on this page over the whole run (from its consumer log). */
  maxOpenConsumers: number;
  consumersCreated: number;
}

/** Most consumers open at one time, from their added/closed times. */
function maxConcurrent(consumers: PageConsumer[]): number {
  const edges = consumers.flatMap((c) => [{ t: c.addedAt, d: 1 }, ...(c.closedAt === undefined ? [] : [{ t: c.closedAt, d: -1 }])]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let open = 0;
  let max = 0;
  for (const e of edges) {
    open += e.d;
    max = Math.max(max, open);
  }
  return max;
}

/** Per page, over `windowMs`: streams carrying audio (≥ 2 kB, far above nothing) and download rate. */
export async function countStreams(pages: LcPage[], windowMs: number): Promise<PageStreams[]> {
  const before = await Promise.all(pages.map((p) => call(p, 'consumers', [])));
  const t0 = performance.now();
  await sleep(windowMs);
  const after = await Promise.all(pages.map((p) => call(p, 'consumers', [])));
  const seconds = (performance.now() - t0) / 1000;
  return pages.map((p, i) => {
    const prev = new Map(before[i]!.map((c) => [c.id, c]));
    let streams = 0;
    let bytes = 0;
    let packets = 0;
    for (const c of after[i]!) {
      const b = prev.get(c.id);
      const grew = c.bytesReceived - (b?.bytesReceived ?? 0);
      bytes += grew + c.headerBytesReceived - (b?.headerBytesReceived ?? 0);
      packets += c.packetsReceived - (b?.packetsReceived ?? 0);
      if (c.closedAt === undefined && grew > 2000) streams++;
    }
    return {
      label: p.label,
      role: p.role,
      openConsumers: after[i]!.filter((c) => c.closedAt === undefined).length,
      streamsWithAudio: streams,
      downloadKbps: (bytes * 8) / seconds / 1000,
      packetsPerSecond: packets / seconds,
      maxOpenConsumers: maxConcurrent(after[i]!),
      consumersCreated: after[i]!.length,
    };
  });
}
