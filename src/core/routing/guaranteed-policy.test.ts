import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { describePolicy } from './describe-policy.js';
import { guaranteedPolicy } from './guaranteed-policy.js';
import { ZONES } from './assign-zones.js';

/** Scores uniform on [0, 1); right with probability 0.8 + 0.2·score. */
function sample(n: number, seed: number) {
  const rng = createRng(seed);
  const scores = new Float64Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = rng.next();
    correct[i] = rng.next() < 0.8 + 0.2 * (scores[i] as number) ? 1 : 0;
  }
  return { scores, correct };
}

describe('guaranteedPolicy', () => {
  const gold = sample(1500, 1);
  const pool = sample(5000, 2).scores;

  it.each(['fixed-sequence', 'binary-search'] as const)(
    '%s certifies a threshold and routes the pool',
    (method) => {
      const policy = guaranteedPolicy({ gold, pool, target: 0.93, delta: 0.05, method, lo: 0.2 });
      expect(policy.threshold).not.toBeNull();
      const hi = policy.threshold as number;
      // Accuracy above λ is 0.8 + 0.1(1 + λ): the target 0.95 needs λ ≥ 0.5.
      expect(hi).toBeGreaterThan(0.5);
      policy.zones.forEach((z, i) => {
        const c = pool[i] as number;
        expect(ZONES[z]).toBe(c >= hi ? 'accept' : c >= 0.2 ? 'overlap' : 'human');
      });
      expect(policy.summary.accepted + policy.summary.overlap + policy.summary.human).toBe(5000);
      expect(policy.goldNeeded).toBeNull();
      expect(describePolicy(policy.summary)).toMatch(
        /^Accepting the machine's label for \d+% of items/,
      );
    },
  );

  it('accepts nothing and estimates the gold needed when the target is out of reach', () => {
    const small = sample(120, 3);
    const policy = guaranteedPolicy({ gold: small, pool, target: 0.99, delta: 0.05 });
    expect(policy.threshold).toBeNull();
    expect(policy.counts.accept).toBe(0);
    expect(policy.counts.overlap).toBe(5000);
    expect(policy.goldNeeded).not.toBeNull();
    expect(describePolicy(policy.summary)).toMatch(/^No threshold can promise/);
  });
});
