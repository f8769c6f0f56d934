import { describe, expect, it } from 'vitest';
import { raterPairs } from './rater-pairs.js';

describe('raterPairs', () => {
  it('gives each pair its weighted κ and mean |difference|, and the pooled difference', () => {
    // 3 raters × 4 items; rater 2 rates only items 0 and 1.
    const table = {
      numLevels: 3,
      numRaters: 3,
      ratings: Int32Array.of(0, 0, 2, 1, 2, 1, 2, 2, -1, 0, 1, -1),
    };
    const { pairs, meanAbsDifference } = raterPairs(table);
    // Within-item pairs: item 0 |0−0|,|0−2|,|0−2|; item 1 |1−2|,|1−1|,|2−1|; item 2 0; item 3 1.
    expect(meanAbsDifference).toBeCloseTo((0 + 2 + 2 + 1 + 0 + 1 + 0 + 1) / 8, 12);
    expect(pairs.map((p) => [p.a, p.b, p.items])).toEqual([
      [0, 1, 4],
      [0, 2, 2],
      [1, 2, 2],
    ]);
    expect(pairs[0]?.meanAbsDifference).toBeCloseTo(0.5, 12);
    expect(pairs[2]?.meanAbsDifference).toBeCloseTo(1.5, 12);
    expect(raterPairs(table, { minItems: 3 }).pairs).toHaveLength(1);
  });
});
