import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tests load .output/chrome-mv3: build it from the current sources first (about 2 s). */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // vitest sets NODE_ENV=test; build what users get.
  execFileSync('npm', ['run', 'build', '-w', 'extension'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
