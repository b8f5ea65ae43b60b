import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, freePortBase, portIsFree } from './ports.js';

describe('free ports', () => {
  it('freePort gives a port that can be listened on, and portIsFree sees it taken while it is', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await portIsFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await portIsFree(port)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('freePortBase gives consecutive free ports in the range', async () => {
    const base = await freePortBase(3, 20000, 30000);
    expect(base).toBeGreaterThanOrEqual(20000);
    expect(base + 2).toBeLessThan(30000);
    for (let i = 0; i < 3; i++) expect(await portIsFree(base + i)).toBe(true);
  });
});
