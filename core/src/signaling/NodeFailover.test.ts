import { describe, expect, it } from 'vitest';
import { NodeFailover } from './NodeFailover';

const A = 'http://127.0.0.1:1001';
const B = 'http://127.0.0.1:1002';
const C = 'http://127.0.0.1:1003';

describe('NodeFailover', () => {
  it('keeps retrying the only known node however often it fails (a single server restarting)', () => {
    const failover = new NodeFailover(A);
    for (let i = 0; i < 10; i++) expect(failover.failed(A)).toBeNull();
  });

  it('moves to the next known node after 2 failed attempts in a row, then counts again from zero', () => {
    const failover = new NodeFailover(A);
    failover.add([B, C]);
    expect(failover.failed(A)).toBeNull();
    expect(failover.failed(A)).toBe(B);
    expect(failover.failureCount).toBe(0);
    expect(failover.failed(B)).toBeNull();
    expect(failover.failed(B)).toBe(C);
    expect(failover.failed(C)).toBeNull();
    expect(failover.failed(C)).toBe(A); // wraps: the entry may be back
  });

  it('a connection in between resets the count: only failures in a row count', () => {
    const failover = new NodeFailover(A, { failuresBeforeFailover: 2 });
    failover.add([B]);
    expect(failover.failed(A)).toBeNull();
    failover.connected();
    expect(failover.failed(A)).toBeNull();
    expect(failover.failed(A)).toBe(B);
  });

  it('a redirect starts the count from zero for the new node', () => {
    const failover = new NodeFailover(A);
    failover.add([B]);
    expect(failover.failed(A)).toBeNull();
    failover.moved();
    expect(failover.failed(B)).toBeNull();
    expect(failover.failed(B)).toBe(A);
  });

  it('lists the entry first and each node once', () => {
    const failover = new NodeFailover(A);
    expect(failover.add([B, A, B])).toBe(true);
    expect(failover.add([B])).toBe(false);
    expect(failover.knownUrls).toEqual([A, B]);
  });

  it('honours failuresBeforeFailover and refuses a nonsensical one', () => {
    const failover = new NodeFailover(A, { failuresBeforeFailover: 3 });
    failover.add([B]);
    expect([failover.failed(A), failover.failed(A), failover.failed(A)]).toEqual([null, null, B]);
    expect(() => new NodeFailover(A, { failuresBeforeFailover: 0 })).toThrow(TypeError);
  });
});
