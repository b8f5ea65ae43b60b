import { describe, expect, it } from 'vitest';
import { deriveUrls } from '../createVoxlayClient';
import { computeRms, dbfsToLevel, LevelLoop, type LevelLoopEnv } from './levels';

function fakeEnv() {
  let now = 0;
  let frame: (() => void) | null = null;
  let interval: (() => void) | null = null;
  const env: LevelLoopEnv = {
    now: () => now,
    requestAnimationFrame: (cb) => {
      frame = cb;
      return 1;
    },
    cancelAnimationFrame: () => {
      frame = null;
    },
    setInterval: (cb) => {
      interval = cb;
      return 1;
    },
    clearInterval: () => {
      interval = null;
    },
  };
  return {
    env,
    frame: (ms: number) => {
      now += ms;
      const f = frame;
      frame = null;
      f?.();
    },
    timer: (ms: number) => {
      now += ms;
      interval?.();
    },
    active: () => interval !== null || frame !== null,
  };
}

describe('levels', () => {
  it('computes RMS and maps dBFS to 0..1', () => {
    expect(computeRms([1, -1, 1, -1])).toBe(1);
    expect(computeRms([])).toBe(0);
    expect(dbfsToLevel(0)).toBe(1);
    expect(dbfsToLevel(-30)).toBe(0.5);
    expect(dbfsToLevel(-100)).toBe(0);
  });

  it('LevelLoop ticks on animation frames and falls back to the timer when frames stop', () => {
    const f = fakeEnv();
    const loop = new LevelLoop(f.env, 100);
    const ticks: number[] = [];
    const remove = loop.add((ms) => ticks.push(ms));
    f.frame(16);
    f.frame(17);
    f.timer(50); // a frame came recently: the timer stays quiet
    expect(ticks).toEqual([16, 17]);
    f.timer(100); // frames stopped (hidden page)
    f.timer(100);
    expect(ticks).toEqual([16, 17, 150, 100]);
    remove();
    expect(f.active()).toBe(false);
    loop.close();
  });

  it('derives the HTTP and WebSocket endpoints from the server URL', () => {
    expect(deriveUrls('http://localhost:4000')).toEqual({
      url: 'http://localhost:4000',
      httpUrl: 'http://localhost:4000/graphql',
      wsUrl: 'ws://localhost:4000/graphql',
    });
    expect(deriveUrls('https://voxlay.example/app/graphql/').wsUrl).toBe('wss://voxlay.example/app/graphql');
    expect(() => deriveUrls('ftp://x')).toThrow(TypeError);
  });
});
