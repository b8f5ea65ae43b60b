import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { CLIENT_LIMIT_DEFAULTS, parseRate } from './config.js';

describe('client limit configuration', () => {
  it('defaults to no trusted proxy, no exemption and the documented limits', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ ...CLIENT_LIMIT_DEFAULTS, trustedProxies: undefined, addressLimitsExempt: undefined });
    expect(config.joinRatePerAddress).toEqual({ perSecond: 1, burst: 30 });
  });

  it('reads rates as N per second, minute or hour with a burst', () => {
    expect(parseRate('30/s:60')).toEqual({ perSecond: 30, burst: 60 });
    expect(parseRate('60/min:20')).toEqual({ perSecond: 1, burst: 20 });
    expect(parseRate(' 36 / h : 5 ')).toEqual({ perSecond: 0.01, burst: 5 });
    for (const bad of ['30', '30/s', '0/s:1', '30/day:1', '1/s:0', '1/s:1.5']) expect(() => parseRate(bad)).toThrow(TypeError);
  });

  it('reads the variables, and names the bad one', () => {
    const config = loadConfig({
      VOXLAY_TRUSTED_PROXIES: '10.0.0.0/8, loopback',
      VOXLAY_CLIENT_ADDRESS_HEADER: 'Forwarded',
      VOXLAY_ADDRESS_LIMITS_EXEMPT: 'none',
      VOXLAY_MAX_CONNECTIONS_PER_ADDRESS: '7',
      VOXLAY_JOIN_RATE_PER_IDENTITY: '6/min:2',
      VOXLAY_EMPTY_CHANNEL_TTL_MS: '0',
    });
    expect(config).toMatchObject({
      trustedProxies: ['10.0.0.0/8', 'loopback'],
      clientAddressHeader: 'forwarded',
      addressLimitsExempt: [],
      maxConnectionsPerAddress: 7,
      joinRatePerIdentity: { perSecond: 0.1, burst: 2 },
      emptyChannelTtlMs: 0,
    });
    expect(() => loadConfig({ VOXLAY_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/VOXLAY_TRUSTED_PROXIES/);
    expect(() => loadConfig({ VOXLAY_ADDRESS_LIMITS_EXEMPT: '300.1.1.1' })).toThrow(ConfigError);
    expect(() => loadConfig({ VOXLAY_CLIENT_ADDRESS_HEADER: 'x-real-ip' })).toThrow(/VOXLAY_CLIENT_ADDRESS_HEADER/);
    expect(() => loadConfig({ VOXLAY_MUTATION_RATE_PER_ADDRESS: 'fast' })).toThrow(/VOXLAY_MUTATION_RATE_PER_ADDRESS/);
    expect(() => loadConfig({ VOXLAY_MAX_CHANNELS_PER_IDENTITY: '0' })).toThrow(/VOXLAY_MAX_CHANNELS_PER_IDENTITY/);
    expect(() => loadConfig({ VOXLAY_EMPTY_CHANNEL_TTL_MS: '-1' })).toThrow(/VOXLAY_EMPTY_CHANNEL_TTL_MS/);
  });
});
