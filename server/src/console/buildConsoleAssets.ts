import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Bumped when the way the assets are cut from the package changes (a new cache directory then). */
export const RECIPE = 1;

/** The assets' manifest: logical name → content-hashed file name, for one render-graphiql version. */
export interface ConsoleManifest {
  source: string;
  recipe: number;
  files: Record<VendorAsset, string>;
}

export type VendorAsset = 'graphiql.js' | 'graphiql.css' | 'editor.worker.js' | 'json.worker.js' | 'graphql.worker.js';

const require = createRequire(import.meta.url);

/** `@graphql-yoga/render-graphiql@<version>`: the source the assets are cut from. */
export async function consoleSource(): Promise<{ id: string; moduleUrl: string }> {
  const graphiql = require.resolve('@graphql-yoga/render-graphiql/graphiql');
  // The package's own package.json, next to its cjs/ and esm/ folders.
  const pkg = JSON.parse(await readFile(join(dirname(dirname(graphiql)), 'package.json'), 'utf8')) as { name: string; version: string };
  // The ESM entry: the worker imports it (named exports: js, css and the three Monaco workers).
  const esm = join(dirname(dirname(graphiql)), 'esm', 'graphiql.js');
  return { id: `${pkg.name}@${pkg.version}`, moduleUrl: pathToFileURL(esm).href };
}

/**
 * The worker's code, plain JavaScript (it runs the same from src/ under tsx or vitest and from
 * dist/): imports the 9 MB GraphiQL module, writes each part as `name.<hash>.ext` with its brotli
 * and gzip forms, then manifest.json last (written under a temporary name and renamed, so a
 * directory with a manifest is complete). The parsing and compressing (tens of seconds of CPU at
 * brotli's top qualities) happen off the server's event loop.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { mkdirSync, writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const zlib = require('node:zlib');
(async () => {
  const m = await import(workerData.moduleUrl);
  const parts = {
    'graphiql.js': m.js,
    'graphiql.css': m.css,
    'editor.worker.js': m.editorWorkerService,
    'json.worker.js': m.jsonWorker,
    'graphql.worker.js': m.graphqlWorker,
  };
  mkdirSync(workerData.outDir, { recursive: true });
  const files = {};
  for (const [logical, text] of Object.entries(parts)) {
    if (typeof text !== 'string') throw new Error('render-graphiql has no ' + logical);
    const body = Buffer.from(text, 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const dot = logical.lastIndexOf('.');
    const name = logical.slice(0, dot) + '.' + hash + logical.slice(dot);
    const quality = body.length <= 1024 * 1024 ? 11 : workerData.brotliQuality;
    const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    const gz = zlib.gzipSync(body, { level: 9 });
    writeFileSync(join(workerData.outDir, name), body);
    writeFileSync(join(workerData.outDir, name + '.br'), br);
    writeFileSync(join(workerData.outDir, name + '.gz'), gz);
    files[logical] = name;
  }
  const manifest = { source: workerData.source, recipe: workerData.recipe, files };
  const tmp = join(workerData.outDir, 'manifest.json.' + process.pid + '.tmp');
  writeFileSync(tmp, JSON.stringify(manifest, null, 2));
  renameSync(tmp, join(workerData.outDir, 'manifest.json'));
  parentPort.postMessage({ manifest });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/**
 * Cuts GraphiQL out of @graphql-yoga/render-graphiql into `outDir` (content-hashed files, their
 * .br and .gz, manifest.json), in a worker thread. Run by `npm run build -w server` (dist/graphiql),
 * and at the first console request of a server that finds no built copy.
 */
export async function buildConsoleAssets(outDir: string, brotliQuality = 9): Promise<ConsoleManifest> {
  const source = await consoleSource();
  return new Promise<ConsoleManifest>((resolve, reject) => {
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { outDir, moduleUrl: source.moduleUrl, source: source.id, recipe: RECIPE, brotliQuality },
    });
    worker.once('message', (message: { manifest?: ConsoleManifest; error?: string }) => {
      if (message.manifest) resolve(message.manifest);
      else reject(new Error(`building the console assets failed: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the console build worker exited (${code})`)));
  });
}

/** The manifest in `dir` when it was built from `source` with this recipe; undefined otherwise. */
export async function readConsoleManifest(dir: string, source: string): Promise<ConsoleManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ConsoleManifest;
    return manifest.source === source && manifest.recipe === RECIPE ? manifest : undefined;
  } catch {
    return undefined;
  }
}
