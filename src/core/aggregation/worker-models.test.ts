import { describe, expect, it } from 'vitest';
import { digamma } from './digamma.js';
import { simulateCrowd } from './fixtures/simulated-crowd.js';
import { glad } from './glad.js';
import { mace } from './mace.js';
import { majorityVote } from './majority-vote.js';
import { oneCoinDawidSkene } from './one-coin-dawid-skene.js';
import { createVoteMatrix } from './vote-matrix.js';

const crowd = simulateCrowd({
  numItems: 800,
  numAnnotators: 40,
  numClasses: 4,
  votesPerItem: 5,
  spammerShare: 0.3,
  biasedShare: 0,
  seed: 3,
});
const matrix = createVoteMatrix(crowd);
const correct = (labels: Int32Array) =>
  labels.reduce((s, l, i) => s + (l === crowd.truth[i] ? 1 : 0), 0) / labels.length;
const meanOf = (values: Float64Array, kind: string) => {
  const picked = crowd.kinds.flatMap((k, a) => (k === kind ? [values[a] as number] : []));
  return picked.reduce((s, x) => s + x, 0) / picked.length;
};
const mv = correct(majorityVote(matrix).labels);

describe('one-coin Dawid-Skene', () => {
  it('beats majority vote and scores spammers near chance', () => {
    const result = oneCoinDawidSkene(matrix);
    expect(correct(result.labels)).toBeGreaterThan(mv + 0.02);
    expect(meanOf(result.skills.ability, 'spammer')).toBeLessThan(0.35);
    expect(meanOf(result.skills.ability, 'good')).toBeGreaterThan(0.7);
    // Its confusion matrices have one number on the diagonal and equal mistakes.
    const c = result.skills.confusion as Float64Array;
    expect(c[0]).toBeCloseTo(result.skills.ability[0] as number, 12);
    expect(c[1]).toBeCloseTo(c[2] as number, 12);
  });
});

describe('GLAD', () => {
  it('beats majority vote, ranks spammers lowest and gives positive difficulties', () => {
    const result = glad(matrix);
    expect(result.converged).toBe(true);
    expect(correct(result.labels)).toBeGreaterThan(mv + 0.02);
    expect(meanOf(result.skills.ability, 'good')).toBeGreaterThan(
      meanOf(result.skills.ability, 'spammer') + 0.5,
    );
    expect(result.itemDifficulty?.every((d) => d > 0)).toBe(true);
  });

  it('finds unanimous items easier than split ones', () => {
    const easy = createVoteMatrix({
      numClasses: 2,
      item: Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2),
      annotator: Int32Array.of(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3),
      label: Int32Array.of(1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0),
    });
    const d = glad(easy).itemDifficulty as Float64Array;
    expect(d[2]).toBeGreaterThan(d[0] as number);
    expect(d[2]).toBeGreaterThan(d[1] as number);
  });
});

describe('MACE', () => {
  it('beats majority vote and finds the spammers (low θ), in both modes', () => {
    for (const mode of ['variational', 'em'] as const) {
      const result = mace(matrix, { mode, restarts: 3, seed: 1 });
      expect(correct(result.labels), mode).toBeGreaterThan(mv + 0.02);
      expect(meanOf(result.skills.ability, 'spammer'), mode).toBeLessThan(0.3);
      expect(meanOf(result.skills.ability, 'good'), mode).toBeGreaterThan(0.6);
    }
  });

  it('is reproducible for a seed', () => {
    expect(mace(matrix, { restarts: 3, seed: 9 }).posteriors).toEqual(
      mace(matrix, { restarts: 3, seed: 9 }).posteriors,
    );
  });
});

describe('digamma', () => {
  it('matches known values', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 12);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 12);
    expect(digamma(0)).toBeNaN();
  });
});
