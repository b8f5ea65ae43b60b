import { describe, expect, it } from 'vitest';
import { createTokenVerifier, identityFromClaims, mintToken, TokenError } from './tokens.js';

const key = { jwtSecret: 'x'.repeat(40), jwtIssuer: 'voxlay-test', jwtAudience: 'voxlay' };

describe('tokens', () => {
  it('round-trips the Voxlay claims and checks issuer and audience', async () => {
    const token = await mintToken(key, {
      subject: 'alice',
      name: ' Alice  B ',
      channels: ['Lobby'],
      rights: ['join', 'publish'],
      ttlSeconds: 60,
    });
    const identity = await (await createTokenVerifier(key)).verify(token);
    expect(identity).toMatchObject({ subject: 'alice', displayName: 'Alice B', channels: ['Lobby'] });
    expect([...identity.rights]).toEqual(['join', 'publish']);
    expect(identity.expiresAt).toBeGreaterThan(Date.now());
    const otherAudience = await createTokenVerifier({ ...key, jwtAudience: 'someone-else' });
    await expect(otherAudience.verify(token)).rejects.toThrow(/claim aud/);
  });

  it('refuses bad claims with a TokenError that says which', () => {
    const base = { sub: 'a', exp: 2_000_000_000, channels: '*', rights: ['join'] };
    expect(() => identityFromClaims({ ...base, rights: ['root'] })).toThrow(TokenError);
    expect(() => identityFromClaims({ ...base, channels: 'Lobby' })).toThrow(/channels/);
    expect(() => identityFromClaims({ ...base, name: 'x'.repeat(65) })).toThrow(/name/);
    expect(identityFromClaims({ ...base, channels: ['a', '*'] }).channels).toBe('*');
    expect(identityFromClaims(base).displayName).toBe('a');
  });

  it('puts the name claim through the name policy: normalised, and refused with the reason', () => {
    const base = { sub: 'a', exp: 2_000_000_000, channels: '*', rights: ['join'] };
    expect(identityFromClaims({ ...base, name: 'Ｄａｎａ' }).displayName).toBe('Dana');
    expect(identityFromClaims({ ...base, name: '😀'.repeat(33) }).displayName).toBe('😀'.repeat(33));
    expect(() => identityFromClaims({ ...base, name: 'admin\u202egnp' })).toThrow(
      'token claim name contains U+202E RIGHT-TO-LEFT OVERRIDE',
    );
    expect(() => identityFromClaims({ ...base, name: '\u3164' })).toThrow(/token claim name is blank/);
    expect(() => identityFromClaims({ ...base, name: 'Da\u200bna' })).toThrow(/U\+200B/);
    expect(() => identityFromClaims({ ...base, name: 42 })).toThrow(/name must be a string/);
    // The subject stands in for a missing name, under the same rules.
    expect(() => identityFromClaims({ ...base, sub: '\u200b\u200b' })).toThrow(TokenError);
  });

  it('refuses non-strings, oversized tokens and the none algorithm', async () => {
    const verifier = await createTokenVerifier(key);
    await expect(verifier.verify(42)).rejects.toThrow('no token');
    await expect(verifier.verify('a'.repeat(9000))).rejects.toThrow('too long');
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'a', exp: 2_000_000_000, channels: '*', rights: ['admin'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${payload}.`)).rejects.toThrow(TokenError);
  });
});
