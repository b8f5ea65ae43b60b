import { describe, expect, it } from 'vitest';
import { pinRem } from '../entrypoints/overlay/styles';

describe('pinRem', () => {
  it('turns rem lengths into px so the page root font-size cannot resize the overlay', () => {
    expect(pinRem('a { font-size: 1.15rem; margin: -.5rem 2rem; }')).toBe('a { font-size: 18.4px; margin: -8px 32px; }');
  });

  it('leaves other units and words alone', () => {
    expect(pinRem('a { width: 10px; line-height: 1.2em; } .remote { x: 1 }')).toBe(
      'a { width: 10px; line-height: 1.2em; } .remote { x: 1 }',
    );
  });
});
