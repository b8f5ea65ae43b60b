import { describe, expect, it } from 'vitest';
import { OriginPolicy } from './origins.js';

describe('OriginPolicy', () => {
  const open = { authMode: 'open' as const, host: '0.0.0.0', allowedOrigins: undefined, extensionIds: undefined };

  it('allows nothing but Origin-less requests and extensions before the port is known', () => {
    const policy = new OriginPolicy({ ...open, authMode: 'token' });
    expect(policy.allows(undefined)).toBe(true);
    expect(policy.allows('http://localhost:3000')).toBe(false);
    policy.setPort(3000);
    expect(policy.allows('http://localhost:3000')).toBe(true);
    expect(policy.allows('HTTP://LOCALHOST:3000')).toBe(true);
    expect(policy.allows('http://localhost:3001')).toBe(false);
  });

  it('adds a named host, and lists extension ids for both browsers', () => {
    const policy = new OriginPolicy({ ...open, host: 'voice.lan', extensionIds: ['abc'] }, 8080);
    expect(policy.origins).toContain('http://voice.lan:8080');
    expect(policy.allows('chrome-extension://abc')).toBe(true);
    expect(policy.allows('moz-extension://abc')).toBe(true);
    expect(policy.allows('chrome-extension://other')).toBe(false);
  });

  it('treats * as every origin and an explicit list as replacing the defaults', () => {
    expect(new OriginPolicy({ ...open, allowedOrigins: ['*'] }, 1).allows('https://anything.example')).toBe(true);
    const listed = new OriginPolicy({ ...open, allowedOrigins: ['https://voice.example.com/'] }, 3000);
    expect(listed.allows('https://voice.example.com')).toBe(true);
    expect(listed.allows('http://localhost:3000')).toBe(false);
    expect(listed.allows('http://localhost:5173')).toBe(false);
    expect(listed.allows('null')).toBe(false);
  });

  it('allows the Host of a browser request only for allowed names and IP literals (DNS rebinding)', () => {
    const open = new OriginPolicy({ authMode: 'open', host: '0.0.0.0', allowedOrigins: undefined, extensionIds: undefined }, 3000);
    for (const host of ['localhost:3000', 'localhost:5173', '127.0.0.1:3000', '[::1]:3000', '192.168.1.20:3000', undefined]) {
      expect(open.allowsHost(host)).toBe(true);
    }
    expect(open.allowsHost('evil.example:3000')).toBe(false);
    const listed = new OriginPolicy(
      { authMode: 'token', host: '0.0.0.0', allowedOrigins: ['https://voice.example.com'], extensionIds: undefined },
      3000,
    );
    expect(listed.allowsHost('voice.example.com')).toBe(true);
    expect(listed.allowsHost('localhost:3000')).toBe(false);
    expect(listed.allowsHost('evil.example')).toBe(false);
  });
});
