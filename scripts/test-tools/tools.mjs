// @ts-check
// The programs `npm test` runs besides Node: one entry per Debian package. Each binary names the
// environment variable the tests read its path from (the same name, the same default), so this
// check and the tests look at the same file. A new tool: add an entry here, read the same variable
// in the test helper that starts it, and list it in README.md (Requirements).

/**
 * @typedef {object} TestToolBinary
 * @property {string} path where Debian's package puts it, and where the tests look by default
 * @property {string} env environment variable that overrides `path` in the tests and here
 */

/**
 * @typedef {object} TestTool
 * @property {string} name
 * @property {string} aptPackage the Debian package that provides every binary
 * @property {string} neededBy which tests run it (for the message)
 * @property {readonly TestToolBinary[]} binaries
 */

/** @type {readonly TestTool[]} */
export const TEST_TOOLS = [
  {
    name: 'Chromium',
    aptPackage: 'chromium',
    neededBy: 'browser tests of server, pwa and extension',
    binaries: [{ path: '/usr/bin/chromium', env: 'CHROMIUM_PATH' }],
  },
  {
    name: 'Firefox ESR',
    aptPackage: 'firefox-esr',
    neededBy: 'Firefox browser tests of the pwa and the extension',
    binaries: [{ path: '/usr/bin/firefox-esr', env: 'FIREFOX_PATH' }],
  },
  {
    name: 'PulseAudio',
    aptPackage: 'pulseaudio',
    neededBy: 'Firefox browser tests of the pwa (a null sink, so Web Audio runs in headless Firefox)',
    binaries: [{ path: '/usr/bin/pulseaudio', env: 'VOXLAY_PULSEAUDIO' }],
  },
  {
    name: 'PulseAudio utilities',
    aptPackage: 'pulseaudio-utils',
    neededBy: 'Firefox test of the extension (parec records what the browser played into the null sink)',
    binaries: [{ path: '/usr/bin/parec', env: 'VOXLAY_PAREC' }],
  },
  {
    name: 'FFmpeg',
    aptPackage: 'ffmpeg',
    neededBy: 'recording tests (the server mixes recordings with ffmpeg; the tests read the files with ffprobe)',
    binaries: [
      { path: '/usr/bin/ffmpeg', env: 'VOXLAY_FFMPEG' },
      { path: '/usr/bin/ffprobe', env: 'VOXLAY_FFPROBE' },
    ],
  },
  {
    name: 'Redis',
    aptPackage: 'redis-server',
    neededBy: 'cluster tests of server and core',
    binaries: [{ path: '/usr/bin/redis-server', env: 'VOXLAY_REDIS_SERVER' }],
  },
  {
    name: 'coturn',
    aptPackage: 'coturn',
    neededBy: 'TURN relay tests',
    binaries: [{ path: '/usr/bin/turnserver', env: 'VOXLAY_TURNSERVER' }],
  },
  {
    name: 'Prometheus',
    aptPackage: 'prometheus',
    neededBy: 'alert-rule and scrape tests',
    binaries: [
      { path: '/usr/bin/prometheus', env: 'VOXLAY_PROMETHEUS' },
      { path: '/usr/bin/promtool', env: 'VOXLAY_PROMTOOL' },
    ],
  },
];

/**
 * The path the tests use for `binary`: its environment variable when set (as the tests read it:
 * `process.env.X ?? default`), else Debian's path.
 * @param {TestToolBinary} binary
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function binaryPath(binary, env) {
  return env[binary.env] ?? binary.path;
}
