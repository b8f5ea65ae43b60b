import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('access control and limit configuration', () => {
  it('defaults to open mode with the documented limits', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      authMode: 'open',
      allowedOrigins: undefined,
      extensionIds: undefined,
      maxParticipantsPerChannel: 1000,
      maxChannels: 1000,
      mutationRatePerSecond: 30,
      mutationBurst: 60,
      wsMaxPayloadBytes: 65536,
      graphqlMaxDepth: 8,
      graphqlMaxAliases: 15,
      graphqlMaxCost: 5000,
      graphqlMaxTokens: 1000,
      lastN: 5,
      maxParticipantsPerRouter: 250,
      redisUrl: undefined,
      metricsToken: undefined,
    });
  });

  it('reads the scale and cluster variables, and refuses bad ones', () => {
    const config = loadConfig({
      VOXLAY_LAST_N: '3',
      VOXLAY_MAX_PARTICIPANTS_PER_ROUTER: '100',
      VOXLAY_REDIS_URL: 'redis://127.0.0.1:6379',
      VOXLAY_NODE_ID: 'node-a',
      VOXLAY_PUBLIC_URL: 'https://a.voxlay.example',
      VOXLAY_METRICS_TOKEN: 'a-scrape-token-long-enough',
    });
    expect(config).toMatchObject({
      lastN: 3,
      maxParticipantsPerRouter: 100,
      redisUrl: 'redis://127.0.0.1:6379',
      nodeId: 'node-a',
      publicUrl: 'https://a.voxlay.example',
    });
    expect(() => loadConfig({ VOXLAY_LAST_N: '0' })).toThrow(/VOXLAY_LAST_N/);
    expect(() => loadConfig({ VOXLAY_REDIS_URL: 'http://x' })).toThrow(/VOXLAY_REDIS_URL/);
    expect(() => loadConfig({ VOXLAY_PUBLIC_URL: 'ftp://x' })).toThrow(/VOXLAY_PUBLIC_URL/);
    expect(() => loadConfig({ VOXLAY_METRICS_TOKEN: 'short' })).toThrow(/VOXLAY_METRICS_TOKEN/);
  });

  it('reads the variables, and names the bad one', () => {
    const config = loadConfig({
      VOXLAY_AUTH_MODE: 'token',
      VOXLAY_JWT_SECRET: 's'.repeat(32),
      VOXLAY_JWT_ISSUER: 'iss',
      VOXLAY_ALLOWED_ORIGINS: 'https://voice.example.com/, http://localhost:5173',
      VOXLAY_EXTENSION_IDS: 'abc,def',
      VOXLAY_MAX_PARTICIPANTS_PER_CHANNEL: '10',
      VOXLAY_MUTATION_RATE: '5',
    });
    expect(config).toMatchObject({
      authMode: 'token',
      jwtIssuer: 'iss',
      allowedOrigins: ['https://voice.example.com/', 'http://localhost:5173'],
      extensionIds: ['abc', 'def'],
      maxParticipantsPerChannel: 10,
      mutationRatePerSecond: 5,
    });
    expect(() => loadConfig({ VOXLAY_AUTH_MODE: 'token' })).toThrow(/needs VOXLAY_JWT_SECRET or VOXLAY_JWT_PUBLIC_KEY/);
    expect(() => loadConfig({ VOXLAY_AUTH_MODE: 'closed' })).toThrow(ConfigError);
    expect(() => loadConfig({ VOXLAY_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ VOXLAY_JWT_PUBLIC_KEY: '/nonexistent/key.pem' })).toThrow(/does not exist/);
    expect(() => loadConfig({ VOXLAY_ALLOWED_ORIGINS: 'voice.example.com' })).toThrow(/scheme:\/\/host/);
    expect(() => loadConfig({ VOXLAY_MAX_CHANNELS: '0' })).toThrow(/VOXLAY_MAX_CHANNELS/);
  });
});
