import { describe, expect, it } from 'vitest';
import { clopperPearsonLower } from './clopper-pearson.js';
import { selectiveGuaranteedRisk } from './selective-guaranteed-risk.js';

describe('selectiveGuaranteedRisk', () => {
  // 1000 items scored 0.999..0; right on the top 600, then right only every other item.
  const n = 1000;
  const scores = Float64Array.from({ length: n }, (_, r) => 1 - (r + 1) / n);
  const correct = Uint8Array.from({ length: n }, (_, r) => (r < 600 || r % 2 === 1 ? 1 : 0));

  it('binary-searches ⌈log2 n⌉ steps at delta / ⌈log2 n⌉ each', () => {
    const result = selectiveGuaranteedRisk({ scores, correct, target: 0.95, delta: 0.05 });
    expect(result.levelPerTest).toBeCloseTo(0.005, 15);
    expect(result.tests.length).toBeLessThanOrEqual(10);
    expect(result.tests[0]?.accepted).toBe(500);
    for (const t of result.tests) {
      expect(t.lowerBound).toBeCloseTo(clopperPearsonLower(t.correct, t.accepted, 0.005), 12);
      expect(t.certified).toBe(t.lowerBound >= 0.95);
    }
  });

  it('chooses the loosest visited threshold whose bound meets the target', () => {
    const result = selectiveGuaranteedRisk({ scores, correct, target: 0.95, delta: 0.05 });
    const passed = result.tests.filter((t) => t.certified);
    const loosest = passed.reduce((a, b) => (b.accepted > a.accepted ? b : a));
    expect(result.threshold).toBe(loosest.threshold);
    // All 600 top items are right: at most a little past them can pass.
    expect(loosest.accepted).toBeGreaterThan(550);
    expect(loosest.accepted).toBeLessThan(700);
  });

  it('accepts tied scores together', () => {
    const result = selectiveGuaranteedRisk({
      scores: [0.9, 0.9, 0.9, 0.9],
      correct: [1, 1, 1, 1],
      target: 0.5,
      delta: 0.2,
    });
    expect(result.tests.every((t) => t.accepted === 4)).toBe(true);
  });

  it('returns null when nothing passes', () => {
    expect(
      selectiveGuaranteedRisk({ scores: [0.9, 0.8], correct: [1, 0], target: 0.99, delta: 0.05 })
        .threshold,
    ).toBeNull();
  });
});
