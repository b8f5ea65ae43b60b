// The ops suite's load generator, in its own process: LOADS browsers' first visits to the console
// (the page, then every file it names, each on its own connection, nothing cached). It stands for
// browsers on other machines, so the suite lowers its priority (console-loads.ts): on a 2-core
// machine its receiving would otherwise take the server's CPU, which real browsers never do.
// IPC: {url, files, loads} starts the loads; the answer is a ConsoleLoadsResult.
import { get } from './http-get.js';

export interface ConsoleLoadsRequest {
  url: string;
  files: string[];
  loads: number;
}

export interface ConsoleLoadsResult {
  /** Epoch ms when the first request went out and when the last answer ended. */
  startedAt: number;
  endedAt: number;
  bytes: number;
  failures: number;
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

async function loadConsoles({ url, files, loads }: ConsoleLoadsRequest): Promise<ConsoleLoadsResult> {
  let bytes = 0;
  let failures = 0;
  const oneBrowser = async (): Promise<void> => {
    const page = await get(`${url}/graphql`, { ...BROWSER, accept: 'text/html,application/xhtml+xml' });
    const results = await Promise.all(files.map((file) => get(`${url}${file}`, BROWSER)));
    for (const r of [page, ...results]) {
      bytes += r === page ? 0 : r.bytes;
      if (r.status !== 200) failures++;
    }
  };
  const startedAt = Date.now();
  await Promise.all(Array.from({ length: loads }, () => oneBrowser().catch(() => void failures++)));
  return { startedAt, endedAt: Date.now(), bytes, failures };
}

process.once('message', (request: ConsoleLoadsRequest) => {
  loadConsoles(request).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
