import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confidenceAuroc } from './confidence-auroc.js';

/** O(n²) definition: share of (right, wrong) pairs ordered correctly, ties one half. */
function pairwise(conf: number[], correct: number[]): number {
  let wins = 0;
  let pairs = 0;
  conf.forEach((ci, i) =>
    conf.forEach((cj, j) => {
      if (correct[i] === 1 && correct[j] === 0) {
        pairs++;
        wins += ci > cj ? 1 : ci === cj ? 0.5 : 0;
      }
    }),
  );
  return wins / pairs;
}

describe('confidenceAuroc', () => {
  it('is 1 for perfect separation, 0 for reversed, 0.5 for all ties', () => {
    expect(confidenceAuroc([0.9, 0.8, 0.6], [1, 0, 0])).toBe(1);
    expect(confidenceAuroc([0.5, 0.8, 0.9], [1, 0, 0])).toBe(0);
    expect(confidenceAuroc([0.7, 0.7, 0.7, 0.7], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is NaN when one outcome is missing', () => {
    expect(confidenceAuroc([0.9, 0.8], [1, 1])).toBeNaN();
  });

  it('equals the pairwise definition, ties included (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (rows) => {
          const conf = rows.map(([c]) => c / 5);
          const correct = rows.map(([, y]) => y);
          if (!correct.includes(0) || !correct.includes(1)) return;
          expect(confidenceAuroc(conf, correct)).toBeCloseTo(pairwise(conf, correct), 12);
        },
      ),
    );
  });
});
