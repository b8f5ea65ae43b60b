// The popup prepares the server it shows (the host's WebSocket open and its Device loaded) before the
// user clicks Join, so the click pays the join alone: a cold join from the click took 400–700 ms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@voxlay/testing/wait';
import { startExtensionCall, type ExtensionCall } from './extensionCall.js';
import { extensionStats } from './harness.js';

/** How many times the server answered the RouterRtpCapabilities query (a client loading its Device). */
async function capabilityQueries(url: string): Promise<number> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const line = text
    .split('\n')
    .find((l) => l.startsWith('voxlay_graphql_operations_total{') && l.includes('operation_name="RouterRtpCapabilities"'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('the popup prepares the server it shows', () => {
  let call: ExtensionCall;
  beforeAll(async () => {
    call = await startExtensionCall({ joinExtension: false });
  }, 120_000);
  afterAll(async () => {
    await call?.stop();
  });

  it('loads the Device before the click; Join then connects and hears', async () => {
    const before = await capabilityQueries(call.app.url);
    const popup = await call.ext.openPopup();
    const joinButton = popup.locator(`[data-testid="channel-item"][data-channel-id="${call.channelId}"] [data-testid="join-button"]`);
    await joinButton.waitFor({ timeout: 15_000 });
    // Nothing clicked yet: the host loaded its Device for this server on its own.
    await waitFor(
      () => capabilityQueries(call.app.url),
      (n) => n > before,
      { timeoutMs: 10_000, message: 'RouterRtpCapabilities asked by the extension before Join' },
    );
    const prepared = await capabilityQueries(call.app.url);
    await popup.getByTestId('display-name-input').fill('Ext');
    const clickedAt = Date.now();
    await joinButton.click();
    await popup.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 20_000 });
    const connectedMs = Date.now() - clickedAt;
    const stats = await waitFor(
      () => extensionStats(popup),
      (s) => (s?.inboundBytes ?? 0) > 0,
      { timeoutMs: 10_000, intervalMs: 20, message: 'audio bytes reaching the extension' },
    );
    const hearingMs = Date.now() - clickedAt;
    console.log(`extension join from the popup: connected ${connectedMs} ms, first audio bytes seen ${hearingMs} ms after the click`);
    expect(stats?.inboundBytes).toBeGreaterThan(0);
    // The join used the prepared Device: no second capabilities query.
    expect(await capabilityQueries(call.app.url)).toBe(prepared);
  }, 60_000);
});
