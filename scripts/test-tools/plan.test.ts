import { describe, expect, it } from 'vitest';
import { planTestTools, type Facts } from './plan.mjs';
import { TEST_TOOLS } from './tools.mjs';

const DEBIAN_PATHS = TEST_TOOLS.flatMap((t) => t.binaries.map((b) => b.path));
const ALL_PACKAGES = TEST_TOOLS.map((t) => t.aptPackage);

/** A machine: `executables` exist, `installed` Debian packages are installed (version 1.0). */
function facts({
  executables = DEBIAN_PATHS,
  installed = ALL_PACKAGES,
  env = {},
  root = false,
  apt = true,
}: {
  executables?: readonly string[];
  installed?: readonly string[];
  env?: Record<string, string>;
  root?: boolean;
  apt?: boolean;
}): Facts {
  return {
    env,
    isExecutable: (path) => executables.includes(path),
    installedVersions: new Map(installed.map((pkg) => [pkg, '1.0'])),
    root,
    apt,
  };
}

/** Debian's paths of every tool except those of `packages`, which are not installed either. */
function without(...packages: string[]) {
  const gone = TEST_TOOLS.filter((t) => packages.includes(t.aptPackage)).flatMap((t) => t.binaries.map((b) => b.path));
  return {
    executables: DEBIAN_PATHS.filter((p) => !gone.includes(p)),
    installed: ALL_PACKAGES.filter((p) => !packages.includes(p)),
  };
}

describe('planTestTools()', () => {
  it('is ready when every binary is executable, and names each package, version and path', () => {
    const plan = planTestTools(TEST_TOOLS, facts({}));
    expect(plan.action).toBe('ready');
    expect(plan.problems).toEqual([]);
    expect(plan.message).toContain('chromium 1.0 (/usr/bin/chromium)');
    expect(plan.message).toContain('prometheus 1.0 (/usr/bin/prometheus, /usr/bin/promtool)');
  });

  it('installs the missing packages as root with apt-get, each once and in registry order', () => {
    const plan = planTestTools(TEST_TOOLS, facts({ ...without('prometheus', 'chromium'), root: true }));
    expect(plan.action).toBe('install');
    // Prometheus misses two binaries, and is installed once.
    expect(plan.problems.map((p) => p.path)).toEqual(['/usr/bin/chromium', '/usr/bin/prometheus', '/usr/bin/promtool']);
    expect(plan.install).toEqual(['chromium', 'prometheus']);
    expect(plan.message).toBe(
      'installing chromium (Chromium, for the browser tests of server, pwa and extension), ' +
        'prometheus (Prometheus, for the alert-rule and scrape tests)',
    );
  });

  it('fails as a normal user with the exact sudo apt-get line, and installs nothing', () => {
    const plan = planTestTools(TEST_TOOLS, facts({ ...without('chromium', 'redis-server') }));
    expect(plan.action).toBe('fail');
    expect(plan.install).toEqual([]);
    expect(plan.message).toContain('Chromium (for the browser tests of server, pwa and extension): /usr/bin/chromium not found');
    expect(plan.message).toContain('Redis (for the cluster tests of server and core): /usr/bin/redis-server not found');
    expect(plan.message).toContain('\n  sudo apt-get install -y --no-install-recommends chromium redis-server\n');
    expect(plan.message).toContain('Run as root, npm test installs them itself');
    expect(plan.message).toContain('VOXLAY_SKIP_TEST_TOOLS=1');
  });

  it('installs Firefox ESR and PulseAudio (with parec) as root when they are missing, and names the exact apt line to a normal user', () => {
    const missing = without('firefox-esr', 'pulseaudio', 'pulseaudio-utils');
    const asRoot = planTestTools(TEST_TOOLS, facts({ ...missing, root: true }));
    expect(asRoot.action).toBe('install');
    expect(asRoot.install).toEqual(['firefox-esr', 'pulseaudio', 'pulseaudio-utils']);
    expect(asRoot.message).toContain('firefox-esr (Firefox ESR, for the Firefox browser tests of the pwa and the extension)');
    const asUser = planTestTools(TEST_TOOLS, facts({ ...missing }));
    expect(asUser.action).toBe('fail');
    expect(asUser.message).toContain('/usr/bin/firefox-esr not found (Debian package firefox-esr, not installed)');
    expect(asUser.message).toContain('/usr/bin/parec not found (Debian package pulseaudio-utils, not installed)');
    expect(asUser.message).toContain('\n  sudo apt-get install -y --no-install-recommends firefox-esr pulseaudio pulseaudio-utils\n');
  });

  it('fails as root without apt-get, naming the packages (no sudo)', () => {
    const plan = planTestTools(TEST_TOOLS, facts({ ...without('coturn'), root: true, apt: false }));
    expect(plan.action).toBe('fail');
    expect(plan.message).toContain(
      "Install coturn with this system's package manager (on Debian or Ubuntu: apt-get install -y --no-install-recommends coturn)",
    );
    expect(plan.message).toContain('apt-get is not available');
    expect(plan.message).not.toContain('sudo');
  });

  it("checks the path in the environment variable instead of Debian's", () => {
    const env = { CHROMIUM_PATH: '/opt/chromium/chrome' };
    // Debian's Chromium is absent, the override exists: ready.
    const executables = [...without('chromium').executables, '/opt/chromium/chrome'];
    const ready = planTestTools(TEST_TOOLS, facts({ executables, env }));
    expect(ready.action).toBe('ready');
    expect(ready.message).toContain('(/opt/chromium/chrome)');
  });

  it('fails on an override that points at nothing, even as root: installing cannot fix it', () => {
    const plan = planTestTools(TEST_TOOLS, facts({ env: { VOXLAY_PROMTOOL: '/nonexistent' }, root: true }));
    expect(plan.action).toBe('fail');
    expect(plan.problems).toMatchObject([{ kind: 'bad-override', path: '/nonexistent' }]);
    expect(plan.message).toContain(
      'VOXLAY_PROMTOOL=/nonexistent is not an executable file. Point it at one, or unset it to use /usr/bin/promtool (Debian package prometheus, installed).',
    );
    expect(plan.message).not.toContain('apt-get install');
  });

  it("reads an empty override as the tests do (`??`): an empty path, not Debian's", () => {
    const plan = planTestTools(TEST_TOOLS, facts({ env: { VOXLAY_REDIS_SERVER: '' } }));
    expect(plan.action).toBe('fail');
    expect(plan.problems).toMatchObject([{ kind: 'bad-override', path: '' }]);
  });

  it('as root, installs nothing when an override is wrong too, and says what to install', () => {
    const plan = planTestTools(TEST_TOOLS, facts({ ...without('redis-server'), env: { CHROMIUM_PATH: '/nonexistent' }, root: true }));
    expect(plan.action).toBe('fail');
    expect(plan.problems.map((p) => p.kind)).toEqual(['bad-override', 'not-installed']);
    expect(plan.message).toContain('\n  apt-get install -y --no-install-recommends redis-server\n');
    expect(plan.message).not.toContain('Run as root');
  });

  it('asks for a reinstall when the package is installed but its binary is gone', () => {
    const executables = DEBIAN_PATHS.filter((p) => p !== '/usr/bin/turnserver');
    for (const root of [false, true]) {
      const plan = planTestTools(TEST_TOOLS, facts({ executables, root }));
      expect(plan.action).toBe('fail');
      expect(plan.message).toContain('/usr/bin/turnserver is missing although Debian package coturn is installed');
      expect(plan.message).toContain(`\n  ${root ? '' : 'sudo '}apt-get install -y --no-install-recommends --reinstall coturn`);
    }
  });

  it('skips everything with VOXLAY_SKIP_TEST_TOOLS=1, even with every tool missing', () => {
    const plan = planTestTools(TEST_TOOLS, facts({ executables: [], installed: [], env: { VOXLAY_SKIP_TEST_TOOLS: '1' } }));
    expect(plan.action).toBe('skip');
    expect(plan.message).toBe(
      'VOXLAY_SKIP_TEST_TOOLS=1: not checking chromium, firefox-esr, pulseaudio, pulseaudio-utils, ffmpeg, redis-server, coturn, prometheus',
    );
  });
});

describe('TEST_TOOLS', () => {
  it('gives every binary an absolute default path and its own environment variable', () => {
    const binaries = TEST_TOOLS.flatMap((t) => t.binaries);
    expect(binaries.every((b) => b.path.startsWith('/'))).toBe(true);
    expect(new Set(binaries.map((b) => b.env)).size).toBe(binaries.length);
  });
});
