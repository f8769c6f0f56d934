import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majorityVote } from './majority-vote.js';
import { createVoteMatrix } from './vote-matrix.js';
import { wawa } from './wawa.js';
import { zeroBasedSkill } from './zero-based-skill.js';
import { simulateCrowd } from './fixtures/simulated-crowd.js';

const votes = (rows: [number, number, number][], numClasses = 2) =>
  createVoteMatrix({
    numClasses,
    item: Int32Array.from(rows, (r) => r[0]),
    annotator: Int32Array.from(rows, (r) => r[1]),
    label: Int32Array.from(rows, (r) => r[2]),
  });

describe('majorityVote', () => {
  it('takes the most frequent label, with vote shares as posteriors', () => {
    const result = majorityVote(
      votes([
        [0, 0, 1],
        [0, 1, 1],
        [0, 2, 0],
        [1, 0, 0],
      ]),
    );
    expect([...result.labels]).toEqual([1, 0]);
    expect(result.posteriors[0]).toBeCloseTo(1 / 3);
    expect([...result.skills.ability]).toEqual([1, 1, 0]);
  });

  it('breaks ties at random but reproducibly for a seed', () => {
    const tied = votes(
      Array.from({ length: 64 }, (_, i) => [
        [i, 0, 0],
        [i, 1, 1],
      ]).flat() as [number, number, number][],
    );
    const a = majorityVote(tied, { seed: 1 }).labels;
    expect(majorityVote(tied, { seed: 1 }).labels).toEqual(a);
    const ones = a.reduce((s, l) => s + l, 0);
    expect(ones).toBeGreaterThan(16);
    expect(ones).toBeLessThan(48);
    expect(majorityVote(tied, { seed: 2 }).labels).not.toEqual(a);
  });

  it('counts a soft vote as its distribution and weights annotators', () => {
    const matrix = createVoteMatrix({
      numClasses: 2,
      item: Int32Array.of(0, 0),
      annotator: Int32Array.of(0, 1),
      label: Int32Array.of(0, -1),
      soft: { votes: Int32Array.of(1), probabilities: Float64Array.of(0.1, 0.9) },
      annotatorWeight: Float64Array.of(1, 3),
    });
    const result = majorityVote(matrix);
    expect(result.posteriors[1]).toBeCloseTo((3 * 0.9) / 4);
    expect(result.labels[0]).toBe(1);
  });

  it('keeps its labels when every annotator is duplicated', () => {
    const row = fc.tuple(fc.nat(9), fc.nat(4), fc.nat(2));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.nat(1000), (rows, seed) => {
        const once = votes(rows as [number, number, number][], 3);
        const twice = votes(
          [...rows, ...rows.map(([i, a, l]) => [i, a + 5, l])] as [number, number, number][],
          3,
        );
        const a = majorityVote(once, { seed });
        const b = majorityVote(twice, { seed });
        expect(b.labels).toEqual(a.labels);
        b.posteriors.forEach((p, j) => expect(p).toBeCloseTo(a.posteriors[j] as number, 12));
      }),
    );
  });
});

describe('wawa and zeroBasedSkill', () => {
  const crowd = simulateCrowd({
    numItems: 500,
    numAnnotators: 25,
    numClasses: 3,
    votesPerItem: 5,
    seed: 5,
  });
  const matrix = createVoteMatrix(crowd);
  const correct = (labels: Int32Array) =>
    labels.reduce((s, l, i) => s + (l === crowd.truth[i] ? 1 : 0), 0) / labels.length;

  it('weight good annotators above spammers and do at least as well as majority vote', () => {
    const mv = correct(majorityVote(matrix).labels);
    for (const result of [wawa(matrix), zeroBasedSkill(matrix)]) {
      expect(correct(result.labels)).toBeGreaterThanOrEqual(mv);
      const mean = (kind: string) => {
        const skill = crowd.kinds.flatMap((k, a) =>
          k === kind ? [result.skills.ability[a] as number] : [],
        );
        return skill.reduce((s, x) => s + x, 0) / skill.length;
      };
      expect(mean('good')).toBeGreaterThan(mean('spammer') + 0.2);
    }
  });

  it('ZBS stops once labels and skills settle', () => {
    const result = zeroBasedSkill(matrix);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(100);
  });
});
