import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser tests run against pwa/dist: build it from the current sources first. */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // vitest sets NODE_ENV=test, which would make Vite build a development bundle (no service worker).
  execFileSync('npm', ['run', 'build', '-w', 'pwa'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
