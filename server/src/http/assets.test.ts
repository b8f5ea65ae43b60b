import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from './assets.js';

describe('negotiateEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it('prefers brotli, then gzip, among what the client accepts', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(negotiateEncoding('gzip, deflate', both)).toBe('gzip');
    expect(negotiateEncoding('deflate', both)).toBe('identity');
    expect(negotiateEncoding(undefined, both)).toBe('identity');
    expect(negotiateEncoding('br', ['gzip'])).toBe('identity');
    expect(negotiateEncoding('gzip, br', [])).toBe('identity');
  });

  it('honours q-values, refusals and the wildcard', () => {
    expect(negotiateEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.9', both)).toBe('gzip');
    expect(negotiateEncoding('br ; q=1.0, gzip;q=0.9', both)).toBe('br');
    expect(negotiateEncoding('*', both)).toBe('br');
    expect(negotiateEncoding('*;q=0', both)).toBe('identity');
    expect(negotiateEncoding('*, br;q=0', both)).toBe('gzip');
    expect(negotiateEncoding('x-gzip', both)).toBe('gzip');
    expect(negotiateEncoding('BR', both)).toBe('br');
    expect(negotiateEncoding('br;q=abc', both)).toBe('identity');
  });
});
