import { describe, expect, it } from 'vitest';
import { createRng, shuffled } from '../rng.js';
import { goldPoolCheck } from './gold-pool-check.js';

/**
 * A population like an intent data set seen by a labeller: K in-scope labels predicted with
 * confidence mostly high, and an out-of-scope share predicted as one of them at low confidence.
 */
function population(n: number, outOfScope: number, seed: number) {
  const rng = createRng(seed);
  const K = 20;
  const confidence = new Float64Array(n);
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const oos = rng.next() < outOfScope;
    confidence[i] = oos ? 0.2 + 0.4 * rng.next() : 0.6 + 0.4 * Math.sqrt(rng.next());
    predicted[i] = oos ? Math.floor(rng.next() * 3) : Math.floor(rng.next() * K);
  }
  return { confidence, predicted, K };
}

function pick(all: { confidence: Float64Array; predicted: Int32Array }, rows: number[]) {
  return {
    confidence: Float64Array.from(rows, (i) => all.confidence[i] as number),
    predicted: Int32Array.from(rows, (i) => all.predicted[i] as number),
  };
}

describe('goldPoolCheck', () => {
  it('fires when gold has 0.7% out-of-scope items and the pool 18%', () => {
    const gold = population(3000, 0.007, 1);
    const pool = population(5500, 0.18, 2);
    const check = goldPoolCheck({ gold, pool, K: gold.K });
    expect(check.suspicious).toBe(true);
    expect(check.confidence.pValue).toBeLessThan(1e-6);
    expect(check.goldItems).toBe(3000);
  });

  it('raises a false alarm on random splits no more often than its level', () => {
    const all = population(4000, 0.18, 3);
    const level = 0.05;
    const splits = 400;
    let alarms = 0;
    for (let s = 0; s < splits; s++) {
      const order = shuffled(
        Array.from({ length: all.confidence.length }, (_, i) => i),
        createRng(100 + s),
      );
      const check = goldPoolCheck({
        gold: pick(all, order.slice(0, 600)),
        pool: pick(all, order.slice(600)),
        K: all.K,
        level,
      });
      if (check.suspicious) alarms++;
    }
    // 400 splits: the standard error of a rate near 0.05 is about 0.011.
    expect(alarms / splits).toBeLessThanOrEqual(level + 0.025);
  });

  it('names the predicted label whose share differs most', () => {
    const gold = { confidence: [0.9, 0.9, 0.9, 0.9], predicted: [0, 0, 0, 1] };
    const pool = { confidence: [0.9, 0.9, 0.9, 0.9], predicted: [1, 1, 1, 0] };
    const check = goldPoolCheck({ gold, pool, K: 2 });
    expect(check.largestGap).toEqual({ label: 0, gold: 0.75, pool: 0.25 });
  });
});
