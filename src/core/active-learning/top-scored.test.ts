import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { randomSample, topScored } from './top-scored.js';

describe('topScored', () => {
  it('returns the highest scores, best first, skipping excluded items', () => {
    const scores = Float64Array.of(0.1, 0.9, 0.5, 0.7, 0.3);
    const excluded = Uint8Array.of(0, 1, 0, 0, 0);
    expect(Array.from(topScored(scores, 3, createRng(1), excluded))).toEqual([3, 2, 4]);
  });

  it('matches a full sort on random scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 50 }),
        (values, count) => {
          const scores = Float64Array.from(values, (v) => v / 7);
          const picked = Array.from(topScored(scores, count, createRng(3)), (i) => scores[i]);
          const expected = Array.from(scores)
            .sort((a, b) => b - a)
            .slice(0, count);
          expect(picked).toEqual(expected);
        },
      ),
    );
  });

  it('breaks ties at random but the same way for the same seed', () => {
    const scores = new Float64Array(100).fill(0.5);
    const a = topScored(scores, 10, createRng(7));
    expect(Array.from(topScored(scores, 10, createRng(7)))).toEqual(Array.from(a));
    const b = topScored(scores, 10, createRng(8));
    expect(Array.from(b)).not.toEqual(Array.from(a));
    // Not the first ten indices, as a stable sort would give.
    expect(Array.from(a)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('randomSample', () => {
  it('draws distinct open items, the same for the same seed', () => {
    const excluded = new Uint8Array(50);
    excluded.fill(1, 0, 25);
    const a = randomSample(50, 20, createRng(2), excluded);
    expect(new Set(a).size).toBe(20);
    expect(Array.from(a).every((i) => i >= 25)).toBe(true);
    expect(Array.from(randomSample(50, 20, createRng(2), excluded))).toEqual(Array.from(a));
    expect(randomSample(50, 40, createRng(2), excluded)).toHaveLength(25);
  });
});
