import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redisEndpoint } from '../config.js';
import { describeRedisEndpoint } from './redis.js';

describe('where the cluster Redis is (VOXLAY_REDIS_URL or VOXLAY_REDIS_SENTINELS)', () => {
  it('is one server with VOXLAY_REDIS_URL, and none on a single server', () => {
    expect(redisEndpoint(loadConfig({}))).toBeUndefined();
    expect(redisEndpoint(loadConfig({ VOXLAY_REDIS_URL: 'redis://:pw@10.0.0.5:6379' }))).toEqual({ url: 'redis://:pw@10.0.0.5:6379' });
    expect(describeRedisEndpoint({ url: 'redis://:pw@10.0.0.5:6379' })).toBe('redis://***@10.0.0.5:6379');
  });

  it("is the sentinels' primary with VOXLAY_REDIS_SENTINELS, master name 'voxlay' unless VOXLAY_REDIS_SENTINEL_NAME says otherwise", () => {
    const plain = redisEndpoint(loadConfig({ VOXLAY_REDIS_SENTINELS: '10.0.0.1:26379, sentinel-2.internal:26379,[fd00::3]:26380' }));
    expect(plain).toEqual({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-2.internal', port: 26379 },
        { host: 'fd00::3', port: 26380 },
      ],
      name: 'voxlay',
      password: undefined,
      sentinelPassword: undefined,
    });
    const named = redisEndpoint(
      loadConfig({
        VOXLAY_REDIS_SENTINELS: '10.0.0.1:26379',
        VOXLAY_REDIS_SENTINEL_NAME: 'voxlay-eu',
        VOXLAY_REDIS_PASSWORD: 'data secret',
        VOXLAY_REDIS_SENTINEL_PASSWORD: 'sentinel secret',
      }),
    );
    expect(named).toMatchObject({ name: 'voxlay-eu', password: 'data secret', sentinelPassword: 'sentinel secret' });
    expect(describeRedisEndpoint(named!)).toBe('Redis Sentinel 10.0.0.1:26379 (master voxlay-eu)');
  });

  it('refuses both ways at once, sentinel settings without sentinels, and malformed entries, naming the variables', () => {
    const both = { VOXLAY_REDIS_URL: 'redis://10.0.0.5:6379', VOXLAY_REDIS_SENTINELS: '10.0.0.1:26379' };
    expect(() => loadConfig(both)).toThrow(ConfigError);
    expect(() => loadConfig(both)).toThrow(/VOXLAY_REDIS_URL.*VOXLAY_REDIS_SENTINELS/);
    expect(() => loadConfig({ VOXLAY_REDIS_SENTINEL_NAME: 'voxlay' })).toThrow(/VOXLAY_REDIS_SENTINEL_NAME.*VOXLAY_REDIS_SENTINELS/);
    expect(() => loadConfig({ VOXLAY_REDIS_URL: 'redis://x:6379', VOXLAY_REDIS_PASSWORD: 'pw' })).toThrow(/in the URL/);
    expect(() => loadConfig({ VOXLAY_REDIS_SENTINEL_PASSWORD: 'pw' })).toThrow(/VOXLAY_REDIS_SENTINEL_PASSWORD/);
    for (const entry of ['10.0.0.1', '10.0.0.1:0', '10.0.0.1:70000', 'redis://10.0.0.1:26379', 'fd00::3:26379']) {
      expect(() => loadConfig({ VOXLAY_REDIS_SENTINELS: entry }), entry).toThrow(/VOXLAY_REDIS_SENTINELS entry/);
    }
    expect(() => loadConfig({ VOXLAY_REDIS_SENTINELS: '10.0.0.1:26379', VOXLAY_REDIS_SENTINEL_NAME: 'a b' })).toThrow(
      /VOXLAY_REDIS_SENTINEL_NAME/,
    );
  });
});
