import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './clopper-pearson.js';
import { predictedPower, rejectingCount, sequenceStart } from './sequence-start.js';

describe('rejectingCount', () => {
  it('is the fewest right labels whose p-value reaches delta', () => {
    const k = rejectingCount(30, 0.85, 0.05) as number;
    expect(binomialUpperTail(k, 30, 0.85)).toBeLessThanOrEqual(0.05);
    expect(binomialUpperTail(k - 1, 30, 0.85)).toBeGreaterThan(0.05);
  });

  it('is null when even every label right cannot pass', () => {
    // 0.85^18 ≈ 0.054 > 0.05: 18 items can never certify 85%.
    expect(rejectingCount(18, 0.85, 0.05)).toBeNull();
    expect(rejectingCount(19, 0.85, 0.05)).toBe(19);
  });
});

describe('predictedPower', () => {
  it('grows with the gold accepted and with the accuracy above target', () => {
    expect(predictedPower(200, 0.93, 0.85, 0.05)).toBeGreaterThan(
      predictedPower(50, 0.93, 0.85, 0.05),
    );
    expect(predictedPower(100, 0.95, 0.85, 0.05)).toBeGreaterThan(
      predictedPower(100, 0.9, 0.85, 0.05),
    );
    expect(predictedPower(10, 1, 0.85, 0.05)).toBe(0);
    // At the target itself the test rejects no more often than delta.
    expect(predictedPower(300, 0.85, 0.85, 0.05)).toBeLessThanOrEqual(0.05);
  });
});

describe('sequenceStart', () => {
  // Calibrated confidence falling from 1 to 0.7 over the pool; gold scored alike.
  const pool = Float64Array.from({ length: 2000 }, (_, i) => 1 - (0.3 * i) / 2000);
  const goldScores = Float64Array.from({ length: 600 }, (_, i) => 1 - (0.3 * i) / 600);

  it('starts past the strictest few items, where the first test is likeliest to pass', () => {
    const start = sequenceStart({ pool, goldScores, target: 0.85, delta: 0.05 });
    // Accuracy of the top share c is 1 − 0.15c: it crosses 0.85 at c = 1, but with margin the
    // first test is best placed well inside, with far more than the ~30 items of the old rule.
    expect(start.goldAccepted).toBeGreaterThan(100);
    expect(start.coverage).toBeLessThan(1);
    expect(start.power).toBeGreaterThan(0.9);
    expect(start.predictedAccuracy).toBeGreaterThan(0.85);
  });

  it('starts stricter for a stricter target', () => {
    const loose = sequenceStart({ pool, goldScores, target: 0.85, delta: 0.05 });
    const strict = sequenceStart({ pool, goldScores, target: 0.95, delta: 0.05 });
    expect(strict.coverage).toBeLessThan(loose.coverage);
  });

  it('moves stricter with more gold, as the estimate of gold needed assumes', () => {
    const today = sequenceStart({ pool, goldScores, target: 0.97, delta: 0.05 });
    const more = sequenceStart({ pool, goldScores, target: 0.97, delta: 0.05, goldScale: 10 });
    expect(more.coverage).toBeLessThan(today.coverage);
  });

  it('accepts everything when no coverage could pass', () => {
    const start = sequenceStart({ pool, goldScores: [0.99, 0.9], target: 0.97, delta: 0.05 });
    expect(start.coverage).toBe(1);
    expect(start.power).toBe(0);
  });
});
