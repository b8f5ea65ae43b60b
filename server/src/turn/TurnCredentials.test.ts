import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, TURN_CREDENTIAL_TTL_DEFAULT_SECONDS } from '../config.js';
import { TurnCredentials, usernameSafe } from './TurnCredentials.js';

const SECRET = 'a-turn-secret-of-at-least-32-bytes!!';
const URLS = ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:443?transport=tcp'];

describe('TurnCredentials', () => {
  it('mints coturn REST credentials: <expiry>:<name>, base64(HMAC-SHA1(secret, username))', () => {
    const turn = new TurnCredentials({ urls: URLS, secret: SECRET, credentialTtlSeconds: 3600 });
    // 1796605370 + 3600 = 1796608970; the credential is what `openssl dgst -sha1 -hmac` gives for it.
    const [server] = turn.iceServersFor('ann', 1_796_605_370_400);
    expect(server).toEqual({
      urls: URLS,
      username: '1796608970:ann',
      credential: 'LthlmC1Z4epFIpZhw3fb/U7maiA=',
      expiresAt: new Date(1_796_608_970_000),
    });
  });

  it("hands out a copy of the URLs (a caller cannot change the next join's)", () => {
    const turn = new TurnCredentials({ urls: URLS, secret: SECRET, credentialTtlSeconds: 60 });
    turn.iceServersFor('a')[0]!.urls.push('turn:evil.example.com');
    expect(turn.iceServersFor('a')[0]!.urls).toEqual(URLS);
  });

  it('keeps a name printable ASCII and bounded in the username', () => {
    expect(usernameSafe('ann@example.com')).toBe('ann@example.com');
    expect(usernameSafe('a b%c')).toBe('a%20b%25c');
    expect(usernameSafe('é\u0000\n')).toBe('%C3%A9%00%0A');
    expect(usernameSafe('x'.repeat(1000))).toHaveLength(128);
    expect(usernameSafe('💥'.repeat(100)).length).toBeLessThanOrEqual(128);
  });
});

describe('TURN configuration', () => {
  it('is off by default', () => {
    expect(loadConfig({}).turn).toBeUndefined();
  });

  it('reads the URLs, the secret and the lifetime', () => {
    const config = loadConfig({ VOXLAY_TURN_URLS: URLS.join(', '), VOXLAY_TURN_SECRET: SECRET, VOXLAY_TURN_CREDENTIAL_TTL: '600' });
    expect(config.turn).toEqual({ urls: URLS, secret: SECRET, credentialTtlSeconds: 600 });
    expect(loadConfig({ VOXLAY_TURN_URLS: URLS[0], VOXLAY_TURN_SECRET: SECRET }).turn?.credentialTtlSeconds).toBe(
      TURN_CREDENTIAL_TTL_DEFAULT_SECONDS,
    );
    expect(TURN_CREDENTIAL_TTL_DEFAULT_SECONDS).toBe(4 * 3600);
    // IPv4, IPv6 and ports are fine too.
    expect(
      loadConfig({ VOXLAY_TURN_URLS: 'turn:192.0.2.1,turn:[2001:db8::1]:3478?transport=tcp', VOXLAY_TURN_SECRET: SECRET }).turn?.urls,
    ).toHaveLength(2);
  });

  it('names the variable of a bad value', () => {
    const bad = (env: Record<string, string>, variable: string): void => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(variable);
    };
    bad({ VOXLAY_TURN_URLS: URLS[0]! }, 'VOXLAY_TURN_SECRET');
    bad({ VOXLAY_TURN_SECRET: SECRET }, 'VOXLAY_TURN_URLS');
    bad({ VOXLAY_TURN_URLS: ',', VOXLAY_TURN_SECRET: SECRET }, 'VOXLAY_TURN_URLS');
    bad({ VOXLAY_TURN_URLS: URLS[0]!, VOXLAY_TURN_SECRET: 'short' }, 'VOXLAY_TURN_SECRET');
    for (const url of [
      'stun:turn.example.com',
      'https://turn.example.com',
      'turn:',
      'turn:host:99999',
      'turn:host?transport=sctp',
      'turns:host:443?transport=udp',
      'turn:host/path',
      'turn:a b',
    ]) {
      bad({ VOXLAY_TURN_URLS: url, VOXLAY_TURN_SECRET: SECRET }, 'VOXLAY_TURN_URLS');
    }
    for (const ttl of ['0', '-5', '1.5', 'soon', '604801']) {
      bad({ VOXLAY_TURN_URLS: URLS[0]!, VOXLAY_TURN_SECRET: SECRET, VOXLAY_TURN_CREDENTIAL_TTL: ttl }, 'VOXLAY_TURN_CREDENTIAL_TTL');
    }
  });
});
