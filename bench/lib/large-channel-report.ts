// Turns the large-channel measurements into the suite's section of docs/benchmarks.md.
import type { JoinPhase } from './large-channel-members.js';
import type { PageStreams, SwitchSample } from './large-channel-phases.js';
import type { ChannelRouterView } from './large-channel-server.js';
import type { ProfileSummary } from './inspector-profile.js';
import { fmt, percentile, summarize } from './stats.js';
import { table, type SuiteResult } from './suite.js';

export interface ServerSnapshot {
  /** Silent members joined at this point. */
  members: number;
  participants: number;
  consumersActive: number;
  consumersPaused: number;
  producers: number;
  transports: number;
  /** Sum of every participant's consumers (GraphQL, a page of participants at a time). */
  graphqlConsumers: number;
  maxConsumersPerParticipant: number;
  workers: Array<{ index: number; routerCount: number; rssBytes: number }>;
  channel: { participantCount: number; lastN: number; activeSpeakerIds: string[]; routers: ChannelRouterView[] } | { error: string };
  serverRssBytes: number;
}

export interface LargeChannelData {
  config: {
    members: number;
    speakers: number;
    listeners: number;
    switches: number;
    lastN: number;
    workers: number;
    subscribe: boolean;
    crowdWindowMs: number;
  };
  join: JoinPhase;
  /** Cores used by server Node, worker 0, worker 1 during the join phase. */
  joinCpu: number[];
  rssBefore: number[];
  rssAfterJoin: number[];
  before: ServerSnapshot;
  afterJoin: ServerSnapshot;
  crowd: ServerSnapshot;
  crowdCpu: Array<{ process: string; cores: number }>;
  machineBusy: number;
  samples: SwitchSample[];
  /** resumeProducer round trips while the speakers unmuted one after another for the crowd phase. */
  crowdUnmuteMs: number[];
  streams: PageStreams[];
  memberEvents: Record<string, number>;
  pageErrors: string[];
  /** Consumers' packets from the workers' counters over the everyone-talks window. */
  forwarding: ForwardingRates | undefined;
  /** The server's CPU profile over the profiled switches. */
  profile: ProfileSummary | undefined;
}

export interface ForwardingRates {
  seconds: number;
  packetsPerSecond: number;
  /** Consumers read at both ends of the window. */
  consumers: number;
  /** Of those, the ones whose packet count grew. */
  sending: number;
}

export const PROFILE_FILE = 'large-channel-server-profile.json';

const MiB = 2 ** 20;
export const LOAD_NOTE =
  'On a 2-core machine the load generator shares the cores with the server: the benchmark process holds the 1,000 members\' WebSockets (every change of the active set sends each of them ActiveSpeakersChanged, ConsumerClosed and ConsumerAdded) and Chromium runs the 10 pages; see "machine busy" above and the load average at the top. Latencies and join rates here are upper bounds for a server with cores of its own.';
const KiB = 2 ** 10;

function routersText(s: ServerSnapshot): string {
  if ('error' in s.channel) return `not available (${s.channel.error.slice(0, 160)})`;
  const byWorker = new Map<number, ChannelRouterView[]>();
  for (const r of s.channel.routers) byWorker.set(r.worker.index, [...(byWorker.get(r.worker.index) ?? []), r]);
  return [...byWorker]
    .sort(([a], [b]) => a - b)
    .map(
      ([w, rs]) =>
        `worker ${w}: ${rs.length} router(s) (${rs.map((r) => `${r.participantCount} members, ${r.pipedProducerCount} piped producers`).join('; ')})`,
    )
    .join(' · ');
}

export function largeChannelResult(d: LargeChannelData): SuiteResult {
  const { config: c, crowd } = d;
  const n = c.lastN;
  const listeners = d.streams.filter((s) => s.role === 'listener');
  const maxListenerStreams = Math.max(...listeners.map((s) => s.streamsWithAudio));
  const maxAnyStreams = Math.max(...d.streams.map((s) => s.streamsWithAudio));
  const maxAnyConsumers = Math.max(...d.streams.map((s) => s.maxOpenConsumers));
  const heard = d.samples.map((s) => s.heardMs).filter((x): x is number => x !== undefined);
  const never = d.samples.length - heard.length;
  const h = summarize(heard);
  const active = d.samples.map((s) => s.activeMs).filter((x): x is number => x !== undefined);
  const added = d.samples.map((s) => s.consumerAddedMs).filter((x): x is number => x !== undefined);
  const byVia = (via: SwitchSample['via']) => summarize(d.samples.filter((s) => s.via === via).map((s) => s.heardMs!));
  const replaced = byVia('track-unmute');
  const kept = byVia('bytes');
  const replacedActive = percentile(
    d.samples.filter((s) => s.via === 'track-unmute' && s.activeMs !== undefined).map((s) => s.activeMs!),
    50,
  );
  const bound = crowd.participants * n;
  const consumers = crowd.graphqlConsumers;
  const objects = crowd.transports + crowd.producers + consumers;
  const joinRate = d.join.joined / d.join.seconds;
  const joinMs = summarize(d.join.joinMs);
  const nodePerMember = (d.rssAfterJoin[0]! - d.rssBefore[0]!) / Math.max(1, d.join.joined);
  const workersPerMember = d.rssAfterJoin.slice(1).reduce((s, v, i) => s + v - d.rssBefore[i + 1]!, 0) / Math.max(1, d.join.joined);
  const downloads = listeners.map((s) => s.downloadKbps);
  const p95ok = never === 0 && h.p95 <= 300;
  const misses: string[] = [];
  if (!(maxListenerStreams <= n))
    misses.push(`A listener received ${maxListenerStreams} streams with audio while ${c.speakers} people talked (goal ≤ N = ${n}).`);
  if (!(consumers <= bound))
    misses.push(`The server held ${consumers} consumers for ${crowd.participants} participants (goal ≤ members × N = ${bound}).`);
  const perListener = [...new Set(d.samples.map((s) => s.listener))].map((l) => {
    const v = d.samples.filter((s) => s.listener === l && s.via === 'track-unmute').map((s) => s.heardMs!);
    return `${l} ${fmt(percentile(v, 50), 0)} ms`;
  });
  if (!p95ok) {
    misses.push(
      `A new speaker was heard after ${fmt(h.p95, 0)} ms at p95 (goal ≤ 300 ms)${never ? `, and ${never} of ${d.samples.length} listener samples never heard the speaker within the 5 s watch` : ''}. ` +
        `Speakers already in the active set are heard after ${fmt(kept.median, 0)} ms (p50); a speaker that must replace a member of the full set after ${fmt(replaced.median, 0)} ms (p50; per listener: ${perListener.join(', ')}), of which ${fmt(replacedActive, 0)} ms pass before ActiveSpeakersChanged and ${fmt(percentile(added, 50), 0)} ms before its ConsumerAdded reaches the listener (p50); resumeProducer itself is answered after ${fmt(
          percentile(
            d.samples.map((s) => s.resumeAnsweredMs),
            50,
          ),
          0,
        )} ms. ` +
        `${eventsText(d)} ${profileText(d.profile)}`,
    );
  }
  if (d.join.failed) misses.push(`${d.join.failed} of ${c.members} member joins failed (${d.join.errors.join('; ').slice(0, 300)}).`);
  const cpuText = d.crowdCpu.map((x) => `${x.process} ${fmt(x.cores * 100, 1)}%`).join(', ');
  const forwardedPps = d.streams.reduce((sum, s) => sum + s.packetsPerSecond, 0);
  const workersCpu = d.crowdCpu.filter((x) => x.process.startsWith('worker')).reduce((sum, x) => sum + x.cores, 0);
  const nodeCpuPerJoinMs = ((d.joinCpu[0] ?? Number.NaN) * d.join.seconds * 1000) / Math.max(1, d.join.joined);
  return {
    id: 'large-channel',
    title: 'A 1,000-member channel (last-N)',
    method: [
      `One Voxlay server (\`server/src/main.ts\` in its own Node process, configured by environment: VOXLAY_WORKERS=2, VOXLAY_LAST_N=${n}, VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL above the member count, the default VOXLAY_MAX_PARTICIPANTS_PER_ROUTER (250), open mode, RTC ports 61000–65499: every participant takes 4, UDP and TCP for its two transports). Everybody joins the Lobby.`,
      `First ${c.speakers} **speaker** pages (headless Chromium, one browser, a context each; the WebAudio 440 Hz tone microphone of the benchmark init script) join muted (producer created paused), and listener 1 (no microphone) joins: \`bench/lib/large-channel-page.ts\`, the documented join flow over graphql-ws. Then **${c.members} silent members** join from Node, each on its own graphql-ws WebSocket (16 joins in flight), with \`joinChannel\` carrying the RTP capabilities of a mediasoup-client Device loaded in Chromium${c.subscribe ? ', and follow their `participantEvents` like a real client' : ''}; they never connect media, so they cost the server a participant, two transports and the consumers last-N gives them (the active set is already full of the muted speakers when they come), and nothing on the wire. Then the other ${c.listeners - 1} listener page(s) join, last in the join order.`,
      `After one unrecorded warm-up turn, the speakers take ${c.switches} turns in round robin (unmute = \`resumeProducer\`, talk 1.5 s or until every listener heard them, mute, 0.7 s of silence). The first producers fill the set while it has room, so the first turns go to speakers already in it; from the sixth on, each new speaker has been silent longer than the others and must replace a member of the full set. Each listener arms a watch before the unmute and records the first audio from the new speaker: the \`unmute\` event of a new consumer's track (its first RTP packet) or, for a consumer that already existed, its inbound-rtp bytes growing (getStats every 10 ms); a watch gives up after 5 s. Latency = that time − the page time just before \`resumeProducer\` was sent; all pages share one browser, hence one clock.`,
      `Finally all ${c.speakers} speakers talk at once; after 3 s, over a ${c.crowdWindowMs / 1000} s window, every page counts its inbound streams that received more than 2 kB (audio) and its download rate (RTP payload + headers), and the server is read through its operator GraphQL views: every participant's \`transports\`, \`producers\` and \`consumers\` (100 participants a page), \`workers\` and \`channel { routers { worker { index } participantCount pipedProducerCount } activeSpeakerIds }\`. Not \`/metrics\`: its forwarding counters cost one worker request per consumer, and with 1,000 members and 5,000 consumers a scrape did not answer within 30 s on this machine. CPU from /proc over the same window; RSS of the server's Node process and workers before and after the members joined.`,
    ],
    figures: [
      {
        label: `Inbound streams with audio per listener, ${c.speakers} talking at once (max over listeners)`,
        value: `${maxListenerStreams} (every page: max ${maxAnyStreams}; most consumers open at once on a page over the run: ${maxAnyConsumers})`,
        goal: `≤ N = ${n}`,
        met: maxListenerStreams <= n,
      },
      {
        label: 'Listener download while everyone talks, median (min–max)',
        value: `${fmt(percentile(downloads, 50), 1)} kbit/s (${fmt(Math.min(...downloads), 1)}–${fmt(Math.max(...downloads), 1)})`,
      },
      {
        label: 'Server consumers, everyone talking',
        value: `${consumers} for ${crowd.participants} participants (max ${crowd.maxConsumersPerParticipant} per participant)`,
        goal: `≤ members × N = ${bound}`,
        met: consumers <= bound,
      },
      {
        label: 'mediasoup objects per member (transports + producers + consumers)',
        value: `${fmt(objects / crowd.participants, 2)} (${crowd.transports} + ${crowd.producers} + ${consumers})`,
      },
      {
        label: 'New speaker heard by a listener, p50 / p95',
        value: `${fmt(h.median, 0)} / ${fmt(h.p95, 0)} ms (n=${h.n}${never ? `, ${never} never heard` : ''})`,
        goal: 'p95 ≤ 300 ms',
        met: p95ok,
      },
      {
        label: 'Speaker entering the full active set (a new consumer), p50 / p95',
        value: `${fmt(replaced.median, 0)} / ${fmt(replaced.p95, 0)} ms (n=${replaced.n}); unmute → ActiveSpeakersChanged ${fmt(percentile(active, 50), 0)} ms, → ConsumerAdded ${fmt(percentile(added, 50), 0)} ms (p50)`,
      },
      {
        label: 'Speaker already in the active set (its consumer exists), p50 / p95',
        value: `${fmt(kept.median, 0)} / ${fmt(kept.p95, 0)} ms (n=${kept.n})`,
      },
      { label: 'Routers per worker (everyone talking)', value: routersText(crowd) },
      { label: 'CPU while everyone talks (share of one core)', value: `${cpuText}; machine ${fmt(d.machineBusy * 100, 0)}% of 200%` },
      {
        label: 'Workers while everyone talks',
        value: d.forwarding
          ? `${fmt(workersCpu * 100, 1)}% of a core; their consumers sent ${fmt(d.forwarding.packetsPerSecond, 0)} packets/s (workers' counters: ${d.forwarding.sending} of ${d.forwarding.consumers} consumers sending); the pages received ${fmt(forwardedPps, 0)} packets/s`
          : `${fmt(workersCpu * 100, 1)}% of a core; the pages received ${fmt(forwardedPps, 0)} packets/s (the workers' consumer counters did not answer)`,
      },
      {
        label: 'Member join throughput',
        value: `${fmt(joinRate, 1)} members/s (join p50 / p95 ${fmt(joinMs.median, 0)} / ${fmt(joinMs.p95, 0)} ms, 16 in flight); server Node.js CPU ${fmt(nodeCpuPerJoinMs, 1)} ms per join`,
      },
      {
        label: 'Server memory per silent member',
        value: `Node ${fmt(nodePerMember / KiB, 0)} KiB + workers ${fmt(workersPerMember / KiB, 0)} KiB RSS`,
      },
    ],
    details: [
      'Pages while everyone talks:\n\n' +
        table(
          [
            'page',
            'streams with audio',
            'consumers open',
            'most open at once (run)',
            'consumers created (run)',
            'download kbit/s',
            'packets/s',
          ],
          d.streams.map((s) => [
            s.label,
            s.streamsWithAudio,
            s.openConsumers,
            s.maxOpenConsumers,
            s.consumersCreated,
            fmt(s.downloadKbps, 1),
            fmt(s.packetsPerSecond, 0),
          ]),
        ),
      'Server, as its operator views report it:\n\n' +
        table(
          [
            'moment',
            'participants',
            'transports',
            'producers',
            'consumers (active / paused)',
            'consumers (GraphQL sum, max per participant)',
            'Node RSS MiB',
            'workers: routers, RSS MiB',
          ],
          (
            [
              ['before the members', d.before],
              ['after the members joined', d.afterJoin],
              ['everyone talking', crowd],
            ] as const
          ).map(([label, s]) => [
            label,
            s.participants,
            s.transports,
            s.producers,
            `${s.consumersActive} / ${s.consumersPaused}`,
            `${s.graphqlConsumers}, ${s.maxConsumersPerParticipant}`,
            fmt(s.serverRssBytes / MiB, 0),
            s.workers.map((w) => `#${w.index}: ${w.routerCount}, ${fmt(w.rssBytes / MiB, 0)}`).join(' · '),
          ]),
        ),
      `Speaker switches (ms after the unmute; n = ${d.samples.length} listener samples): heard ${fmt(h.min, 0)} min, ${fmt(h.median, 0)} p50, ${fmt(h.p95, 0)} p95, ${fmt(h.max, 0)} max; resumeProducer answered after ${fmt(
        percentile(
          d.samples.map((s) => s.resumeAnsweredMs),
          50,
        ),
        0,
      )} ms (p50); audio seen as a new consumer's first packet in ${d.samples.filter((s) => s.via === 'track-unmute').length} samples, as bytes on an existing consumer in ${d.samples.filter((s) => s.via === 'bytes').length}. When all speakers unmuted one after another for the crowd phase, each resumeProducer was answered after ${d.crowdUnmuteMs.map((x) => fmt(x, 0)).join(', ')} ms.`,
      'New speaker heard, per listener (ms after the unmute):\n\n' +
        table(
          ['listener', 'in the set already: p50 / p95', 'entering the full set: p50 / p95', 'never heard (5 s)'],
          [...new Set(d.samples.map((s) => s.listener))].map((l) => {
            const mine = d.samples.filter((s) => s.listener === l);
            const q = (via: SwitchSample['via']) => {
              const v = summarize(mine.filter((s) => s.via === via).map((s) => s.heardMs!));
              return v.n ? `${fmt(v.median, 0)} / ${fmt(v.p95, 0)} (n=${v.n})` : '—';
            };
            return [l, q('bytes'), q('track-unmute'), mine.filter((s) => s.heardMs === undefined).length];
          }),
        ),
      ...(d.profile
        ? [
            `The server's CPU profile over the profiled switches (extra turns after the measured ones, profiler on): ${fmt(d.profile.durationMs / 1000, 1)} s, busy ${fmt(d.profile.busyMs / 1000, 1)} s. Self time by package or file (saved with the top functions in [bench/${PROFILE_FILE}](bench/${PROFILE_FILE})):\n\n` +
              table(
                ['where', 'self ms', 'share of busy'],
                d.profile.byBucket.slice(0, 12).map((b) => [b.bucket, fmt(b.ms, 0), `${fmt(b.shareOfBusy * 100, 1)}%`]),
              ),
          ]
        : []),
      `Join phase: ${d.join.joined} joined, ${d.join.failed} failed in ${fmt(d.join.seconds, 1)} s; CPU during it: server Node ${fmt((d.joinCpu[0] ?? NaN) * 100, 0)}%, workers ${d.joinCpu
        .slice(1)
        .map((x) => `${fmt(x * 100, 0)}%`)
        .join(' / ')} of a core. ${
        c.subscribe
          ? `Events the members received over the whole run: ${
              Object.entries(d.memberEvents)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'none'
            }.`
          : 'Members did not subscribe to their events.'
      }`,
    ],
    charts: [],
    files: d.profile ? [{ file: PROFILE_FILE, content: `${JSON.stringify(d.profile, null, 2)}\n` }] : [],
    misses,
    notes: [
      LOAD_NOTE,
      "A speaker who starts talking without unmuting (an open microphone) is seen by the routers' mediasoup AudioLevelObserver, whose interval is clamped to at least 250 ms and which reports a producer only once it has sent 10 packets within one interval (200 ms of 20 ms Opus packets): 250–500 ms after its first packet, before any of the work above. This run's speakers all unmute.",
      `Worker RSS (both workers): ${fmt(d.afterJoin.workers.reduce((x, w) => x + w.rssBytes, 0) / MiB, 0)} MiB after the joins, ${fmt(crowd.workers.reduce((x, w) => x + w.rssBytes, 0) / MiB, 0)} MiB while everyone talked (what the growth is made of was not measured in this run).`,
      ...d.pageErrors.slice(0, 10),
    ],
    // Raw numbers, with the 1,000 join times as their summary.
    data: { ...d, join: { ...d.join, joinMs: joinMs } },
  };
}

/** What each speaker change cost the members, from the events they received in this run. */
function eventsText(d: LargeChannelData): string {
  if (!d.config.subscribe) return 'The members did not subscribe to their events in this run.';
  const total = Object.values(d.memberEvents).reduce((a, b) => a + b, 0);
  const turns = d.config.switches + 1;
  return `The ${d.join.joined} members received ${total} events over the run (${Object.entries(d.memberEvents)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}), about ${fmt(total / turns, 0)} per speaker turn, each a GraphQL execution and a WebSocket write on the server.`;
}

/** Where the server's time went during the profiled switches, from the measurement only. */
function profileText(profile: ProfileSummary | undefined): string {
  if (!profile) return 'No CPU profile of the server was taken in this run, so where its time goes is not established here.';
  const top = profile.byBucket
    .slice(0, 5)
    .map((b) => `${b.bucket} ${fmt(b.shareOfBusy * 100, 0)}%`)
    .join(', ');
  return `Over the profiled switches (measured in this run, bench/${PROFILE_FILE}) the server's Node.js thread was busy ${fmt((profile.busyMs / profile.durationMs) * 100, 0)}% of the time; its self time went to ${top} of the busy time.`;
}
