import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { binomialUpperTail } from './clopper-pearson.js';
import { learnThenTest } from './learn-then-test.js';

/** 300 gold items: scores 0.995 down to 0.0; right except where `wrongAt` says. */
function gold(wrongAt: (rank: number) => boolean) {
  const n = 300;
  const scores = Float64Array.from({ length: n }, (_, r) => 1 - (r + 1) / n);
  const correct = Uint8Array.from({ length: n }, (_, r) => (wrongAt(r) ? 0 : 1));
  return { scores, correct };
}

describe('learnThenTest', () => {
  it('tests from the strictest threshold down and stops at the first failure', () => {
    // Perfect on the top 150, then wrong on every other item.
    const { scores, correct } = gold((r) => r >= 150 && r % 2 === 0);
    const result = learnThenTest({
      scores,
      correct,
      thresholds: [0.2, 0.5, 0.8, 0.45, 0.4],
      target: 0.95,
      delta: 0.05,
    });
    expect(result.tests.map((t) => t.threshold)).toEqual([0.8, 0.5, 0.45, 0.4, 0.2]);
    expect(result.tests.map((t) => t.accepted)).toEqual([60, 150, 164, 180, 239]);
    expect(result.tests.map((t) => t.certified)).toEqual([true, true, false, false, false]);
    expect(result.threshold).toBe(0.5);
  });

  it('uses the exact binomial p-value', () => {
    const { scores, correct } = gold((r) => r === 3);
    const result = learnThenTest({ scores, correct, thresholds: [0.6], target: 0.95, delta: 0.05 });
    const test = result.tests[0];
    expect(test?.accepted).toBe(120);
    expect(test?.correct).toBe(119);
    expect(test?.pValue).toBeCloseTo(binomialUpperTail(119, 120, 0.95), 15);
    expect(test?.certified).toBe(true);
  });

  it('does not certify a later threshold that passes after one that failed', () => {
    // Errors among the top 40 sink the strict threshold; the looser one alone would pass.
    const { scores, correct } = gold((r) => r < 4);
    const result = learnThenTest({
      scores,
      correct,
      thresholds: [0.87, 0.1],
      target: 0.95,
      delta: 0.05,
    });
    expect(result.tests[0]?.certified).toBe(false);
    expect(result.tests[1]?.pValue).toBeLessThan(0.05);
    expect(result.tests[1]?.certified).toBe(false);
    expect(result.threshold).toBeNull();
  });

  it('never certifies a threshold that accepts no gold', () => {
    const { scores, correct } = gold(() => false);
    expect(
      learnThenTest({ scores, correct, thresholds: [2], target: 0.9, delta: 0.1 }).threshold,
    ).toBeNull();
  });

  it('rejects bad targets and mismatched inputs', () => {
    expect(() =>
      learnThenTest({ scores: [1], correct: [1], thresholds: [0.5], target: 1, delta: 0.05 }),
    ).toThrow(HiloError);
    expect(() =>
      learnThenTest({ scores: [1], correct: [], thresholds: [0.5], target: 0.9, delta: 0.05 }),
    ).toThrow(HiloError);
  });
});
