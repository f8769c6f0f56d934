import { describe, expect, it } from 'vitest';
import { createRng, shuffled } from '../rng.js';
import { certifyWithChecks, type LabelledCheck } from './certify-with-checks.js';
import { cascadeOrdering } from './cascade-ordering.js';
import { cascadePlan, chooseCascade } from './choose-cascade.js';

/**
 * Does the cascade keep its promise? Each draw is a fresh pool of N items with K = 4 labels: a
 * cheap stage whose confidence c1 is right with probability 0.35 + 0.6·c1, and a stronger stage
 * right with probability 0.55 + 0.45·c2, both c uniform on [0, 1). Experts check m items drawn
 * uniformly; the promise is final error ≤ ε with probability ≥ 1 − α. A draw violates it when
 * the items the chosen plan keeps hold more than ε·N wrong labels (checked items never count:
 * experts label them).
 */
function simulate(options: {
  draws: number;
  alpha: number;
  epsilon: number;
  grid: readonly number[];
  /** false: every t1 tested at the full α (the tempting shortcut). */
  split: boolean;
}) {
  const N = 1000;
  const m = 200;
  const K = 4;
  const prices = { stage1: 0.001, stage2: 0.01, people: 1 };
  let violations = 0;
  let kept = 0;
  for (let d = 0; d < options.draws; d++) {
    const rng = createRng(50_000 + d);
    const truth = new Int32Array(N);
    const answer = (base: number, slope: number) => {
      const predicted = new Int32Array(N);
      const confidence = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const c = rng.next();
        confidence[i] = c;
        predicted[i] =
          rng.next() < base + slope * c
            ? (truth[i] as number)
            : ((truth[i] as number) + 1 + rng.int(K - 1)) % K;
      }
      return { predicted, confidence };
    };
    for (let i = 0; i < N; i++) truth[i] = rng.int(K);
    const stage1 = answer(0.35, 0.6);
    const stage2 = answer(0.55, 0.45);
    const drawn = shuffled(
      Array.from({ length: N }, (_, i) => i),
      rng,
    ).slice(0, m);
    const checks: LabelledCheck[] = drawn.map((index) => ({
      index,
      stratum: 'all',
      stratumSize: N,
      label: truth[index] as number,
    }));
    const certify = certifyWithChecks({ checks, maxError: options.epsilon, seed: d });
    const input = { stage1, stage2, t1Grid: options.grid, alpha: options.alpha, certify, prices };
    const chosen = options.split
      ? chooseCascade(input).chosen
      : options.grid
          .map((t1) => {
            const o = cascadeOrdering({ stage1, stage2, t1 });
            return cascadePlan(o, certify(o, options.alpha), prices);
          })
          .filter((p) => p.t2 !== null)
          .sort((a, b) => a.cost - b.cost)[0];
    if (!chosen) continue;
    const o = cascadeOrdering({ stage1, stage2, t1: chosen.t1 });
    const keep = certify(o, options.split ? options.alpha / options.grid.length : options.alpha);
    let wrong = 0;
    for (let i = 0; i < N; i++) if (keep[i] === 1 && o.predicted[i] !== truth[i]) wrong++;
    kept += (chosen.keptByStage1 + chosen.keptByStage2) / N;
    if (wrong > options.epsilon * N) violations++;
  }
  return { violations: violations / options.draws, kept: kept / options.draws };
}

describe('the cascade under one whole-data-set promise (simulation, 200 draws each)', () => {
  const grid = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

  it('keeps the promise with α split over the grid of t1, and still keeps items', () => {
    const alpha = 0.2;
    const valid = simulate({ draws: 200, alpha, epsilon: 0.1, grid, split: true });
    // 200 draws: the standard error of a rate near 0.2 is about 0.028.
    expect(valid.violations).toBeLessThanOrEqual(alpha + 0.05);
    expect(valid.kept).toBeGreaterThan(0.2);
  }, 120_000);

  it('breaks the promise when every t1 is tested at the full α and the cheapest is taken', () => {
    const alpha = 0.2;
    const shortcut = simulate({ draws: 200, alpha, epsilon: 0.1, grid, split: false });
    expect(shortcut.violations).toBeGreaterThan(alpha + 0.03);
  }, 120_000);
});
