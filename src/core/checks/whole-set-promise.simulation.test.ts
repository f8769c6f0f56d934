/**
 * Validity of the whole-data-set promise on simulated pools over many draws: the final data set's
 * true error must stay ≤ ε in at least 1 − α of draws. Two invalid variants are run beside it on
 * the same draws and must FAIL the same check, so the test can tell a valid procedure from one
 * that only looks valid: picking the loosest threshold whose own bound passes (no fixed sequence),
 * and fitting the acceptance order on the same checks that carry the bound.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../rng.js';
import { drawChecks } from './draw-checks.js';
import { cellScores, promiseFromChecks } from './promise-from-checks.js';
import { wholeSetBounds } from './whole-set-bounds.js';
import { wholeSetPromise, type PromiseCheck } from './whole-set-promise.js';

interface Pool {
  readonly confidence: Float64Array;
  readonly predicted: Int32Array;
  readonly right: Uint8Array;
  readonly labels: string[];
}

/**
 * Items with a chance of being right per item; confidence and label as the caller lays out. With
 * `exact`, item i is right when (i · 37 mod 100) < 100 · accuracy: each stretch has its accuracy
 * to the item, and only the checks are random.
 */
function pool(
  n: number,
  rng: Rng,
  item: (i: number) => [number, number, number],
  exact = false,
): Pool {
  const confidence = new Float64Array(n);
  const predicted = new Int32Array(n);
  const right = new Uint8Array(n);
  let labels = 1;
  for (let i = 0; i < n; i++) {
    const [c, label, accuracy] = item(i);
    confidence[i] = c;
    predicted[i] = label;
    right[i] = (exact ? ((i * 37) % 100) / 100 : rng.next()) < accuracy ? 1 : 0;
    labels = Math.max(labels, label + 1);
  }
  return {
    confidence,
    predicted,
    right,
    labels: Array.from({ length: labels }, (_, k) => `l${k}`),
  };
}

function checksOf(p: Pool, count: number, seed: number): PromiseCheck[] {
  const { checks } = drawChecks({ ...p, count, design: 'uniform', seed });
  return checks.map((c) => ({ ...c, right: p.right[c.index] === 1 }));
}

function finalError(p: Pool, accept: Uint8Array, peopleWrong?: Uint8Array): number {
  let wrong = 0;
  for (let i = 0; i < accept.length; i++) {
    if (accept[i]) wrong += p.right[i] ? 0 : 1;
    else if (peopleWrong) wrong += peopleWrong[i] as number;
  }
  return wrong / accept.length;
}

const DRAWS = 200;

describe('the whole-data-set promise over many draws', () => {
  it('keeps its promise where picking the loosest passing threshold does not', () => {
    // A machine as good as people on most of the pool, with a bad stretch early in its order: the
    // final error climbs just above ε and stays there, so every later threshold is a fresh
    // chance for an unlucky bound to pass.
    const epsilon = 0.05;
    const ALPHA = 0.2;
    let valid = 0;
    let loosest = 0;
    for (let d = 0; d < DRAWS; d++) {
      const rng = createRng(d);
      const N = 3000;
      const p = pool(
        N,
        rng,
        (i) => (i < 300 ? [0.99, 0, 1] : i < 380 ? [0.95, 0, 0.28] : [0.9, 0, 0.96]),
        true,
      );
      const peopleWrong = Uint8Array.from({ length: N }, (_, i) => (i % 25 === 7 ? 1 : 0));
      const checks = checksOf(p, 200, d);
      const score = Float64Array.from(p.confidence, (c, i) => c - i * 1e-9);
      const input = {
        score,
        checks,
        maxError: epsilon,
        alpha: ALPHA,
        people: { kind: 'declared', rate: 0.04 } as const,
      };
      const result = wholeSetPromise(input);
      const checked = new Uint8Array(N);
      for (const c of checks) checked[c.index] = 1;
      const people = Uint8Array.from(peopleWrong, (w, i) => (checked[i] ? 0 : w));
      if (finalError(p, result.accept, people) <= epsilon) valid++;
      // Invalid: every threshold tested on its own, the loosest that passes is taken.
      const bounds = wholeSetBounds(input);
      let best = 0;
      for (let k = 15; k <= N; k += 15) if (bounds.boundAt(k).upper <= epsilon) best = k;
      const accept = new Uint8Array(N);
      for (let q = 0; q < best; q++) {
        const i = bounds.order[q] as number;
        if (!bounds.expert[i]) accept[i] = 1;
      }
      if (finalError(p, accept, people) <= epsilon) loosest++;
    }
    console.log(`plateau: fixed sequence ${valid / DRAWS}, loosest passing ${loosest / DRAWS}`);
    expect(valid / DRAWS).toBeGreaterThanOrEqual(1 - ALPHA);
    expect(loosest / DRAWS).toBeLessThan(1 - ALPHA);
  });

  it('keeps its promise where fitting the order on the bound’s own checks does not', () => {
    // Many small cells, all equally good: an order fitted on the checks puts first the cells
    // whose few checks happened to be right, and a bound on those same checks believes them.
    const epsilon = 0.05;
    const ALPHA = 0.1;
    let valid = 0;
    let reused = 0;
    for (let d = 0; d < DRAWS / 2; d++) {
      const rng = createRng(1000 + d);
      const N = 2000;
      const p = pool(N, rng, (i) => [0.9, i % 80, 0.87]);
      const checks = checksOf(p, 400, d);
      const split = promiseFromChecks({ ...p, checks, maxError: epsilon, alpha: ALPHA, seed: d });
      if (finalError(p, split.accept) <= epsilon) valid++;
      const score = cellScores(p.confidence, p.predicted, checks);
      const same = wholeSetPromise({ score, checks, maxError: epsilon, alpha: ALPHA, seed: d });
      if (finalError(p, same.accept) <= epsilon) reused++;
    }
    console.log(`cells: split ${valid / (DRAWS / 2)}, reused ${reused / (DRAWS / 2)}`);
    expect(valid / (DRAWS / 2)).toBeGreaterThanOrEqual(1 - ALPHA);
    expect(reused / (DRAWS / 2)).toBeLessThan(1 - ALPHA);
  });
});
