import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { contentHash, contentTypeOf, IMMUTABLE, memoryAsset, REVALIDATE, sendAsset, type Asset } from '../http/assets.js';
import { findUp } from '../paths.js';
import {
  buildConsoleAssets,
  consoleSource,
  readConsoleManifest,
  RECIPE,
  type ConsoleManifest,
  type VendorAsset,
} from './buildConsoleAssets.js';
import { CONSOLE_SCRIPT, CONSOLE_STYLE, consolePage } from './consolePage.js';
import { consoleTabs } from './operations.js';

/** Where the console's files are served from. */
export const CONSOLE_PREFIX = '/graphiql/';

export interface GraphiQLConsoleOptions {
  /** Token mode: the page gets a token field (see consolePage.ts). */
  tokenMode: boolean;
  /** The default channel's id, for the example operations' variables. */
  defaultChannelId: string;
  /** The built assets (`npm run build -w server` writes server/dist/graphiql). */
  dir?: string | undefined;
  logger: Logger;
}

interface Loaded {
  page: Asset;
  /** File name (content-hashed) → asset. */
  files: Map<string, Asset>;
}

/** server/dist/graphiql, next to the compiled server (also found from src/ under tsx and vitest). */
export function defaultConsoleDir(): string | undefined {
  const pkg = findUp('package.json');
  return pkg === undefined ? undefined : join(dirname(pkg), 'dist', 'graphiql');
}

/**
 * The operator console: GraphiQL (from @graphql-yoga/render-graphiql, offline) as a small page plus
 * content-hashed files served from memory with brotli/gzip, ETag/304 and `immutable` caching. The
 * files are cut from the package once, at build time (dist/graphiql) or, without a build, at the
 * first request in a worker thread (kept under the system temp dir for the next start). Nothing is
 * rendered per request: 100 browsers opening it cost the server 100 small in-memory answers.
 */
export class GraphiQLConsole {
  readonly #options: GraphiQLConsoleOptions;
  #loaded: Promise<Loaded> | undefined;

  constructor(options: GraphiQLConsoleOptions) {
    this.#options = options;
  }

  /** A browser asking for /graphql: GET with Accept: text/html (what Yoga answered with GraphiQL). */
  static wantsPage(req: IncomingMessage): boolean {
    return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  }

  /** Answers the console page (GET /graphql from a browser) or one of its files; false when `pathname` is neither. */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const isPage = (pathname === '/graphql' || pathname === '/graphql/') && GraphiQLConsole.wantsPage(req);
    if (!isPage && !pathname.startsWith(CONSOLE_PREFIX)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const loaded = await this.load();
    if (isPage) {
      sendAsset(req, res, loaded.page);
      return true;
    }
    const file = loaded.files.get(pathname.slice(CONSOLE_PREFIX.length));
    if (!file) return false;
    sendAsset(req, res, file);
    return true;
  }

  /** Loads the files once (concurrent first requests share it); a failed load is retried at the next request. */
  load(): Promise<Loaded> {
    this.#loaded ??= this.#load().catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    return this.#loaded;
  }

  async #load(): Promise<Loaded> {
    const source = await consoleSource();
    const cacheDir = join(tmpdir(), 'voxlay-console', `${source.id.replace(/[^a-z0-9.@-]+/gi, '_')}-r${RECIPE}`);
    const builtDir = this.#options.dir ?? defaultConsoleDir();
    let dir = builtDir ?? cacheDir;
    let manifest = await readConsoleManifest(dir, source.id);
    if (!manifest && dir !== cacheDir) {
      dir = cacheDir;
      manifest = await readConsoleManifest(dir, source.id);
    }
    if (!manifest) {
      this.#options.logger.warn({ dir }, 'console assets not built (npm run build -w server); building them once now');
      manifest = await buildConsoleAssets(dir);
    }
    const built: ConsoleManifest = manifest;
    const filesDir = dir;
    const files = new Map<string, Asset>();
    await Promise.all(Object.values(built.files).map(async (name) => files.set(name, await vendorAsset(filesDir, name))));
    const own = async (text: string, ext: string): Promise<{ name: string; asset: Asset }> => {
      const body = Buffer.from(text, 'utf8');
      const name = `console.${contentHash(body)}.${ext}`;
      return { name, asset: await memoryAsset(body, contentTypeOf(name), IMMUTABLE) };
    };
    const [script, style] = await Promise.all([own(CONSOLE_SCRIPT, 'js'), own(CONSOLE_STYLE, 'css')]);
    files.set(script.name, script.asset);
    files.set(style.name, style.asset);
    const url = (name: string): string => `${CONSOLE_PREFIX}${name}`;
    const vendor = (asset: VendorAsset): string => url(built.files[asset]);
    const html = consolePage({
      tokenMode: this.#options.tokenMode,
      tabs: consoleTabs(this.#options.defaultChannelId),
      urls: {
        graphiqlJs: vendor('graphiql.js'),
        graphiqlCss: vendor('graphiql.css'),
        consoleJs: url(script.name),
        consoleCss: url(style.name),
      },
      workers: { editorWorkerService: vendor('editor.worker.js'), json: vendor('json.worker.js'), graphql: vendor('graphql.worker.js') },
    });
    return { page: await memoryAsset(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8', REVALIDATE), files };
  }
}

/** A built file with its .br and .gz beside it. */
async function vendorAsset(dir: string, name: string): Promise<Asset> {
  const path = join(dir, name);
  const [body, br, gzip] = await Promise.all([readFile(path), readFile(`${path}.br`), readFile(`${path}.gz`)]);
  return memoryAsset(body, contentTypeOf(name), IMMUTABLE, { br, gzip });
}

export type { ConsoleManifest };
