// Origin allowlist on HTTP (403) and on the WebSocket handshake (rejected before any graphql-ws message).
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from '@voxlay/testing/server';

async function post(app: VoxlayApp, origin?: string): Promise<number> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin === undefined ? {} : { origin }) },
    body: JSON.stringify({ query: '{ health { ok } }' }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Opens a graphql-ws WebSocket with an Origin header: 'open', or the HTTP status of a refused handshake. */
function handshake(app: VoxlayApp, origin?: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `${app.url.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
      origin === undefined ? {} : { origin },
    );
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

describe('origins, default allowlist (open mode)', () => {
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("accepts the server's own origins, loopback dev servers, extension origins and requests without an Origin", async () => {
    const own = [app.url, `http://localhost:${app.port}`, `http://[::1]:${app.port}`];
    const local = ['http://localhost:5173', `http://127.0.0.1:${app.port + 1}`];
    for (const origin of [...own, ...local, 'chrome-extension://abcdefghijklmnop', 'moz-extension://0b6e-42', undefined]) {
      expect(await post(app, origin)).toBe(200);
      expect(await handshake(app, origin)).toBe('open');
    }
  });

  it('refuses other origins on HTTP (403, every path) and on the WebSocket handshake', async () => {
    for (const origin of [
      'http://evil.example',
      `http://localhost.evil.example:${app.port}`,
      `https://localhost:${app.port}`,
      'http://192.168.1.20:3000',
      'null',
    ]) {
      expect(await post(app, origin)).toBe(403);
      expect(await handshake(app, origin)).toBe(403);
    }
    const healthz = await fetch(`${app.url}/healthz`, { headers: { origin: 'http://evil.example' } });
    expect(healthz.status).toBe(403);
    expect(await healthz.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });

  it('refuses a browser request for a foreign Host name (DNS rebinding), not a non-browser one', async () => {
    const get = async (headers: Record<string, string>): Promise<number> => {
      const response = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(`${app.url}/graphql?query=%7Bchannels%7Bname%7D%7D`, { headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
      return response;
    };
    expect(await get({ host: `evil.example:${app.port}`, 'sec-fetch-mode': 'cors' })).toBe(403);
    expect(await get({ host: `localhost:${app.port}`, 'sec-fetch-mode': 'cors' })).toBe(200);
    expect(await get({ host: `voxlay:${app.port}` })).toBe(200);
  });
});

describe('origins, default allowlist in token mode', () => {
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp({ authMode: 'token', jwtSecret: 'test-secret-that-is-long-enough-for-hs256!' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("accepts only the server's own origins: no other loopback port, no extension without VOXLAY_EXTENSION_IDS", async () => {
    expect(await post(app, app.url)).toBe(200);
    expect(await handshake(app, `http://localhost:${app.port}`)).toBe('open');
    for (const origin of ['http://localhost:5173', 'chrome-extension://abcdefghijklmnop', 'http://evil.example']) {
      expect(await post(app, origin)).toBe(403);
      expect(await handshake(app, origin)).toBe(403);
    }
  });
});

describe('origins, configured allowlist and extension ids (token mode)', () => {
  let app: VoxlayApp;

  beforeAll(async () => {
    app = await startTestApp({
      authMode: 'token',
      jwtSecret: 'test-secret-that-is-long-enough-for-hs256!',
      allowedOrigins: ['https://voice.example.com'],
      extensionIds: ['abcdefghijklmnop'],
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('accepts exactly the listed origins and extensions', async () => {
    for (const origin of ['https://voice.example.com', 'chrome-extension://abcdefghijklmnop', 'moz-extension://abcdefghijklmnop']) {
      expect(await post(app, origin)).toBe(200);
      expect(await handshake(app, origin)).toBe('open');
    }
    // The list replaces the defaults; other extensions are refused in token mode.
    for (const origin of [app.url, 'chrome-extension://otherextensionid', 'https://voice.example.com.evil.example']) {
      expect(await post(app, origin)).toBe(403);
      expect(await handshake(app, origin)).toBe(403);
    }
  });
});
