// @ts-check
// What `npm test` does about the programs its tests run (tools.mjs), decided from plain facts so the
// decision can be tested without touching the machine: which binaries are executable, which Debian
// packages are installed, whether we are root and have apt-get. ensure.mjs gathers the facts and
// carries the plan out.
import { aptInstallLine } from '../lib/apt.mjs';
import { binaryPath } from './tools.mjs';

/** @typedef {import('./tools.mjs').TestTool} TestTool */
/** @typedef {import('./tools.mjs').TestToolBinary} TestToolBinary */

/**
 * The environment variable that skips the check, for runs that need none of the tools.
 */
export const SKIP_ENV = 'VOXLAY_SKIP_TEST_TOOLS';

/**
 * @typedef {object} Facts
 * @property {Readonly<Record<string, string | undefined>>} env
 * @property {(path: string) => boolean} isExecutable
 * @property {ReadonlyMap<string, string>} installedVersions Debian package → installed version ('' or absent: not installed)
 * @property {boolean} root
 * @property {boolean} apt apt-get is available
 */

/**
 * Why one binary is not usable:
 * - `not-installed`: its Debian package is not installed (apt-get can fix it);
 * - `bad-override`: its environment variable points at no executable (installing cannot fix it);
 * - `broken`: the package is installed but the file is gone (a reinstall fixes it).
 * @typedef {object} Problem
 * @property {TestTool} tool
 * @property {TestToolBinary} binary
 * @property {string} path
 * @property {'not-installed' | 'bad-override' | 'broken'} kind
 */

/**
 * @typedef {object} Plan
 * @property {'ready' | 'skip' | 'install' | 'fail'} action
 * @property {string[]} install Debian packages to install (action `install`)
 * @property {Problem[]} problems
 * @property {string} message what to print (to stderr for `fail`)
 */

/**
 * @param {readonly TestTool[]} tools
 * @param {Facts} facts
 * @returns {Plan}
 */
export function planTestTools(tools, facts) {
  if (facts.env[SKIP_ENV] === '1') {
    return {
      action: 'skip',
      install: [],
      problems: [],
      message: `${SKIP_ENV}=1: not checking ${tools.map((t) => t.aptPackage).join(', ')}`,
    };
  }
  /** @type {Problem[]} */
  const problems = [];
  for (const tool of tools) {
    for (const binary of tool.binaries) {
      const path = binaryPath(binary, facts.env);
      if (facts.isExecutable(path)) continue;
      const kind =
        facts.env[binary.env] !== undefined ? 'bad-override' : facts.installedVersions.get(tool.aptPackage) ? 'broken' : 'not-installed';
      problems.push({ tool, binary, path, kind });
    }
  }
  if (problems.length === 0) {
    return { action: 'ready', install: [], problems, message: readyMessage(tools, facts) };
  }
  // As root with apt-get, install when that fixes everything; otherwise install nothing and say why.
  if (problems.every((p) => p.kind === 'not-installed') && facts.root && facts.apt) {
    const install = packagesOf(problems, 'not-installed');
    const needed = [...new Set(problems.map((p) => p.tool))].map((t) => `${t.aptPackage} (${t.name}, for the ${t.neededBy})`);
    return { action: 'install', install, problems, message: `installing ${needed.join(', ')}` };
  }
  return { action: 'fail', install: [], problems, message: failMessage(problems, facts) };
}

/**
 * The Debian packages behind the problems of one kind, each once, in registry order.
 * @param {readonly Problem[]} problems
 * @param {Problem['kind']} kind
 */
function packagesOf(problems, kind) {
  return [...new Set(problems.filter((p) => p.kind === kind).map((p) => p.tool.aptPackage))];
}

/**
 * @param {readonly TestTool[]} tools
 * @param {Facts} facts
 */
function readyMessage(tools, facts) {
  const parts = tools.map((tool) => {
    const version = facts.installedVersions.get(tool.aptPackage);
    const paths = tool.binaries.map((b) => binaryPath(b, facts.env)).join(', ');
    return `${tool.aptPackage}${version ? ` ${version}` : ''} (${paths})`;
  });
  return `ready: ${parts.join('; ')}`;
}

/**
 * @param {readonly Problem[]} problems
 * @param {Facts} facts
 */
function failMessage(problems, facts) {
  const lines = ['npm test runs programs that are missing on this machine:'];
  for (const p of problems) {
    const what = `  ${p.tool.name} (for the ${p.tool.neededBy}): `;
    if (p.kind === 'bad-override') {
      const installed = facts.installedVersions.get(p.tool.aptPackage) ? 'installed' : 'not installed';
      lines.push(
        `${what}${p.binary.env}=${p.path} is not an executable file. Point it at one, or unset it to use ` +
          `${p.binary.path} (Debian package ${p.tool.aptPackage}, ${installed}).`,
      );
    } else if (p.kind === 'broken') {
      lines.push(`${what}${p.path} is missing although Debian package ${p.tool.aptPackage} is installed.`);
    } else {
      lines.push(`${what}${p.path} not found (Debian package ${p.tool.aptPackage}, not installed).`);
    }
  }
  const sudo = !facts.root;
  const notInstalled = packagesOf(problems, 'not-installed');
  const broken = packagesOf(problems, 'broken');
  if (notInstalled.length > 0) {
    const line = aptInstallLine(notInstalled, { sudo });
    lines.push(
      facts.apt
        ? `Install them, then run npm test again:\n  ${line}`
        : `Install ${notInstalled.join(', ')} with this system's package manager (on Debian or Ubuntu: ${line}), ` +
            `or point the variables above at the programs.`,
    );
  }
  if (broken.length > 0) lines.push(`Reinstall:\n  ${aptInstallLine(broken, { sudo, reinstall: true })}`);
  if (facts.root && !facts.apt && notInstalled.length > 0)
    lines.push('(apt-get is not available, so npm test cannot install them itself.)');
  if (!facts.root && notInstalled.length > 0) lines.push('(Run as root, npm test installs them itself.)');
  lines.push(`To run only tests that need none of them, set ${SKIP_ENV}=1 (e.g. ${SKIP_ENV}=1 npm test -- --project contract).`);
  return lines.join('\n');
}
