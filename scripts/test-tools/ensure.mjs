#!/usr/bin/env node
// @ts-check
// The first step of `npm test`: makes sure the programs the tests run (tools.mjs) are there, the way
// `npm install` does for the worker's build packages. Root with apt-get: installs the missing Debian
// packages and says what and how long. Otherwise: prints the exact `sudo apt-get install` line and
// exits 1, before any test starts. VOXLAY_SKIP_TEST_TOOLS=1 skips the check.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { aptInstall, aptInstallLine, hasCommand, installedVersions, isRoot } from '../lib/apt.mjs';
import { planTestTools } from './plan.mjs';
import { TEST_TOOLS } from './tools.mjs';

/** @typedef {import('./tools.mjs').TestTool} TestTool */

/** @param {string} msg */
const log = (msg) => process.stdout.write(`[test-tools] ${msg}\n`);
/** @param {string} msg */
const error = (msg) => process.stderr.write(`[test-tools] ${msg.replaceAll('\n', '\n[test-tools] ')}\n`);

/** @param {string} path */
function isExecutable(path) {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * What the plan is decided from, read from this machine now.
 * @param {readonly TestTool[]} tools
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {import('./plan.mjs').Facts}
 */
function readFacts(tools, env) {
  return {
    env,
    isExecutable,
    installedVersions: installedVersions([...new Set(tools.map((t) => t.aptPackage))]),
    root: isRoot(),
    apt: hasCommand('apt-get'),
  };
}

/**
 * Checks (and as root installs) `tools`; returns the exit code.
 * @param {readonly TestTool[]} [tools]
 * @param {Readonly<Record<string, string | undefined>>} [env]
 */
export function ensureTestTools(tools = TEST_TOOLS, env = process.env) {
  const plan = planTestTools(tools, readFacts(tools, env));
  if (plan.action === 'ready' || plan.action === 'skip') {
    log(plan.message);
    return 0;
  }
  if (plan.action === 'fail') {
    error(plan.message);
    return 1;
  }
  log(plan.message);
  const result = aptInstall(plan.install, { log });
  if (!result.ok) {
    error(
      `apt-get could not install ${plan.install.join(' ')} (its output is above). Run by hand:\n  ${aptInstallLine(plan.install, { sudo: false })}`,
    );
    return 1;
  }
  log(`installed ${plan.install.join(' ')} in ${result.seconds} s${result.updated ? ' (package lists refreshed)' : ''}`);
  const after = planTestTools(tools, readFacts(tools, env));
  if (after.action !== 'ready') {
    error(`still missing after apt-get install:\n${after.message}`);
    return 1;
  }
  log(after.message);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = ensureTestTools();
}
