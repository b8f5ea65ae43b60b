import { describe, expect, it } from 'vitest';
import { ClientLimits, isRefusal } from './ClientLimits.js';
import type { Client, ClientAddress, ClientLimitSettings, ConnectionLease } from './ClientLimitsTypes.js';
import { TokenBucket } from './TokenBucket.js';

const SETTINGS: ClientLimitSettings = {
  maxConnectionsPerAddress: 3,
  maxConnectionsPerIdentity: 2,
  mutationRatePerAddress: { perSecond: 10, burst: 5 },
  mutationRatePerIdentity: { perSecond: 10, burst: 3 },
  joinRatePerAddress: { perSecond: 1, burst: 2 },
  joinRatePerIdentity: { perSecond: 1, burst: 2 },
  channelCreationRatePerAddress: { perSecond: 1 / 60, burst: 2 },
  channelCreationRatePerIdentity: { perSecond: 1 / 60, burst: 1 },
};

const address = (ip: string, exempt = false): ClientAddress => ({ ip, key: ip, exempt });
const client = (ip: string, identity: string | null = null, exempt = false): Client => ({ address: address(ip, exempt), identity });

function setup() {
  const clock = { t: 0 };
  const limits = new ClientLimits(SETTINGS, { now: () => clock.t });
  const lease = (ip: string, exempt = false): ConnectionLease => {
    const opened = limits.openConnection(address(ip, exempt));
    if (isRefusal(opened)) throw new Error(opened.message);
    return opened;
  };
  return { clock, limits, lease };
}

describe('ClientLimits', () => {
  it('counts connections per address and refuses one more with LIMIT_EXCEEDED connectionsPerAddress', () => {
    const { limits, lease } = setup();
    const leases = [lease('10.0.0.1'), lease('10.0.0.1'), lease('10.0.0.1')];
    expect(limits.openConnection(address('10.0.0.1'))).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'connectionsPerAddress', max: 3 });
    // Another address is not affected.
    expect(isRefusal(limits.openConnection(address('10.0.0.2')))).toBe(false);
    leases[0]!.close();
    leases[0]!.close();
    expect(limits.connectionCount({ address: '10.0.0.1' })).toBe(2);
    expect(isRefusal(limits.openConnection(address('10.0.0.1')))).toBe(false);
  });

  it('counts connections per identity over several addresses, and frees both counts on close', () => {
    const { limits, lease } = setup();
    const a = lease('10.0.0.1');
    const b = lease('10.0.0.2');
    const c = lease('10.0.0.3');
    expect(a.identify('alice')).toBeNull();
    expect(b.identify('alice')).toBeNull();
    expect(c.identify('alice')).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'connectionsPerIdentity', max: 2 });
    c.close();
    a.close();
    expect(limits.connectionCount({ identity: 'alice' })).toBe(1);
    expect(limits.connectionCount({ address: '10.0.0.1' })).toBe(0);
    expect(lease('10.0.0.4').identify('alice')).toBeNull();
  });

  it('does not count an exempt address, but still counts its identity', () => {
    const { limits, lease } = setup();
    const leases = Array.from({ length: 10 }, () => lease('127.0.0.1', true));
    expect(limits.connectionCount({ address: '127.0.0.1' })).toBe(0);
    expect(leases[0]!.identify('bot')).toBeNull();
    expect(leases[1]!.identify('bot')).toBeNull();
    expect(leases[2]!.identify('bot')).toMatchObject({ limit: 'connectionsPerIdentity' });
  });

  it('shares the mutation budget of an address over all its connections', () => {
    const { limits } = setup();
    const outcomes = Array.from({ length: 8 }, () => limits.takeMutations(client('10.0.0.1'), 1, new TokenBucket(100, 100)));
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(5);
    expect(outcomes[5]).toMatchObject({ code: 'RATE_LIMITED', limit: 'mutationsPerAddress' });
    expect(outcomes[5]!.code === 'RATE_LIMITED' && outcomes[5]!.retryAfterMs).toBeGreaterThan(0);
    expect(limits.takeMutations(client('10.0.0.2'), 1)).toBeNull();
  });

  it('charges nothing when one bucket refuses: the connection keeps its tokens', () => {
    const { limits } = setup();
    const connection = new TokenBucket(1, 10, () => 0);
    expect(limits.takeMutations(client('10.0.0.1', 'alice'), 3, connection)).toBeNull();
    // The identity's bucket (burst 3) is empty now; the connection's (10) and the address's (5) are not.
    expect(limits.takeMutations(client('10.0.0.1', 'alice'), 1, connection)).toMatchObject({ limit: 'mutationsPerIdentity' });
    expect(connection.wait(7)).toBe(0);
    expect(limits.takeMutations(client('10.0.0.1', 'bob'), 2, connection)).toBeNull();
  });

  it('names the bucket that waits longest', () => {
    const { limits } = setup();
    const connection = new TokenBucket(1, 1, () => 0);
    connection.take();
    // The connection bucket needs 1000 ms; the address one has room.
    expect(limits.takeMutations(client('10.0.0.1'), 1, connection)).toMatchObject({ limit: 'mutationsPerConnection', retryAfterMs: 1000 });
  });

  it('limits joins per address and per identity, refilling with time', () => {
    const { clock, limits } = setup();
    const alice = client('10.0.0.1', 'alice');
    expect([limits.takeJoin(alice), limits.takeJoin(alice)]).toEqual([null, null]);
    expect(limits.takeJoin(alice)).toMatchObject({ code: 'RATE_LIMITED' });
    // The same identity from another address: still its identity's bucket.
    expect(limits.takeJoin(client('10.0.0.9', 'alice'))).toMatchObject({ limit: 'joinsPerIdentity' });
    clock.t += 1000;
    expect(limits.takeJoin(alice)).toBeNull();
  });

  it('limits channel creations per identity more tightly than per address', () => {
    const { limits } = setup();
    expect(limits.takeChannelCreation(client('10.0.0.1', 'alice'))).toBeNull();
    expect(limits.takeChannelCreation(client('10.0.0.1', 'alice'))).toMatchObject({ limit: 'channelCreationsPerIdentity' });
    expect(limits.takeChannelCreation(client('10.0.0.1', 'bob'))).toBeNull();
    expect(limits.takeChannelCreation(client('10.0.0.1', 'carol'))).toMatchObject({ limit: 'channelCreationsPerAddress' });
    // Exempt addresses skip the per-address buckets only.
    expect(limits.takeChannelCreation(client('10.0.0.1', 'carol', true))).toBeNull();
    expect(limits.takeChannelCreation(client('10.0.0.1', 'carol', true))).toMatchObject({ limit: 'channelCreationsPerIdentity' });
  });
});
