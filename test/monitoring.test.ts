// The monitoring kit: Prometheus alert rules (checked and unit-tested with promtool) and the Grafana
// dashboard (importable JSON whose queries are valid PromQL over metrics the server exports).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** promtool from Debian's `prometheus` package (VOXLAY_PROMTOOL overrides it, as scripts/test-tools/tools.mjs says). */
const PROMTOOL = process.env.VOXLAY_PROMTOOL ?? '/usr/bin/promtool';
const RULES = join(ROOT, 'ops/prometheus/voxlay-alerts.yml');
const RULE_TESTS = join(ROOT, 'ops/prometheus/voxlay-alerts.test.yml');
const DASHBOARD = join(ROOT, 'docs/grafana-dashboard.json');

async function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  if (!existsSync(PROMTOOL)) throw new Error(`promtool not found at ${PROMTOOL}: apt-get install prometheus, or set VOXLAY_PROMTOOL`);
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Metric names the server registers (server/src/metrics/metrics.ts), plus what prom-client and Prometheus add. */
function exportedMetrics(): Set<string> {
  const source = readFileSync(join(ROOT, 'server/src/metrics/metrics.ts'), 'utf8');
  const names = new Set([...source.matchAll(/name: '([a-z_]+)'/g)].map((m) => m[1]!));
  for (const extra of ['up', 'process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds'])
    names.add(extra);
  return names;
}

/** The metric names a PromQL text uses (histogram series suffixes folded to the histogram's name). */
function metricsUsed(text: string): string[] {
  return [
    ...new Set(
      [...text.matchAll(/\b((?:voxlay|nodejs|process)_[a-z0-9_]+|up)\b(?=\s*[{[(]|\s|\)|$)/g)].map((m) =>
        m[1]!.replace(/_(bucket|count|sum)$/, ''),
      ),
    ),
  ];
}

describe('Prometheus alert rules (ops/prometheus/voxlay-alerts.yml)', () => {
  it('are valid rules, each with a severity, a summary, a description and a runbook', async () => {
    const checked = await promtool('check', 'rules', RULES);
    expect(checked.output).toContain('SUCCESS');
    expect(checked.code).toBe(0);
    const text = readFileSync(RULES, 'utf8');
    const alerts = [...text.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const block of text.split('- alert: ').slice(1)) {
      expect(block, block.split('\n')[0]).toMatch(/severity: (critical|warning)/);
      for (const field of ['summary:', 'description:', 'runbook:']) expect(block, `${block.split('\n')[0]} ${field}`).toContain(field);
    }
  });

  it('pass their promtool unit tests (each alert fires on its condition and stays silent otherwise)', async () => {
    const tested = await promtool('test', 'rules', RULE_TESTS);
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
    // Every alert of the file is exercised by the tests.
    const alerts = [...readFileSync(RULES, 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]!);
    const tests = readFileSync(RULE_TESTS, 'utf8');
    for (const alert of alerts) expect(tests, alert).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
  });

  it('use only metrics the server exports', () => {
    const exported = exportedMetrics();
    const used = metricsUsed(
      readFileSync(RULES, 'utf8')
        .split('\n')
        .filter((l) => !l.trim().startsWith('#') && !/summary|description|runbook|^\s{12}/.test(l))
        .join('\n'),
    );
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect(exported, name).toContain(name);
  });
});

describe('Grafana dashboard (docs/grafana-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    __inputs: Array<{ name: string; type: string; pluginId: string }>;
    schemaVersion: number;
    uid: string;
    title: string;
    templating: { list: Array<{ name: string; query: { query: string } }> };
    panels: Array<{
      id: number;
      type: string;
      title: string;
      gridPos: { x: number; y: number; w: number; h: number };
      datasource?: { type: string; uid: string };
      targets?: Array<{ expr: string; refId: string }>;
    }>;
  };
  const queryPanels = dashboard.panels.filter((p) => p.type !== 'row');

  it('is an importable Grafana 10/11 dashboard with a Prometheus data source input', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of queryPanels) {
      expect(['timeseries', 'stat']).toContain(panel.type);
      // Grafana's import variable for the data source: the literal text ${DS_PROMETHEUS} (escaped: no interpolation).
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: `$\{DS_PROMETHEUS}` });
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['instance']);
  });

  it('queries valid PromQL (promtool) over metrics the server exports', async () => {
    const exported = exportedMetrics();
    // Grafana's variables as Prometheus would receive them.
    const expand = (expr: string) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$instance', '.*');
    const rules = queryPanels.flatMap((panel) =>
      panel.targets!.map((target) => ({ record: `dashboard:panel_${panel.id}_${target.refId}`, expr: expand(target.expr) })),
    );
    rules.push({ record: 'dashboard:variable_instance', expr: 'voxlay_build_info' });
    for (const { expr } of rules) for (const name of metricsUsed(expr)) expect(exported, `${name} in ${expr}`).toContain(name);
    const dir = mkdtempSync(join(tmpdir(), 'voxlay-dashboard-'));
    try {
      const file = join(dir, 'dashboard-queries.json');
      writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
      const checked = await promtool('check', 'rules', file);
      expect(checked.output).toContain(`SUCCESS: ${rules.length} rules found`);
      expect(checked.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(dashboard.templating.list[0]!.query.query).toBe('label_values(voxlay_build_info, instance)');
  });
});
