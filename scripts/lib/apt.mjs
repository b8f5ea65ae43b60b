// @ts-check
// Debian packages for our own scripts: which are installed, the exact `apt-get install` line to
// print, and installing them when running as root. Shared by the two places that need system
// packages: `npm install` (scripts/mediasoup-worker/build.mjs, the worker's build packages) and
// `npm test` (scripts/test-tools/ensure.mjs, the programs the tests run).
import { spawnSync } from 'node:child_process';

/** apt and dpkg in English, so their output can be read. */
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' };

/** The options of every install, the printed line included: the same packages either way. */
const INSTALL_ARGS = ['install', '-y', '--no-install-recommends'];

/** True when this process runs as root (it may install packages itself). */
export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * True when `cmd` is found on PATH.
 * @param {string} cmd
 */
export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
}

/**
 * dpkg-query's showformat placeholder for a field: the literal text `${name}` for dpkg-query, not a JS interpolation.
 * @param {string} name
 */
const dpkgField = (name) => `$\{${name}}`;

/**
 * The installed version of each package ('' when not installed). Without dpkg (not Debian),
 * every package counts as not installed.
 * @param {readonly string[]} packages
 * @returns {Map<string, string>}
 */
export function installedVersions(packages) {
  const versions = new Map(packages.map((pkg) => [pkg, '']));
  if (packages.length === 0 || !hasCommand('dpkg-query')) return versions;
  // One call for all; unknown names only add a message on stderr and a non-zero status.
  const res = spawnSync(
    'dpkg-query',
    ['-W', `-f=${dpkgField('Package')}\t${dpkgField('Status')}\t${dpkgField('Version')}\n`, ...packages],
    {
      encoding: 'utf8',
      env: APT_ENV,
    },
  );
  for (const line of (res.stdout ?? '').split('\n')) {
    const [name = '', status = '', version = ''] = line.split('\t');
    // Multi-arch packages may print as name:arch.
    const pkg = name.split(':')[0] ?? '';
    if (versions.has(pkg) && status.endsWith(' installed')) versions.set(pkg, version);
  }
  return versions;
}

/**
 * The packages of `packages` that are not installed.
 * @param {readonly string[]} packages
 */
export function missingPackages(packages) {
  const versions = installedVersions(packages);
  return packages.filter((pkg) => !versions.get(pkg));
}

/**
 * The command a person runs to install `packages`: the same options `aptInstall` uses.
 * @param {readonly string[]} packages
 * @param {{ sudo?: boolean, reinstall?: boolean }} [options] `reinstall` for packages dpkg lists
 *   as installed whose files are gone
 */
export function aptInstallLine(packages, { sudo = true, reinstall = false } = {}) {
  return [...(sudo ? ['sudo'] : []), 'apt-get', ...INSTALL_ARGS, ...(reinstall ? ['--reinstall'] : []), ...packages].join(' ');
}

/**
 * The packages that `apt-cache policy` output gives no install candidate: unknown to the package
 * lists (a fresh machine has none) or listed with `Candidate: (none)`.
 * @param {string} policyOutput output of `LC_ALL=C apt-cache policy <packages>`
 * @param {readonly string[]} packages
 */
export function packagesWithoutCandidate(policyOutput, packages) {
  /** @type {Map<string, string>} */
  const candidates = new Map();
  let current = '';
  for (const line of policyOutput.split('\n')) {
    const header = /^(\S+):$/.exec(line);
    if (header?.[1]) {
      current = header[1].split(':')[0] ?? '';
      continue;
    }
    const candidate = /^\s+Candidate:\s*(\S+)/.exec(line);
    if (candidate?.[1] && current) candidates.set(current, candidate[1]);
  }
  return packages.filter((pkg) => {
    const version = candidates.get(pkg);
    return !version || version === '(none)';
  });
}

/**
 * True when the package lists must be refreshed before `packages` can be installed.
 * @param {readonly string[]} packages
 */
function needsUpdate(packages) {
  const res = spawnSync('apt-cache', ['policy', ...packages], { encoding: 'utf8', env: APT_ENV });
  if (res.status !== 0) return true;
  return packagesWithoutCandidate(res.stdout ?? '', packages).length > 0;
}

/**
 * @param {readonly string[]} args
 * @returns {boolean}
 */
function aptGet(args) {
  const res = spawnSync('apt-get', args, { stdio: 'inherit', env: APT_ENV });
  return !res.error && res.status === 0;
}

/**
 * Installs `packages` with apt-get (the caller checks it runs as root). Refreshes the package lists
 * first only when one of the packages has no install candidate (a fresh machine), and once more
 * with a retry when the install fails (stale lists point at files the archive no longer has).
 * apt-get's own output goes to this process's stdout and stderr.
 * @param {readonly string[]} packages
 * @param {{ log: (msg: string) => void }} options
 * @returns {{ ok: boolean, updated: boolean, seconds: number }}
 */
export function aptInstall(packages, { log }) {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  let updated = false;
  const update = () => {
    log('apt-get update');
    updated = true;
    return aptGet(['update']);
  };
  if (needsUpdate(packages)) update();
  log(`apt-get ${INSTALL_ARGS.join(' ')} ${packages.join(' ')}`);
  let ok = aptGet([...INSTALL_ARGS, ...packages]);
  if (!ok && !updated) {
    log('apt-get install failed; refreshing the package lists and retrying');
    update();
    ok = aptGet([...INSTALL_ARGS, ...packages]);
  }
  return { ok, updated, seconds: seconds() };
}
