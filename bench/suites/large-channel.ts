// 8. A 1,000-member channel (issue #8): last-N keeps each listener's download and the server's consumers
// bounded, and a new speaker is heard within 300 ms. ~1,000 silent members join from Node over
// graphql-ws; a few real Chromium pages speak (one after another, then all at once) and listen.
// Sizes: BENCH_LC_MEMBERS (1000; 100 quick), BENCH_LC_SPEAKERS (7), BENCH_LC_LISTENERS (3),
// BENCH_LC_SWITCHES (20; 8 quick); BENCH_LC_SUBSCRIBE=0 keeps the members off participantEvents.
import { fileURLToPath } from 'node:url';
import { pageApi } from '@voxlay/testing/page-api';
import type { Browser } from 'playwright-core';
import { closePage, launchChromium, openBenchPage, pageServerFor } from '../lib/browser.js';
import { sleep } from '../lib/config.js';
import { SilentMembers, type JoinPhase } from '../lib/large-channel-members.js';
import { call, countStreams, speakerSwitches, type LcPage, type PageStreams, type SwitchSample } from '../lib/large-channel-phases.js';
import { InspectorSession, summarize as summarizeProfile, type ProfileSummary } from '../lib/inspector-profile.js';
import { largeChannelResult, type ForwardingRates, type LargeChannelData, type ServerSnapshot } from '../lib/large-channel-report.js';
import { LargeChannelServer, type ParticipantObjects } from '../lib/large-channel-server.js';
import type { LargeChannelPageApi } from '../lib/large-channel-types.js';
import { CpuMeter, machineBusySeconds, rssBytes } from '../lib/proc.js';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.js';

const PAGE = fileURLToPath(new URL('../lib/large-channel-page.ts', import.meta.url));
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** Packets/s the consumers sent between two reads of the workers' counters. */
function consumerRates(
  a: { at: number; byConsumer: Map<string, number> },
  b: { at: number; byConsumer: Map<string, number> },
): ForwardingRates {
  const seconds = (b.at - a.at) / 1000;
  let packets = 0;
  let sending = 0;
  let both = 0;
  for (const [id, after] of b.byConsumer) {
    const before = a.byConsumer.get(id);
    if (before === undefined) continue;
    both++;
    packets += after - before;
    if (after > before) sending++;
  }
  return { seconds, packetsPerSecond: packets / seconds, consumers: both, sending };
}

/** The server as its operator views report it; a view that does not answer in time is left out (NaN). */
async function snapshot(server: LargeChannelServer, members: number, log: (m: string) => void): Promise<ServerSnapshot> {
  const quiet = <T>(what: string, p: Promise<T>, fallback: T): Promise<T> =>
    p.catch((error: unknown) => {
      log(`large-channel: ${what} did not answer: ${String(error).slice(0, 200)}`);
      return fallback;
    });
  const objects = await quiet('participants { transports producers consumers }', server.objects(), []);
  const workers = await quiet('workers', server.workers(), []);
  const channel = await server.channel().catch((error: unknown) => ({ error: String(error) }));
  const total = (f: (o: ParticipantObjects) => number) => (objects.length ? objects.reduce((s, o) => s + f(o), 0) : Number.NaN);
  return {
    members,
    participants: objects.length || Number.NaN,
    consumersActive: total((o) => o.activeConsumers),
    consumersPaused: total((o) => o.consumers - o.activeConsumers),
    producers: total((o) => o.producers),
    transports: total((o) => o.transports),
    graphqlConsumers: total((o) => o.consumers),
    maxConsumersPerParticipant: objects.length ? Math.max(...objects.map((o) => o.consumers)) : Number.NaN,
    workers: workers.map((w) => ({ index: w.index, routerCount: w.routerCount, rssBytes: rssBytes(w.pid) })),
    channel,
    serverRssBytes: rssBytes(server.pid),
  };
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const members = num('BENCH_LC_MEMBERS', ctx.quick ? 100 : 1000);
  const speakersN = num('BENCH_LC_SPEAKERS', 7);
  const listenersN = num('BENCH_LC_LISTENERS', 3);
  const switches = num('BENCH_LC_SWITCHES', ctx.quick ? 8 : 20);
  const lastN = 5;
  const subscribe = process.env.BENCH_LC_SUBSCRIBE !== '0';
  const crowdWindowMs = ctx.quick ? 5000 : 10_000;
  const server = await LargeChannelServer.start({ workers: 2, lastN, maxParticipantsPerChannel: members + speakersN + listenersN + 10 });
  const silent = new SilentMembers();
  const pages: LcPage[] = [];
  let browser: Browser | undefined;
  try {
    const pids = async () => [server.pid, ...(await server.workers()).map((w) => w.pid)];
    browser = await launchChromium();
    const url = (await pageServerFor(PAGE)).url;
    const probe = await openBenchPage(browser, url, 'lc-probe', { mic: 'silence' });
    const rtpCapabilities = await pageApi<LargeChannelPageApi>(probe, 'lc').deviceCapabilities(server.url);
    await closePage(probe);

    const join1 = async (role: LcPage['role'], label: string) => {
      const page = await openBenchPage(browser!, url, label, { mic: role === 'speaker' ? 'tone' : 'silence' });
      const p: LcPage = { page, label, role, joined: { participantId: '', initialConsumers: 0 } };
      pages.push(p);
      p.joined = await call(p, 'join', [server.url, server.lobby, label, role === 'speaker'], 60_000);
    };
    // 1. The speakers (joined muted, tone microphone) and the first listener (no microphone) join an
    //    empty channel; the other listeners come after the members, at the end of the join order.
    for (let i = 0; i < speakersN; i++) await join1('speaker', `speaker ${i + 1}`);
    if (listenersN > 0) await join1('listener', 'listener 1 (early)');

    // 2. The silent members.
    const workerPids = await pids();
    const rss0 = workerPids.map(rssBytes);
    const before = await snapshot(server, 0, ctx.log);
    const joinCpu = new CpuMeter(workerPids).start();
    const join: JoinPhase = await silent.join({
      serverUrl: server.url,
      channelId: server.lobby,
      count: members,
      rtpCapabilities,
      concurrency: 16,
      subscribe,
      joinTimeoutMs: 60_000,
      log: ctx.log,
    });
    const joinCpuUse = [...joinCpu.stop().values()];
    ctx.log(
      `large-channel: ${join.joined} members joined in ${join.seconds.toFixed(1)} s (${join.failed} failed${join.errors.length ? `: ${join.errors[0]}` : ''})`,
    );
    await sleep(2000);
    const rss1 = workerPids.map(rssBytes);
    const afterJoin = await snapshot(server, join.joined, ctx.log);
    for (let i = 1; i < listenersN; i++) await join1('listener', `listener ${i + 1} (late)`);
    const speakers = pages.filter((p) => p.role === 'speaker');
    const listeners = pages.filter((p) => p.role === 'listener');

    // 3. Warm-up (not counted): the first speaker talks, so every receive transport is connected.
    await call(speakers[0]!, 'unmute', [], 60_000);
    await sleep(2500);
    await call(speakers[0]!, 'mute', [], 60_000);
    await sleep(1000);

    // 4. Speaker switches.
    const samples: SwitchSample[] = await speakerSwitches(speakers, listeners, {
      switches,
      talkMs: 1500,
      gapMs: 700,
      watchTimeoutMs: 5000,
      log: ctx.log,
    });

    // 4b. A few more switches with the server's CPU profiler on (not counted above: profiling slows
    //     the server a little), so the report says where the server's time goes from a measurement.
    let profile: ProfileSummary | undefined;
    if (server.inspectorUrl) {
      const inspector = await InspectorSession.connect(server.inspectorUrl);
      try {
        await inspector.startProfile();
        await speakerSwitches(speakers, listeners, {
          switches: ctx.quick ? 2 : 5,
          talkMs: 1500,
          gapMs: 700,
          watchTimeoutMs: 5000,
          log: (m) => ctx.log(`${m} (profiled)`),
        });
        profile = summarizeProfile(await inspector.stopProfile());
      } catch (error) {
        ctx.log(`large-channel: no server profile: ${String(error)}`);
      } finally {
        inspector.close();
      }
    }

    // 5. Everybody talks at once: each page receives at most N of them.
    const crowdUnmuteMs: number[] = [];
    for (const s of speakers) {
      const { at, answeredAt } = await call(s, 'unmute', [], 60_000);
      crowdUnmuteMs.push(answeredAt - at);
    }
    ctx.log(
      `large-channel: all ${speakersN} speakers unmuted (resumeProducer answered after ${crowdUnmuteMs.map((x) => x.toFixed(0)).join(', ')} ms)`,
    );
    await sleep(3000);
    const meterPids = await pids();
    const cpu = new CpuMeter(meterPids).start();
    const busy0 = machineBusySeconds();
    const t0 = performance.now();
    const packets0 = await server.consumerPackets().catch(() => undefined);
    const streams: PageStreams[] = await countStreams(pages, crowdWindowMs);
    const packets1 = await server.consumerPackets().catch(() => undefined);
    const cpuUse = cpu.stop();
    const busy = (machineBusySeconds() - busy0) / ((performance.now() - t0) / 1000);
    const forwarding = packets0 && packets1 ? consumerRates(packets0, packets1) : undefined;
    const crowd = await snapshot(server, join.joined, ctx.log);
    const pageErrors = (
      await Promise.all(
        pages.map((p) =>
          call(p, 'errors', [], 60_000).then(
            (e) => e.map((x) => `${p.label}: ${x}`),
            (e: unknown) => [`${p.label}: ${String(e)}`],
          ),
        ),
      )
    ).flat();

    const data: LargeChannelData = {
      config: { members, speakers: speakersN, listeners: listenersN, switches, lastN, workers: 2, subscribe, crowdWindowMs },
      join,
      joinCpu: joinCpuUse,
      rssBefore: rss0,
      rssAfterJoin: rss1,
      before,
      afterJoin,
      crowd,
      crowdCpu: meterPids.map((pid, i) => ({ process: i === 0 ? 'server Node' : `worker ${i - 1}`, cores: cpuUse.get(pid) ?? Number.NaN })),
      machineBusy: busy,
      samples,
      crowdUnmuteMs,
      streams,
      memberEvents: Object.fromEntries(silent.events),
      pageErrors,
      forwarding,
      profile,
    };
    return largeChannelResult(data);
  } finally {
    for (const p of pages) await call(p, 'leave', [], 10_000).catch(() => undefined);
    for (const p of pages) await closePage(p.page);
    await browser?.close().catch(() => undefined);
    await silent.close().catch(() => undefined);
    await server.stop();
  }
}

export const largeChannelSuite: Suite = { id: 'large-channel', title: 'A 1,000-member channel (last-N)', run };
