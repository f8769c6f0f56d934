import { describe, expect, it } from 'vitest';
import { aggregatePerLabel } from './aggregate-per-label.js';
import { perLabelVoteMatrices } from './per-label-votes.js';

describe('perLabelVoteMatrices and aggregatePerLabel', () => {
  const votes = [
    { item: 'c1', annotator: 'human:1', set: [0, 2] },
    { item: 'c1', annotator: 'human:2', set: [0] },
    { item: 'c2', annotator: 'human:1', set: [] },
    { item: 'c1', annotator: 'llm:m', yes: Float64Array.of(0.9, 0.2, 0.6) },
  ];

  it('splits sets into one yes/no question per label over the same items and annotators', () => {
    const split = perLabelVoteMatrices(votes, { numLabels: 3 });
    expect(split.items).toEqual(['c1', 'c2']);
    expect(split.annotators).toEqual(['human:1', 'human:2', 'llm:m']);
    for (const built of split.perLabel) {
      expect(built.items).toEqual(['c1', 'c2']);
      expect(built.annotators).toEqual(split.annotators);
      expect(built.matrix.numVotes).toBe(4);
    }
  });

  it('gives majority-vote yes-probabilities per label, the machine as a soft voter', () => {
    const { yes, results } = aggregatePerLabel(perLabelVoteMatrices(votes, { numLabels: 3 }), {
      method: 'majority-vote',
    });
    expect(results).toHaveLength(3);
    // c1: label 0 yes, yes, 0.9 → 2.9 / 3; label 1 no, no, 0.2; label 2 yes, no, 0.6.
    expect(Array.from(yes.subarray(0, 3))).toEqual([
      expect.closeTo(2.9 / 3, 12),
      expect.closeTo(0.2 / 3, 12),
      expect.closeTo(1.6 / 3, 12),
    ]);
    expect(Array.from(yes.subarray(3, 6))).toEqual([0, 0, 0]);
  });

  it('clamps gold sets on every question', () => {
    const { yes } = aggregatePerLabel(
      perLabelVoteMatrices(votes, { numLabels: 3 }),
      { method: 'recommended', seed: 0 },
      [null, [1]],
    );
    expect(Array.from(yes.subarray(3, 6))).toEqual([0, 1, 0]);
  });

  it('refuses a yes-probability outside [0, 1]', () => {
    expect(() =>
      perLabelVoteMatrices([{ item: 'c', annotator: 'm', yes: Float64Array.of(1.2) }], {
        numLabels: 1,
      }),
    ).toThrow('a vote of m on c has yes-probability 1.2 for label 0');
  });
});
