import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Walks up from this file's folder until `fileName` exists. Works from `src/` (tsx, vitest) and
 * from `dist/` (after `tsc -p tsconfig.build.json`), which sit at the same depth.
 */
export function findUp(fileName: string, from: string = here): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, fileName);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The repository root: the folder holding schema.graphql. */
export function repoRoot(): string | undefined {
  const schema = findUp('schema.graphql');
  return schema === undefined ? undefined : dirname(schema);
}

/** The server package version (server/package.json). */
export function serverVersion(): string {
  const pkg = findUp('package.json');
  if (pkg === undefined) return '0.0.0';
  const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}
