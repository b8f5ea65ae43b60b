#!/usr/bin/env node
// Builds (or restores from cache) the mediasoup-worker binary for the installed
// mediasoup package, without downloading anything but Debian packages.
//
// Why: mediasoup's own postinstall downloads a prebuilt worker, or pip-installs
// meson and lets it download every C++ dependency. Neither works on a machine
// that only reaches the npm registry and Debian's archive. The worker's C++
// source ships inside the npm package and Debian has every library it needs,
// so we build it against those (see docs/operations.md).
//
// Order of attempts:
//   1. MEDIASOUP_WORKER_BIN already set and executable: nothing to do.
//   2. A binary for this mediasoup version + our patch set is in the cache: copy it.
//   3. Debian build (apt packages installed when running as root; libsrtp's source tarball is
//      fetched from Debian's archive and compiled in against OpenSSL, see LIBSRTP).
//   4. Not root and packages missing: mediasoup's own postinstall (works on a
//      machine with internet); if that fails too, print the apt-get line and stop.
//
// Environment:
//   VOXLAY_WORKER_CACHE   cache root (default: $XDG_CACHE_HOME/voxlay or ~/.cache/voxlay)
//   VOXLAY_WORKER_SOURCE  auto (default) | debian | mediasoup
//   VOXLAY_SKIP_WORKER_BUILD=1  skip entirely (e.g. when only building the web clients)
//   VOXLAY_LIBSRTP_TARBALL  a local copy of libsrtp2_2.5.0.orig.tar.gz (skips the download)
//   VOXLAY_WORKER_OUT     build (or restore) into this file only, leaving the installed worker alone
//                         (to try a new build before installing it)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, aptInstallLine, isRoot, missingPackages } from '../lib/apt.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const APT_PACKAGES = [
  'meson',
  'ninja-build',
  'pkg-config',
  'g++',
  'libuv1-dev',
  'libssl-dev',
  'libabsl-dev',
  'libflatbuffers-dev',
  'flatbuffers-compiler',
  'libusrsctp-dev',
];

/** Source patches applied to the copied worker source: [file, from, to, why]. */
const SOURCE_PATCHES = [
  [
    'src/RTC/DtlsTransport.cpp',
    'long resultOfcallback = (operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;',
    'long resultOfcallback = (operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1;',
    'BIO ctrl return calls carry BIO_CB_CTRL|BIO_CB_RETURN; answering 1 to BIO_CTRL_GET_KTLS_SEND ' +
      "makes Debian's kTLS-enabled OpenSSL write through a NULL buffer (SIGSEGV at the first DTLS handshake)",
  ],
  [
    'meson.build',
    "meson_version: '>= 1.1.0',",
    "meson_version: '>= 1.0.0',",
    'Debian 12 ships meson 1.0.1, which configures this project fine',
  ],
];

/**
 * libsrtp, compiled into the worker against OpenSSL (subprojects/libsrtp3/meson.build). Debian's
 * libsrtp2 package is built on NSS, whose AES-GCM per packet costs about 2.3x OpenSSL's; mediasoup's
 * own build uses libsrtp with OpenSSL too. The source is upstream libsrtp 2.5.0 as Debian ships it
 * (the .orig tarball of Debian 12's libsrtp2 2.5.0-3), checked against the hash in its .dsc.
 */
const LIBSRTP = {
  file: 'libsrtp2_2.5.0.orig.tar.gz',
  dir: 'libsrtp-2.5.0',
  sha256: '8a43ef8e9ae2b665292591af62aa1a4ae41e468b6d98d8258f91478735da4e09',
  urls: [
    'https://deb.debian.org/debian/pool/main/libs/libsrtp2/libsrtp2_2.5.0.orig.tar.gz',
    'http://deb.debian.org/debian/pool/main/libs/libsrtp2/libsrtp2_2.5.0.orig.tar.gz',
    'https://snapshot.debian.org/archive/debian/20250520T000000Z/pool/main/libs/libsrtp2/libsrtp2_2.5.0.orig.tar.gz',
  ],
};

const MESON_OPTIONS = ['--buildtype=release', '-Dms_disable_liburing=true', '--wrap-mode=nodownload'];

function log(msg) {
  process.stdout.write(`[mediasoup-worker] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`[mediasoup-worker] ERROR: ${msg}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.error) return { ok: false, error: res.error };
  return { ok: res.status === 0, status: res.status };
}

function patchSetHash() {
  const h = createHash('sha256');
  h.update(JSON.stringify(SOURCE_PATCHES));
  const shimRoot = path.join(here, 'subprojects');
  for (const dir of fs.readdirSync(shimRoot).sort()) {
    for (const file of fs.readdirSync(path.join(shimRoot, dir)).sort()) {
      h.update(`${dir}/${file}\0`);
      h.update(fs.readFileSync(path.join(shimRoot, dir, file)));
    }
  }
  h.update(JSON.stringify(MESON_OPTIONS));
  h.update(LIBSRTP.sha256);
  return h.digest('hex').slice(0, 12);
}

function cacheRoot() {
  if (process.env.VOXLAY_WORKER_CACHE) return process.env.VOXLAY_WORKER_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'voxlay', 'mediasoup-worker');
}

function isUsableBinary(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).size > 1_000_000;
  } catch {
    return false;
  }
}

function copyBinary(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}`;
  fs.copyFileSync(from, tmp);
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, to);
}

function applyPatches(srcDir) {
  for (const [file, from, to, why] of SOURCE_PATCHES) {
    const full = path.join(srcDir, file);
    const text = fs.readFileSync(full, 'utf8');
    if (text.includes(to)) continue;
    if (!text.includes(from)) {
      fail(
        `cannot apply patch to ${file}: expected line not found (${why}). ` +
          'The mediasoup version changed; update SOURCE_PATCHES in scripts/mediasoup-worker/build.mjs.',
      );
    }
    fs.writeFileSync(full, text.replace(from, to));
    log(`patched ${file}: ${why}`);
  }
}

const sha256Of = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The libsrtp source tarball: VOXLAY_LIBSRTP_TARBALL, else the cache, else downloaded from Debian. */
async function libsrtpTarball() {
  const local = process.env.VOXLAY_LIBSRTP_TARBALL;
  if (local) {
    if (sha256Of(local) !== LIBSRTP.sha256) fail(`VOXLAY_LIBSRTP_TARBALL=${local} does not have sha256 ${LIBSRTP.sha256}`);
    return local;
  }
  const cached = path.join(cacheRoot(), 'sources', LIBSRTP.file);
  if (fs.existsSync(cached) && sha256Of(cached) === LIBSRTP.sha256) return cached;
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  for (const url of LIBSRTP.urls) {
    log(`downloading ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      const got = createHash('sha256').update(body).digest('hex');
      if (got !== LIBSRTP.sha256) throw new Error(`sha256 ${got}, expected ${LIBSRTP.sha256}`);
      const tmp = `${cached}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, body);
      fs.renameSync(tmp, cached);
      return cached;
    } catch (error) {
      log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return fail(
    `cannot download ${LIBSRTP.file} from Debian's archive. Fetch it by hand (sha256 ${LIBSRTP.sha256}, ` +
      `e.g. apt-get source --download-only libsrtp2 on Debian 12) and set VOXLAY_LIBSRTP_TARBALL=/path/to/it.`,
  );
}

/** Unpacks libsrtp into the worker's subprojects/libsrtp2, where the libsrtp3 shim builds it. */
function unpackLibsrtp(tarball, srcDir) {
  const subDir = path.join(srcDir, 'subprojects');
  const res = run('tar', ['-xzf', tarball, '-C', subDir]);
  if (!res.ok) fail(`cannot unpack ${tarball}`);
  fs.renameSync(path.join(subDir, LIBSRTP.dir), path.join(subDir, 'libsrtp2'));
}

function installShims(srcDir) {
  const subDir = path.join(srcDir, 'subprojects');
  for (const f of fs.readdirSync(subDir)) {
    if (f.endsWith('.wrap')) fs.rmSync(path.join(subDir, f));
  }
  const shimRoot = path.join(here, 'subprojects');
  for (const dir of fs.readdirSync(shimRoot)) {
    fs.cpSync(path.join(shimRoot, dir), path.join(subDir, dir), { recursive: true });
  }
}

async function debianBuild(mediasoupDir, version, outBin) {
  const tarball = await libsrtpTarball();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `voxlay-ms-${version}-`));
  const srcDir = path.join(work, 'worker');
  log(`copying worker source of mediasoup ${version} to ${srcDir}`);
  fs.cpSync(path.join(mediasoupDir, 'worker'), srcDir, {
    recursive: true,
    filter: (p) => !p.includes(`${path.sep}out${path.sep}`) && !p.endsWith(`${path.sep}out`),
  });
  installShims(srcDir);
  unpackLibsrtp(tarball, srcDir);
  applyPatches(srcDir);
  const buildDir = path.join(srcDir, 'build');
  const started = Date.now();
  let res = run('meson', ['setup', buildDir, ...MESON_OPTIONS], { cwd: srcDir });
  if (!res.ok) fail('meson setup failed (see output above)');
  // flatbuffers headers are not ordered before the C++ objects: generate them first.
  res = run('ninja', ['-C', buildDir, 'fbs/FBS']);
  if (!res.ok) fail('generating flatbuffers headers failed');
  res = run('ninja', ['-C', buildDir, 'mediasoup-worker']);
  if (!res.ok) fail('compiling mediasoup-worker failed');
  const built = path.join(buildDir, 'mediasoup-worker');
  if (!isUsableBinary(built)) fail(`build finished but ${built} is missing`);
  copyBinary(built, outBin);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  fs.rmSync(work, { recursive: true, force: true });
}

function mediasoupOwnInstall(mediasoupDir) {
  log("trying mediasoup's own postinstall (prebuilt download or pip/meson build; needs internet)");
  const res = run(process.execPath, ['npm-scripts.mjs', 'postinstall'], {
    cwd: mediasoupDir,
    timeout: 30 * 60 * 1000,
  });
  return res.ok;
}

/** The installed mediasoup package folder (its exports do not expose package.json). */
function findMediasoup() {
  let entry;
  try {
    entry = require.resolve('mediasoup', { paths: [path.join(here, '../../server'), process.cwd()] });
  } catch {
    fail('mediasoup is not installed (run npm install at the repository root)');
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).name === 'mediasoup') return dir;
  }
  return fail(`cannot find mediasoup's package folder from ${entry}`);
}

async function main() {
  if (process.env.VOXLAY_SKIP_WORKER_BUILD === '1') {
    log('VOXLAY_SKIP_WORKER_BUILD=1: skipping');
    return;
  }
  const mediasoupDir = findMediasoup();
  const pkgJson = path.join(mediasoupDir, 'package.json');
  const version = JSON.parse(fs.readFileSync(pkgJson, 'utf8')).version;
  const defaultBin = path.join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker');

  const envBin = process.env.MEDIASOUP_WORKER_BIN;
  if (envBin) {
    if (isUsableBinary(envBin)) {
      log(`MEDIASOUP_WORKER_BIN=${envBin} is set: nothing to build`);
      return;
    }
    fail(`MEDIASOUP_WORKER_BIN=${envBin} is set but is not an executable worker`);
  }

  const key = `${version}-${process.platform}-${process.arch}-${patchSetHash()}`;
  const cached = path.join(cacheRoot(), key, 'mediasoup-worker');
  const outBin = process.env.VOXLAY_WORKER_OUT;
  const target = outBin || defaultBin;
  const marker = path.join(path.dirname(target), '.voxlay-build-key');
  const install = () => {
    copyBinary(cached, target);
    fs.writeFileSync(marker, key);
  };

  if (isUsableBinary(target) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === key) {
    log(`worker for ${key} already in place`);
    return;
  }
  if (isUsableBinary(cached)) {
    install();
    log(`restored ${target} from cache ${cached}`);
    return;
  }

  const source = process.env.VOXLAY_WORKER_SOURCE || 'auto';
  let missing = missingPackages(APT_PACKAGES);

  if (source === 'mediasoup' || (source === 'auto' && missing.length > 0 && !isRoot())) {
    if (outBin) fail(`VOXLAY_WORKER_OUT is only for the Debian build; missing Debian packages: ${missing.join(', ')}`);
    if (mediasoupOwnInstall(mediasoupDir) && isUsableBinary(defaultBin)) {
      fs.writeFileSync(marker, `${version}-upstream`);
      log("using the worker from mediasoup's own install");
      return;
    }
    if (source === 'mediasoup') fail("mediasoup's own postinstall failed");
    fail(
      `cannot build mediasoup-worker: missing Debian packages (${missing.join(', ')}) and not running as root.\n` +
        `Install them with:\n  ${aptInstallLine(missing)}\nthen run npm install again (the build also fetches libsrtp's source, ` +
        `${LIBSRTP.file}, from deb.debian.org, or takes VOXLAY_LIBSRTP_TARBALL).`,
    );
  }

  if (missing.length > 0) {
    if (!isRoot()) fail(`missing Debian packages: ${missing.join(', ')}. Run:\n  ${aptInstallLine(missing)}`);
    log(`installing Debian packages: ${missing.join(' ')}`);
    const result = aptInstall(missing, { log });
    if (!result.ok) fail(`apt-get failed. Run by hand:\n  ${aptInstallLine(missing, { sudo: false })}`);
    log(`installed ${missing.join(' ')} in ${result.seconds} s`);
    missing = missingPackages(APT_PACKAGES);
    if (missing.length > 0) fail(`still missing after apt-get: ${missing.join(', ')}`);
  }

  log(`building mediasoup-worker ${version} from source against Debian libraries (a few minutes)`);
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  await debianBuild(mediasoupDir, version, cached);
  install();
  log(`installed ${target} (cached at ${cached})`);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
