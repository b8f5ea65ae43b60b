import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface GeneratedFile {
  filename: string;
  content: string;
}

describe('codegen output', () => {
  it('matches what schema.graphql and the client documents generate (run `npm run codegen` when this fails)', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    let files: GeneratedFile[];
    try {
      files = (await generate({ ...config, silent: true, verbose: false }, false)) as GeneratedFile[];
    } finally {
      process.chdir(cwd);
    }
    expect(files.length).toBeGreaterThan(1);
    const stale: string[] = [];
    for (const file of files) {
      const onDisk = await readFile(path.resolve(root, file.filename), 'utf8').catch(() => null);
      if (onDisk !== file.content) stale.push(file.filename);
    }
    expect(stale, `stale generated files: ${stale.join(', ')}`).toEqual([]);
  });
});
