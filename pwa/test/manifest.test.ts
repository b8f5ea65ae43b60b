import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifest } from '../manifest';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

describe('web app manifest', () => {
  it('names the app and opens standalone at the root', () => {
    expect(manifest.name).toBe('Voxlay');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.description).toBeTruthy();
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.scope).toBe('/');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('lists 192 and 512 PNG icons for any purpose and a 512 maskable one', () => {
    const find = (sizes: string, purpose: string) =>
      manifest.icons.find((i) => i.sizes === sizes && i.purpose === purpose && i.type === 'image/png');
    expect(find('192x192', 'any')).toBeDefined();
    expect(find('512x512', 'any')).toBeDefined();
    expect(find('512x512', 'maskable')).toBeDefined();
  });

  it('points every icon at a PNG of that size in pwa/public', async () => {
    for (const icon of manifest.icons) {
      const file = join(publicDir, icon.src.replace(/^\//, ''));
      expect(existsSync(file), `${icon.src} exists in public/`).toBe(true);
      const png = await readFile(file);
      // PNG signature, then the IHDR width and height (big-endian) at bytes 16..24.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(png.readUInt32BE(16)).toBe(w);
      expect(png.readUInt32BE(20)).toBe(h);
    }
  });
});
