import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { candidateThresholds } from './candidate-thresholds.js';
import { learnThenTestEveryLabel } from './learn-then-test-every-label.js';

/**
 * n items with L labels; item i's score s is uniform on [0.5, 1); label 0 is right with
 * probability s, the others with probability (1 + s) / 2 (easier), so label 0 decides the promise.
 */
function draw(n: number, L: number, seed: number) {
  const rng = createRng(seed);
  const scores = new Float64Array(n);
  const correct = new Uint8Array(n * L);
  for (let i = 0; i < n; i++) {
    const s = 0.5 + 0.5 * rng.next();
    scores[i] = s;
    for (let l = 0; l < L; l++)
      correct[i * L + l] = rng.next() < (l === 0 ? s : (1 + s) / 2) ? 1 : 0;
  }
  return { scores, correct };
}

/** True accuracy of label 0 among items scored ≥ t: the mean of s over [t, 1). */
const trueAccuracy = (t: number) => (Math.max(t, 0.5) + 1) / 2;

describe('learnThenTestEveryLabel', () => {
  it('certifies nothing when one label is never good enough, however good the others', () => {
    const { scores, correct } = draw(400, 3, 1);
    for (let i = 0; i < 400; i++) correct[i * 3] = i % 2;
    const result = learnThenTestEveryLabel({
      scores,
      correct,
      L: 3,
      thresholds: Float64Array.of(0.99, 0.9, 0.8),
      target: 0.9,
      delta: 0.05,
    });
    expect(result.threshold).toBeNull();
    expect(result.tests[0]?.worstLabel).toBe(0);
  });

  it('keeps the promise on every label in at least 1 − delta of repeated gold draws', () => {
    const target = 0.85;
    const delta = 0.1;
    const thresholds = candidateThresholds({
      reference: Float64Array.from({ length: 1000 }, (_, i) => 0.5 + i / 2000),
      minCoverage: 0.2,
    });
    let broken = 0;
    let certified = 0;
    const runs = 300;
    for (let run = 0; run < runs; run++) {
      const { scores, correct } = draw(600, 4, 100 + run);
      const { threshold } = learnThenTestEveryLabel({
        scores,
        correct,
        L: 4,
        thresholds,
        target,
        delta,
      });
      if (threshold === null) continue;
      certified++;
      if (trueAccuracy(threshold) < target) broken++;
    }
    expect(certified).toBeGreaterThan(runs / 2);
    expect(broken / runs).toBeLessThanOrEqual(delta);
  });
});
