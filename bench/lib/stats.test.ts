import { describe, expect, it } from 'vitest';
import { slope } from './stats.js';

describe('slope', () => {
  it('is the rise per unit of x of points on a line', () => {
    expect(
      slope([
        [0, 10],
        [100, 30],
        [200, 50],
      ]),
    ).toBeCloseTo(0.2);
  });

  it('fits the least-squares line through scattered points', () => {
    expect(
      slope([
        [0, 0],
        [1, 2],
        [2, 1],
        [3, 3],
      ]),
    ).toBeCloseTo(0.8);
  });

  it('is NaN when every x is the same (no line to fit)', () => {
    expect(
      slope([
        [5, 1],
        [5, 2],
      ]),
    ).toBeNaN();
  });
});
