// 7. Client weight: gzipped JS the extension injects into every page, its overlay bundle, the PWA's first load.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { fmt } from '../lib/stats.js';
import { table, type Suite, type SuiteContext, type SuiteResult } from '../lib/suite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PWA_DIST = join(ROOT, 'pwa/dist');
const EXT_OUT = join(ROOT, 'extension/.output/chrome-mv3');

interface FileWeight {
  file: string;
  bytes: number;
  gzip: number;
}

function weigh(path: string, base: string): FileWeight {
  const data = readFileSync(path);
  return { file: path.slice(base.length).replace(/^\//, ''), bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** A JS file and every file it imports statically (import … from "x", import "x"), not import("x"). */
function withStaticImports(entry: string, base: string, rootForAbsolute: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bfrom\s*["']([^"']+\.m?js)["']|\bimport\s*["']([^"']+\.m?js)["']/g)) {
      const spec = (m[1] ?? m[2])!;
      if (/^[a-z]+:/.test(spec)) continue;
      visit(spec.startsWith('/') ? join(rootForAbsolute, spec) : normalize(join(dirname(file), spec)));
    }
  };
  visit(entry);
  void base;
  return [...seen];
}

const sum = (files: FileWeight[]) => files.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
const kb = (n: number) => `${fmt(n / 1024, 1)} KiB`;

async function build(ctx: SuiteContext, workspace: string): Promise<string | undefined> {
  try {
    await promisify(execFile)('npm', ['run', 'build', '-w', workspace], { cwd: ROOT, timeout: 300_000, maxBuffer: 16 * 2 ** 20 });
    return undefined;
  } catch (err) {
    ctx.log(`weight: building ${workspace} failed; measuring the existing output`);
    return `Building ${workspace} failed (${String((err as Error).message).split('\n')[0]}); the figures are from the output already on disk.`;
  }
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const notes: string[] = [];
  // The full run builds both from the current sources; the quick run measures what is on disk.
  if (!ctx.quick && process.env.BENCH_BUILD !== '0') {
    for (const w of ['pwa', 'extension']) {
      const note = await build(ctx, w);
      if (note) notes.push(note);
    }
  } else {
    notes.push('Measured the build output already on disk (quick run, or BENCH_BUILD=0): pwa/dist and extension/.output/chrome-mv3.');
  }
  const misses: string[] = [];

  // Extension: content scripts (every page), the overlay bundle (imported on demand).
  let injected: FileWeight[] = [];
  let overlay: FileWeight[] = [];
  if (existsSync(join(EXT_OUT, 'manifest.json'))) {
    const manifest = JSON.parse(readFileSync(join(EXT_OUT, 'manifest.json'), 'utf8')) as {
      content_scripts?: Array<{ js?: string[]; css?: string[] }>;
    };
    const files = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
    injected = [
      ...new Set(files.flatMap((f) => (f.endsWith('.js') ? withStaticImports(join(EXT_OUT, f), EXT_OUT, EXT_OUT) : [join(EXT_OUT, f)]))),
    ].map((f) => weigh(f, EXT_OUT));
    if (existsSync(join(EXT_OUT, 'overlay.js')))
      overlay = withStaticImports(join(EXT_OUT, 'overlay.js'), EXT_OUT, EXT_OUT).map((f) => weigh(f, EXT_OUT));
  } else {
    misses.push('The extension was not built (extension/.output/chrome-mv3 is missing): its weight is not measured.');
  }

  // PWA first load: index.html, what it references (scripts, styles, manifest, icons) and their static imports.
  let firstLoad: FileWeight[] = [];
  let lazy: FileWeight[] = [];
  let precache = { bytes: 0, gzip: 0, files: 0 };
  if (existsSync(join(PWA_DIST, 'index.html'))) {
    const html = readFileSync(join(PWA_DIST, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)]
      .map((m) => join(PWA_DIST, m[1]!))
      .filter((f) => existsSync(f) && !/icon|\.png$/.test(f));
    const files = new Set<string>([join(PWA_DIST, 'index.html')]);
    for (const f of refs) for (const g of f.endsWith('.js') ? withStaticImports(f, PWA_DIST, PWA_DIST) : [f]) files.add(g);
    firstLoad = [...files].map((f) => weigh(f, PWA_DIST));
    // Chunks loaded later (dynamic imports): every other JS asset.
    const assets = join(PWA_DIST, 'assets');
    const { readdirSync } = await import('node:fs');
    lazy = readdirSync(assets)
      .map((f) => join(assets, f))
      .filter((f) => f.endsWith('.js') && !files.has(f))
      .map((f) => weigh(f, PWA_DIST));
    const sw = join(PWA_DIST, 'sw.js');
    if (existsSync(sw)) {
      const urls = [...readFileSync(sw, 'utf8').matchAll(/url:"([^"]+)"/g)]
        .map((m) => join(PWA_DIST, m[1]!))
        .filter((f) => existsSync(f) && statSync(f).isFile());
      const w = sum(urls.map((f) => weigh(f, PWA_DIST)));
      precache = { ...w, files: urls.length };
    }
  } else {
    misses.push('The PWA was not built (pwa/dist/index.html is missing): its first load is not measured.');
  }

  const inj = sum(injected);
  const ov = sum(overlay);
  const fl = sum(firstLoad);
  const lz = sum(lazy);
  const rows = (label: string, files: FileWeight[]) => files.map((f) => [label, f.file, kb(f.bytes), kb(f.gzip)]);
  return {
    id: 'weight',
    title: 'Client weight',
    method: [
      'Sizes of the built files, gzipped at level 9 one by one (what a server or the browser cache holds; no brotli). Extension: the Chrome MV3 build (extension/.output/chrome-mv3); "injected into every page" = the content scripts the manifest lists and what they import statically; the overlay = overlay.js and its static imports (the content script imports it only when a call is active or the popup asks). PWA (pwa/dist): the first load = index.html + the scripts, styles and manifest it references + their static imports (icons excluded); the chunks loaded later by dynamic import (mediasoup-client and the session on join, the service-worker registration) and the service worker\'s precache (downloaded in the background after the first load) are listed separately.',
    ],
    figures: [
      {
        label: 'Extension: JS injected into every page',
        value: injected.length ? `${kb(inj.gzip)} gzipped (${kb(inj.bytes)} raw)` : 'not measured',
      },
      { label: 'Extension: overlay bundle', value: overlay.length ? `${kb(ov.gzip)} gzipped (${kb(ov.bytes)} raw)` : 'not measured' },
      {
        label: 'PWA first load (HTML + JS + CSS + manifest)',
        value: firstLoad.length ? `${kb(fl.gzip)} gzipped (${kb(fl.bytes)} raw)` : 'not measured',
      },
      {
        label: 'PWA chunks loaded later (dynamic imports: the session on join, the service-worker registration)',
        value: lazy.length ? `${kb(lz.gzip)} gzipped (${kb(lz.bytes)} raw)` : 'n/a',
      },
      {
        label: 'PWA service-worker precache (background)',
        value: precache.files ? `${kb(precache.gzip)} gzipped, ${precache.files} files` : 'n/a',
      },
    ],
    details: [
      table(
        ['what', 'file', 'raw', 'gzip -9'],
        [
          ...rows('injected (extension)', injected),
          ...rows('overlay (extension)', overlay),
          ...rows('PWA first load', firstLoad),
          ...rows('PWA, loaded later', lazy),
        ],
      ),
    ],
    charts: [],
    misses,
    notes: [...notes, 'No size goal was set; these are the figures to watch.'],
    data: { injected, overlay, firstLoad, lazy, precache },
  };
}

export const weightSuite: Suite = { id: 'weight', title: 'Client weight', run };
