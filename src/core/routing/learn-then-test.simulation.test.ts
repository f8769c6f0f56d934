import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { candidateThresholds, suggestedMinCoverage } from './candidate-thresholds.js';
import { guaranteedPolicy } from './guaranteed-policy.js';
import { learnThenTest } from './learn-then-test.js';
import { selectiveGuaranteedRisk } from './selective-guaranteed-risk.js';

/**
 * Does the promise hold? Scores are uniform on [0, 1] and the machine is right with
 * probability a + b·s, so the true accuracy of everything at or above λ is exactly
 * a + b(1 + λ)/2 (the limit of an infinite pool). Each draw is a fresh gold set; a draw
 * "violates" when the chosen threshold's true accuracy is below the target.
 */
function simulate(options: {
  a: number;
  b: number;
  gold: number;
  draws: number;
  target: number;
  delta: number;
}) {
  const { a, b, gold, draws, target, delta } = options;
  const trueAccuracy = (t: number) => a + (b * (1 + Math.max(0, t))) / 2;
  // Quantiles of the score distribution stand in for the pool: no gold label is used.
  const reference = Float64Array.from({ length: 2000 }, (_, i) => (i + 0.5) / 2000);
  const thresholds = candidateThresholds({
    reference,
    minCoverage: suggestedMinCoverage({ goldSize: gold, target, delta }),
    steps: 40,
  });
  const violations = { ltt: 0, naive: 0, sgr: 0 };
  let chosen = 0;
  const scores = new Float64Array(gold);
  const correct = new Uint8Array(gold);
  for (let d = 0; d < draws; d++) {
    const rng = createRng(10_000 + d);
    for (let i = 0; i < gold; i++) {
      scores[i] = rng.next();
      correct[i] = rng.next() < a + b * (scores[i] as number) ? 1 : 0;
    }
    const ltt = learnThenTest({ scores, correct, thresholds, target, delta });
    if (ltt.threshold !== null) {
      chosen++;
      if (trueAccuracy(ltt.threshold) < target) violations.ltt++;
    }
    // The tempting shortcut: every threshold's own bound, loosest that passes.
    const passing = ltt.tests.filter((t) => t.accepted > 0 && t.pValue <= delta);
    const naive = passing[passing.length - 1]?.threshold;
    if (naive !== undefined && trueAccuracy(naive) < target) violations.naive++;
    const sgr = selectiveGuaranteedRisk({ scores, correct, target, delta }).threshold;
    if (sgr !== null && trueAccuracy(sgr) < target) violations.sgr++;
  }
  return {
    ltt: violations.ltt / draws,
    naive: violations.naive / draws,
    sgr: violations.sgr / draws,
    chosen: chosen / draws,
  };
}

describe('guaranteed threshold selection (simulation, 500 gold draws each)', () => {
  const delta = 0.1;
  // 500 draws: the standard error of a rate near 0.1 is about 0.013, so 0.03 slack is ~2 SE.
  const slack = 0.03;

  it('keeps the promise and finds thresholds when confidence is informative', () => {
    // Accuracy 0.85 at the bottom to 1.0 at the top; 0.95 is met above λ = 1/3.
    const rates = simulate({ a: 0.85, b: 0.15, gold: 1000, draws: 500, target: 0.95, delta });
    expect(rates.ltt).toBeLessThanOrEqual(delta + slack);
    expect(rates.sgr).toBeLessThanOrEqual(delta + slack);
    expect(rates.chosen).toBeGreaterThan(0.7);
  });

  it('keeps the promise where checking every bound breaks it', () => {
    // Accuracy just under the target at every threshold (0.945–0.95): any certification is
    // a violation, and the many near-misses give the shortcut many chances to slip through.
    const rates = simulate({ a: 0.94, b: 0.01, gold: 1000, draws: 500, target: 0.95, delta });
    expect(rates.ltt).toBeLessThanOrEqual(delta + slack);
    expect(rates.sgr).toBeLessThanOrEqual(delta + slack);
    expect(rates.naive).toBeGreaterThan(2 * delta);
    expect(rates.naive).toBeGreaterThan(rates.ltt + 0.1);
  });
});

/**
 * The powered start (`sequenceStart`) on calibrated-looking data: the pool's confidence c is
 * spread evenly over [lo, hi] (2,000 quantiles stand in for an infinite pool), the machine is
 * right with probability `truth(c)`, and the start reads only the pool's c, never a gold
 * outcome. A `truth` below c makes the confidence optimistic, so the start is placed on a wrong
 * prediction. The invalid variant takes the loosest pool quantile (from 5% coverage) whose own
 * p-value passes.
 */
function simulatePowered(options: {
  lo: number;
  hi: number;
  truth: (c: number) => number;
  gold: number;
  draws: number;
  target: number;
  delta: number;
}) {
  const { lo, hi, truth, gold, draws, target, delta } = options;
  const size = 2000;
  const pool = Float64Array.from({ length: size }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / size);
  // Mean truth of every pool quantile at or above λ (the pool is ascending).
  const suffix = new Float64Array(size + 1);
  for (let i = size - 1; i >= 0; i--)
    suffix[i] = (suffix[i + 1] as number) + truth(pool[i] as number);
  const trueAccuracy = (lambda: number) => {
    let first = 0;
    while (first < size && (pool[first] as number) < lambda) first++;
    return first === size ? 1 : (suffix[first] as number) / (size - first);
  };
  const wide = candidateThresholds({ reference: pool, minCoverage: 0.05, steps: 50 });
  const violations = { powered: 0, naive: 0 };
  let chosen = 0;
  const scores = new Float64Array(gold);
  const correct = new Uint8Array(gold);
  for (let d = 0; d < draws; d++) {
    const rng = createRng(50_000 + d);
    for (let i = 0; i < gold; i++) {
      scores[i] = lo + (hi - lo) * rng.next();
      correct[i] = rng.next() < truth(scores[i] as number) ? 1 : 0;
    }
    const policy = guaranteedPolicy({ gold: { scores, correct }, pool, target, delta });
    if (policy.threshold !== null) {
      chosen++;
      if (trueAccuracy(policy.threshold) < target) violations.powered++;
    }
    const every = learnThenTest({ scores, correct, thresholds: wide, target, delta }).tests;
    const passing = every.filter((t) => t.accepted > 0 && t.pValue <= delta);
    const naive = passing[passing.length - 1]?.threshold;
    if (naive !== undefined && trueAccuracy(naive) < target) violations.naive++;
  }
  return {
    powered: violations.powered / draws,
    naive: violations.naive / draws,
    chosen: chosen / draws,
  };
}

describe('fixed sequence from the powered start (simulation, 500 gold draws each)', () => {
  const delta = 0.1;
  const slack = 0.03;

  it('keeps the promise and finds thresholds on 600 gold items at an 85% target', () => {
    // Calibrated confidence 0.6–1.0: 85% is met above c = 0.7.
    const rates = simulatePowered({
      lo: 0.6,
      hi: 1,
      truth: (c) => c,
      gold: 600,
      draws: 500,
      target: 0.85,
      delta,
    });
    expect(rates.powered).toBeLessThanOrEqual(delta + slack);
    expect(rates.chosen).toBeGreaterThan(0.95);
  });

  it('keeps the promise where the loosest passing threshold breaks it', () => {
    // Confidence 0.9–1.0 but truth 94–95% all along: an optimistic start, and every
    // threshold a near miss, so any certification at 95% is a violation and the loosest
    // passing candidate slips through often.
    const rates = simulatePowered({
      lo: 0.9,
      hi: 1,
      truth: (c) => 0.94 + (c - 0.9) / 10,
      gold: 1000,
      draws: 500,
      target: 0.95,
      delta,
    });
    expect(rates.powered).toBeLessThanOrEqual(delta + slack);
    expect(rates.naive).toBeGreaterThan(2 * delta);
    expect(rates.naive).toBeGreaterThan(rates.powered + 0.1);
  });

  it('keeps the promise when the calibrated confidence that places the start is optimistic', () => {
    // Truth 3 points under the stated confidence: the start lands where the target fails.
    const rates = simulatePowered({
      lo: 0.6,
      hi: 1,
      truth: (c) => c - 0.03,
      gold: 600,
      draws: 500,
      target: 0.85,
      delta,
    });
    expect(rates.powered).toBeLessThanOrEqual(delta + slack);
  });
});
