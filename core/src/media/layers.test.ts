import { describe, expect, it } from 'vitest';
import { preferredSpatialLayer, spatialLayersOf } from './layers';

describe('preferredSpatialLayer', () => {
  it('gives a small tile the lowest layer, a medium one the middle, a large one or fullscreen the top', () => {
    expect(preferredSpatialLayer({ width: 240, height: 135 }, 1, 3)).toBe(0);
    expect(preferredSpatialLayer({ width: 560, height: 315 }, 1, 3)).toBe(1);
    expect(preferredSpatialLayer({ width: 1280, height: 720 }, 1, 3)).toBe(2);
    expect(preferredSpatialLayer({ width: 1920, height: 1080 }, 1, 3)).toBe(2);
  });

  it('counts device pixels: the same tile on a 2x screen takes a higher layer', () => {
    expect(preferredSpatialLayer({ width: 240, height: 135 }, 2, 3)).toBe(1);
    expect(preferredSpatialLayer({ width: 560, height: 315 }, 2, 3)).toBe(2);
  });

  it('measures a tall element by the 16:9 picture it can show', () => {
    expect(preferredSpatialLayer({ width: 300, height: 900 }, 1, 3)).toBe(0);
  });

  it('never asks for a layer the stream does not have', () => {
    expect(preferredSpatialLayer({ width: 1920, height: 1080 }, 1, 1)).toBe(0);
    expect(preferredSpatialLayer({ width: 1920, height: 1080 }, 1, 2)).toBe(1);
  });

  it('throws TypeError on a layer count or pixel ratio that makes no sense', () => {
    expect(() => preferredSpatialLayer({ width: 100, height: 100 }, 1, 0)).toThrow(TypeError);
    expect(() => preferredSpatialLayer({ width: 100, height: 100 }, 0, 3)).toThrow(TypeError);
  });
});

describe('spatialLayersOf', () => {
  it('reads the spatial layers from the scalability mode of the first encoding', () => {
    expect(spatialLayersOf({ encodings: [{ scalabilityMode: 'L3T3' }] })).toBe(3);
    expect(spatialLayersOf({ encodings: [{ scalabilityMode: 'L1T3' }] })).toBe(1);
    expect(spatialLayersOf({ encodings: [{}] })).toBe(1);
    expect(spatialLayersOf({})).toBe(1);
  });
});
