// The machine a run measured: CPU model, cores, memory, versions, date, load.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { createRequire } from 'node:module';

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  mediasoup: string;
  chromium?: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export function machineInfo(): MachineInfo {
  const require = createRequire(import.meta.url);
  let mediasoup = 'unknown';
  try {
    // mediasoup's package.json is not exported: walk up from its entry point.
    let dir = dirname(require.resolve('mediasoup'));
    for (let i = 0; i < 5 && mediasoup === 'unknown'; i++, dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
        if (pkg.name === 'mediasoup') mediasoup = pkg.version;
      }
    }
  } catch {
    // keep unknown
  }
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    mediasoup,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
