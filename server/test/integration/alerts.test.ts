// End to end: a real Prometheus (Debian's `prometheus`, on loopback) scrapes a real Voxlay node every
// second with ops/prometheus/voxlay-alerts.yml loaded (`for:` durations shortened in the test's
// copy), the test produces each condition, and Prometheus's HTTP API must report the alert firing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoinChannelDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { freePort } from '@voxlay/testing/ports';
import { defined, sleep, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { joinMember, type Member } from '@voxlay/testing/session';

/** Prometheus from Debian's `prometheus` package (VOXLAY_PROMETHEUS overrides it, as scripts/test-tools/tools.mjs says). */
const PROMETHEUS = process.env.VOXLAY_PROMETHEUS ?? '/usr/bin/prometheus';
const RULES = fileURLToPath(new URL('../../../ops/prometheus/voxlay-alerts.yml', import.meta.url));

interface Alert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

describe('alerts fire in a real Prometheus scraping a real node', () => {
  let app: VoxlayApp;
  let prometheus: ChildProcess | undefined;
  let promUrl: string;
  let dir: string;
  let appStopped = false;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${promUrl}${path}`);
    const body = (await res.json()) as { status: string; data: T };
    if (body.status !== 'success') throw new Error(`${path}: ${JSON.stringify(body)}`);
    return body.data;
  };
  const alerts = async (): Promise<Alert[]> => (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;
  const firing = (name: string, labels: Record<string, string> = {}) =>
    waitFor(
      async () =>
        (await alerts()).find(
          (a) => a.labels.alertname === name && a.state === 'firing' && Object.entries(labels).every(([k, v]) => a.labels[k] === v),
        ),
      defined,
      { message: `${name} to fire`, timeoutMs: 20_000, intervalMs: 250 },
    );
  const query = async (expr: string): Promise<number | undefined> => {
    const data = await api<{ result: Array<{ value: [number, string] }> }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
    return data.result[0] ? Number(data.result[0].value[1]) : undefined;
  };

  beforeAll(async () => {
    if (!existsSync(PROMETHEUS))
      throw new Error(`prometheus not found at ${PROMETHEUS}: apt-get install prometheus, or set VOXLAY_PROMETHEUS`);
    // One participant per channel: the second join is refused with CHANNEL_FULL.
    app = await startTestApp({ maxParticipantsPerChannel: 1 });
    dir = mkdtempSync(join(tmpdir(), 'voxlay-prometheus-'));
    // The rules as shipped, with every `for:` cut to 2 s so the test takes seconds.
    writeFileSync(join(dir, 'rules.yml'), readFileSync(RULES, 'utf8').replace(/^(\s+for:) \S+$/gm, '$1 2s'));
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s, scrape_timeout: 900ms }',
        'rule_files: [rules.yml]',
        'scrape_configs:',
        '  - job_name: voxlay',
        `    static_configs: [{ targets: ['127.0.0.1:${app.port}'] }]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    prometheus.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    await waitFor(async () => ((await fetch(`${promUrl}/-/ready`).catch(() => undefined))?.ok ? true : undefined), defined, {
      message: 'Prometheus to be ready',
      timeoutMs: 20_000,
      intervalMs: 250,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${stderr}`);
    });
    // Scraped, and the counters have a first sample at zero (increase() needs the step from 0).
    await waitFor(async () => (((await query('count_over_time(voxlay_worker_deaths_total[1m])')) ?? 0) >= 2 ? true : undefined), defined, {
      message: 'the node to be scraped twice',
      timeoutMs: 20_000,
      intervalMs: 250,
    });
  }, 60_000);

  afterAll(async () => {
    if (!appStopped) await app?.stop();
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is quiet on a healthy node', async () => {
    expect(await query('up{job="voxlay"}')).toBe(1);
    const active = (await alerts()).map((a) => a.labels.alertname);
    for (const name of ['VoxlayWorkerDied', 'VoxlayJoinsRefused', 'VoxlayScrapeFailing', 'VoxlayWorkersDown'])
      expect(active).not.toContain(name);
  });

  it('fires VoxlayJoinsRefused when joins are refused (CHANNEL_FULL)', async () => {
    const lobby = app.channels.defaultChannel.id;
    const caps = app.channels.defaultChannel.rtpCapabilities;
    const first: Member = await joinMember(app, lobby, 'First', caps);
    const refused: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const client = new TestClient(app.url);
      refused.push(
        await client.errorCode(JoinChannelDocument, { input: { channelId: lobby, displayName: `Late ${i}`, rtpCapabilities: caps } }),
      );
      await client.close();
    }
    expect(refused).toEqual(['CHANNEL_FULL', 'CHANNEL_FULL', 'CHANNEL_FULL']);
    const alert = await firing('VoxlayJoinsRefused', { code: 'CHANNEL_FULL' });
    expect(alert.labels.severity).toBe('warning');
    await first.client.close();
  });

  it('fires VoxlayWorkerDied when a mediasoup worker is killed', async () => {
    const worker = app.pool.workers[0]!;
    process.kill(worker.pid, 'SIGKILL');
    const alert = await firing('VoxlayWorkerDied', { worker: '0' });
    expect(alert.labels.instance).toBe(`127.0.0.1:${app.port}`);
    expect(await query('voxlay_worker_deaths_total{worker="0"}')).toBe(1);
    // The pool replaced it: the workers are all alive again.
    await waitFor(async () => ((await query('voxlay_workers{state="alive"}')) === 1 ? true : undefined), defined, {
      message: 'the worker to be replaced',
      timeoutMs: 20_000,
      intervalMs: 250,
    });
  });

  it('fires VoxlayScrapeFailing when the node stops answering', async () => {
    await app.stop();
    appStopped = true;
    const alert = await firing('VoxlayScrapeFailing');
    expect(alert.labels.severity).toBe('critical');
  });
});
