import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { coreSet, labelledDistances } from './core-set.js';
import { diverseSample } from './diverse-sample.js';

/** Points on a line at 0, 1, 2, …, 9 (1-d embeddings). */
const line = { values: Float64Array.from({ length: 10 }, (_, i) => i), dimension: 1 };

describe('coreSet (greedy k-center)', () => {
  it('picks the item farthest from the labelled set, then the next farthest from both', () => {
    const eleven = { values: Float64Array.from({ length: 11 }, (_, i) => i), dimension: 1 };
    const labelled = new Uint8Array(11);
    labelled[0] = 1;
    const { picks, distances } = coreSet({
      embeddings: eleven,
      count: 2,
      rng: createRng(1),
      labelled,
    });
    expect(Array.from(picks)).toEqual([10, 5]);
    expect(distances[3]).toBe(4); // nearest center of 3 is 5: 2² = 4
    expect(distances[5]).toBe(0);
  });

  it('breaks a tie between equally far items by the seed', () => {
    const labelled = new Uint8Array(10);
    labelled[0] = 1;
    labelled[9] = 1; // 4 and 5 are both 4 away from {0, 9}
    const seen = new Set<number>();
    for (let seed = 1; seed <= 20; seed++) {
      seen.add(
        coreSet({ embeddings: line, count: 1, rng: createRng(seed), labelled }).picks[0] as number,
      );
    }
    expect([...seen].sort()).toEqual([4, 5]);
  });

  it('with distances kept between rounds picks as it would from scratch', () => {
    const labelled = new Uint8Array(10);
    labelled[2] = 1;
    const first = coreSet({ embeddings: line, count: 1, rng: createRng(1), labelled });
    labelled[first.picks[0] as number] = 1;
    const kept = coreSet({
      embeddings: line,
      count: 2,
      rng: createRng(2),
      labelled,
      distances: first.distances,
    });
    const scratch = coreSet({ embeddings: line, count: 2, rng: createRng(2), labelled });
    expect(Array.from(kept.picks)).toEqual(Array.from(scratch.picks));
    expect(Array.from(labelledDistances(line, labelled))).toEqual(Array.from(first.distances));
  });
});

describe('diverseSample (cold start)', () => {
  it('covers every cluster of the pool', () => {
    const rng = createRng(4);
    const centers = [0, 100, 200, 300];
    const values = Float64Array.from(
      { length: 200 },
      (_, i) => (centers[i % 4] as number) + rng.normal(),
    );
    const embeddings = { values, dimension: 1 };
    for (let seed = 1; seed <= 10; seed++) {
      const picks = diverseSample({ embeddings, count: 4, rng: createRng(seed) });
      expect(new Set(Array.from(picks, (i) => i % 4)).size).toBe(4);
    }
  });

  it('is the same for the same seed and skips excluded items', () => {
    const excluded = new Uint8Array(10).fill(1, 0, 5);
    const a = diverseSample({ embeddings: line, count: 3, rng: createRng(5), excluded });
    expect(Array.from(a).every((i) => i >= 5)).toBe(true);
    expect(
      Array.from(diverseSample({ embeddings: line, count: 3, rng: createRng(5), excluded })),
    ).toEqual(Array.from(a));
  });
});
