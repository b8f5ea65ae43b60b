// npm run bench: runs every suite one after the other and writes docs/benchmarks.md (+ .json, + SVGs).
// BENCH_QUICK=1: small counts (a smoke run of a few minutes). BENCH_ONLY=join,capacity: some suites.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@voxlay/testing/chromium';
import { closePageServers } from './lib/browser.js';
import { ONLY, QUICK } from './lib/config.js';
import { machineInfo } from './lib/machine.js';
import { machineBusySeconds, treeCpuSeconds } from './lib/proc.js';
import { writeReport, type RunReport } from './lib/report.js';
import type { Suite, SuiteResult } from './lib/suite.js';
import { capacitySuite } from './suites/capacity.js';
import { videoCapacitySuite } from './suites/video-capacity.js';
import { joinSuite } from './suites/join.js';
import { clickToHearingSuite } from './suites/click-to-hearing.js';
import { firefoxJoinSuite } from './suites/firefox-join.js';
import { extensionClickSuite } from './suites/extension-click.js';
import { mouthToEarSuite } from './suites/mouth-to-ear.js';
import { tenCallSuite } from './suites/ten-call.js';
import { bitrateSuite } from './suites/bitrate.js';
import { memorySuite } from './suites/memory.js';
import { weightSuite } from './suites/weight.js';
import { largeChannelSuite } from './suites/large-channel.js';
import { opsSuite } from './suites/ops.js';
import { nodeCapacitySuite } from './suites/node-capacity.js';
import { videoGlassSuite } from './suites/video-glass.js';
import { videoLayersSuite } from './suites/video-layers.js';
import { videoWatchSuite } from './suites/video-watch.js';

const SUITES: Suite[] = [
  joinSuite,
  clickToHearingSuite,
  mouthToEarSuite,
  capacitySuite,
  videoCapacitySuite,
  tenCallSuite,
  bitrateSuite,
  memorySuite,
  weightSuite,
  largeChannelSuite,
  opsSuite,
  nodeCapacitySuite,
  firefoxJoinSuite,
  extensionClickSuite,
  videoWatchSuite,
  videoGlassSuite,
  videoLayersSuite,
];

async function chromiumVersion(): Promise<string | undefined> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS }).catch(() => undefined);
  if (!browser) return undefined;
  const version = `Chromium ${browser.version()}`;
  await browser.close();
  return version;
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = machineInfo();
  machine.chromium = await chromiumVersion();
  const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`);
  log(`${QUICK ? 'quick' : 'full'} run on ${machine.cores} × ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}`);
  const results: SuiteResult[] = [];
  const failed: RunReport['failed'] = [];
  for (const suite of SUITES) {
    if (ONLY.length && !ONLY.includes(suite.id)) continue;
    const t0 = performance.now();
    log(`suite ${suite.id}: ${suite.title}`);
    try {
      const busy0 = machineBusySeconds();
      const tree0 = treeCpuSeconds();
      const result = await suite.run({ quick: QUICK, log });
      const seconds = (performance.now() - t0) / 1000;
      const machineCores = (machineBusySeconds() - busy0) / seconds;
      const benchCores = (treeCpuSeconds() - tree0) / seconds;
      result.load = {
        seconds,
        machineCores,
        benchCores,
        otherCores: Math.max(0, machineCores - benchCores),
        loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
      };
      results.push(result);
      log(
        `suite ${suite.id} done in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${result.figures.map((f) => `${f.label} = ${f.value}`).join('; ')}`,
      );
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`suite ${suite.id} FAILED: ${message}`);
      failed.push({ id: suite.id, title: suite.title, error: error instanceof Error ? error.message : String(error) });
    }
  }
  await closePageServers();
  machine.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  const docs = fileURLToPath(new URL('../docs/', import.meta.url));
  const outDir = process.env.BENCH_OUT_DIR ?? docs;
  writeReport(outDir, { machine, quick: QUICK, durationSec: (performance.now() - started) / 1000, results, failed });
  log(`wrote ${outDir}benchmarks.md`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
