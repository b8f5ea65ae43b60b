// ensure.mjs as `npm test` runs it: real processes, the real uid, dpkg and filesystem.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTool } from './tools.mjs';

const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** The environment without anything that changes the check. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.VOXLAY_SKIP_TEST_TOOLS;
  return { ...env, ...extra };
}

/** A tool whose Debian package is not installed here (nor anywhere). */
const ABSENT: TestTool = {
  name: 'Absent',
  aptPackage: 'voxlay-absent-tool',
  neededBy: 'ensure.test.ts',
  binaries: [{ path: '/nonexistent/voxlay-absent-tool', env: 'VOXLAY_ABSENT_TOOL' }],
};

describe('ensure.mjs as a user who is not root', () => {
  // A copy readable by nobody (the checkout may sit under a private home folder).
  let copy = '';
  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'voxlay-test-tools-'));
    fs.chmodSync(copy, 0o755);
    for (const dir of ['lib', 'test-tools']) fs.cpSync(path.join(scriptsDir, dir), path.join(copy, dir), { recursive: true });
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  /** Runs `code` (an ES module) as nobody when we are root, else as ourselves. */
  function runAsUser(code: string) {
    const options: SpawnSyncOptions = { cwd: copy, env: cleanEnv(), encoding: 'utf8', timeout: 15_000 };
    if (asRoot) Object.assign(options, { uid: NOBODY, gid: NOBODY });
    return spawnSync(process.execPath, ['--input-type=module', '-e', code], options);
  }

  it('prints the exact sudo apt-get line for a package that is not installed and exits 1', () => {
    const res = runAsUser(
      `import { ensureTestTools } from './test-tools/ensure.mjs';\nprocess.exitCode = ensureTestTools(${JSON.stringify([ABSENT])});`,
    );
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(1);
    expect(String(res.stderr)).toContain('[test-tools]   Absent (for the ensure.test.ts): /nonexistent/voxlay-absent-tool not found');
    expect(String(res.stderr)).toContain('[test-tools]   sudo apt-get install -y --no-install-recommends voxlay-absent-tool\n');
    expect(String(res.stdout)).not.toContain('installing');
  });

  it('reports an override to /nonexistent in the real registry and exits 1', () => {
    const res = runAsUser(
      `import { ensureTestTools } from './test-tools/ensure.mjs';\n` +
        `process.exitCode = ensureTestTools(undefined, { ...process.env, CHROMIUM_PATH: '/nonexistent' });`,
    );
    expect(res.status).toBe(1);
    expect(String(res.stderr)).toContain('CHROMIUM_PATH=/nonexistent is not an executable file');
  });
});

describe('ensure.mjs as the user running the tests', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(scriptsDir, 'test-tools', 'ensure.mjs')], {
      env: cleanEnv(env),
      encoding: 'utf8',
      timeout: 15_000,
    });

  it('stops on a wrong override without installing anything, even as root', () => {
    const res = run({ VOXLAY_REDIS_SERVER: '/nonexistent' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('VOXLAY_REDIS_SERVER=/nonexistent is not an executable file');
    expect(res.stdout).not.toContain('apt-get');
  });

  it('exits 0 and checks nothing with VOXLAY_SKIP_TEST_TOOLS=1', () => {
    const res = run({ VOXLAY_SKIP_TEST_TOOLS: '1', CHROMIUM_PATH: '/nonexistent' });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('VOXLAY_SKIP_TEST_TOOLS=1: not checking');
  });
});
