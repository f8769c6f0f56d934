import { describe, expect, it } from 'vitest';
import { clopperPearsonLower } from './clopper-pearson.js';
import { acceptedNeeded, goldNeeded } from './gold-needed.js';

describe('acceptedNeeded', () => {
  it('is the smallest count whose bound reaches the target', () => {
    // All right: target^n ≤ delta.
    expect(acceptedNeeded(1, 0.97, 0.05)).toBe(99);
    const m = acceptedNeeded(0.99, 0.97, 0.05) as number;
    expect(clopperPearsonLower(Math.floor(0.99 * m + 1e-9), m, 0.05)).toBeGreaterThanOrEqual(0.97);
    expect(clopperPearsonLower(Math.floor(0.99 * (m - 1) + 1e-9), m - 1, 0.05)).toBeLessThan(0.97);
  });

  it('is null when the observed accuracy does not beat the target', () => {
    expect(acceptedNeeded(0.97, 0.97, 0.05)).toBeNull();
  });
});

describe('goldNeeded', () => {
  // 200 gold items scored 0.995..0; the top 40 all right.
  const scores = Float64Array.from({ length: 200 }, (_, r) => 1 - (r + 1) / 200);
  const correct = Uint8Array.from({ length: 200 }, (_, r) => (r < 40 || r % 3 !== 0 ? 1 : 0));

  it('estimates from the strictest threshold with enough accepted gold', () => {
    const need = goldNeeded({
      scores,
      correct,
      thresholds: [0.951, 0.861, 0.801, 0.5],
      target: 0.97,
      delta: 0.05,
    });
    // 0.951 accepts 9 items (< 30); 0.861 accepts 27 (< 30); 0.801 accepts 39, all right.
    expect(need?.threshold).toBe(0.801);
    expect(need?.observedAccuracy).toBe(1);
    expect(need?.goldCoverage).toBeCloseTo(39 / 200, 12);
    expect(need?.acceptedNeeded).toBe(99);
    expect(need?.totalGold).toBe(Math.ceil(99 / (39 / 200)));
    expect(need?.additionalGold).toBe(Math.ceil(99 / (39 / 200)) - 200);
  });

  it('reports an unreachable target as null gold', () => {
    const need = goldNeeded({ scores, correct, thresholds: [0.2], target: 0.97, delta: 0.05 });
    expect(need?.observedAccuracy).toBeLessThan(0.97);
    expect(need?.additionalGold).toBeNull();
  });
});
