// axe-core in the PWA's browser tests (the engine from node_modules, no network): a screen is judged by
// its critical and serious violations.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's critical and serious violations on the page as it is now (WCAG 2.x A and AA rules plus best practices). */
export async function blockingViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return (violations as { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}
