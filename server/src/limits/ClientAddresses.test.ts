import { describe, expect, it } from 'vitest';
import { ClientAddresses } from './ClientAddresses.js';

describe('ClientAddresses', () => {
  it('takes the socket peer as the client and ignores forwarded headers by default', () => {
    const addresses = new ClientAddresses();
    expect(addresses.resolve('203.0.113.7', { 'x-forwarded-for': '198.51.100.1' })).toEqual({
      ip: '203.0.113.7',
      key: '203.0.113.7',
      exempt: false,
    });
  });

  it('writes an IPv4-mapped peer as IPv4 and counts IPv6 clients per /64', () => {
    const addresses = new ClientAddresses();
    expect(addresses.resolve('::ffff:192.0.2.1', {}).key).toBe('192.0.2.1');
    const a = addresses.resolve('2001:db8:1:2:aaaa::1', {});
    const b = addresses.resolve('2001:db8:1:2:bbbb::9', {});
    expect(a.ip).toBe('2001:db8:1:2:aaaa::1');
    expect(a.key).toBe('2001:db8:1:2::/64');
    expect(b.key).toBe(a.key);
    expect(addresses.resolve('2001:db8:1:3::1', {}).key).not.toBe(a.key);
  });

  it('behind a trusted proxy, takes the first address that is not a trusted proxy, from the nearest hop outwards', () => {
    const addresses = new ClientAddresses({ trustedProxies: ['10.0.0.0/8', 'loopback'] });
    // The client prepended a forged address; the proxies appended the real one and their own.
    const headers = { 'x-forwarded-for': '1.1.1.1, 198.51.100.23, 10.0.0.5' };
    expect(addresses.resolve('127.0.0.1', headers).ip).toBe('198.51.100.23');
    // Not from a trusted proxy: the header is ignored.
    expect(addresses.resolve('203.0.113.9', headers).ip).toBe('203.0.113.9');
    // Only trusted hops: the farthest one.
    expect(addresses.resolve('127.0.0.1', { 'x-forwarded-for': '10.1.1.1' }).ip).toBe('10.1.1.1');
    // Repeated headers are one list.
    expect(addresses.resolve('127.0.0.1', { 'x-forwarded-for': ['198.51.100.1', '10.0.0.2'] as unknown as string }).ip).toBe(
      '198.51.100.1',
    );
  });

  it('stops at a hop that is not an address (garbage, unknown, IPv4 shorthands) and keeps the last one it could read', () => {
    const addresses = new ClientAddresses({ trustedProxies: ['loopback'] });
    expect(addresses.resolve('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, garbage' }).ip).toBe('127.0.0.1');
    expect(addresses.resolve('127.0.0.1', { 'x-forwarded-for': '1.2.3' }).ip).toBe('127.0.0.1');
    expect(addresses.resolve('127.0.0.1', { 'x-forwarded-for': '' }).ip).toBe('127.0.0.1');
  });

  it('reads the standard Forwarded header when configured, ports and brackets included', () => {
    const addresses = new ClientAddresses({ trustedProxies: ['loopback'], header: 'forwarded' });
    expect(addresses.resolve('127.0.0.1', { forwarded: 'for="[2001:db8:cafe::17]:4711";proto=https' }).ip).toBe('2001:db8:cafe::17');
    expect(addresses.resolve('127.0.0.1', { forwarded: 'for="192.0.2.60:8080", for=127.0.0.2' }).ip).toBe('192.0.2.60');
    // X-Forwarded-For is not read in this mode, and a malformed header is ignored.
    expect(addresses.resolve('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }).ip).toBe('127.0.0.1');
    expect(addresses.resolve('127.0.0.1', { forwarded: 'for=;;;=' }).ip).toBe('127.0.0.1');
  });

  it('marks exempt addresses, by range or by name', () => {
    const addresses = new ClientAddresses({ exempt: ['loopback', '192.0.2.0/24'] });
    expect(addresses.resolve('127.0.0.2', {}).exempt).toBe(true);
    expect(addresses.resolve('::1', {}).exempt).toBe(true);
    expect(addresses.resolve('::ffff:192.0.2.9', {}).exempt).toBe(true);
    expect(addresses.resolve('198.51.100.1', {}).exempt).toBe(false);
  });

  it('refuses a list entry that is not an address, a range or a known name with a TypeError', () => {
    expect(() => ClientAddresses.parseRanges(['10.0.0.0/33'])).toThrow(TypeError);
    expect(() => ClientAddresses.parseRanges(['example.com'])).toThrow(/not an IP address/);
    expect(() => ClientAddresses.parseRanges(['10.1'])).toThrow(TypeError);
    expect(ClientAddresses.parseRanges(['private', '::1', '10.0.0.0/8'])).toHaveLength(6);
  });
});
