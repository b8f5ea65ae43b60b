// axe-core in the browser tests of the PWA and the extension: the engine comes from node_modules (no
// network) and is evaluated through the DevTools protocol, so a page's CSP (an extension page allows no
// inline scripts) does not stop it. A page under test is judged by its critical and serious violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The failing nodes' selectors (a shadow DOM path is joined with " >>> "). */
  targets: string[];
}

interface AxeRunResult {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: Array<string | string[]> }> }>;
}

/**
 * Runs axe on `page` (WCAG 2.x A/AA and best-practice rules); `within` limits it to one element,
 * and what its shadow root holds (e.g. the overlay's host on a page that is not ours).
 */
export async function axeViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe;
    return axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
  }, within ?? null);
  return (result as AxeRunResult).violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' >>> ')),
  }));
}

/** The violations a screen must not have: critical and serious. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

/** One line per violation, for the test output and the report. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact ?? '?'} ${v.id} (${v.targets.length}): ${v.help}; ${v.targets.slice(0, 3).join(', ')}`)
    .join('\n');
}
