import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, AGGREGATION_METHODS, type AggregateOptions } from './aggregate.js';
import type { AggregationMethod } from './aggregation-types.js';
import { createVoteMatrix, type VoteMatrix } from './vote-matrix.js';

const K = 3;
const voteRows = fc.array(fc.tuple(fc.nat(11), fc.nat(5), fc.nat(K - 1)), {
  minLength: 1,
  maxLength: 80,
});

function matrixOf(
  rows: readonly [number, number, number][],
  permutation?: readonly number[],
): VoteMatrix {
  return createVoteMatrix({
    numClasses: K,
    numItems: 12,
    numAnnotators: 6,
    item: Int32Array.from(rows, (r) => r[0]),
    annotator: Int32Array.from(rows, (r) => r[1]),
    label: Int32Array.from(rows, (r) => (permutation ? (permutation[r[2]] as number) : r[2])),
  });
}

/** Small budgets keep the property runs quick; every method still does real sweeps. */
function options(method: AggregationMethod): AggregateOptions {
  if (method === 'mace') return { method, restarts: 2, maxIterations: 20 };
  return { method, maxIterations: 20 } as AggregateOptions;
}

describe('aggregate (every method)', () => {
  it('returns posteriors whose rows sum to 1 and labels in range', () => {
    fc.assert(
      fc.property(voteRows, (rows) => {
        const matrix = matrixOf(rows);
        for (const method of AGGREGATION_METHODS) {
          const result = aggregate(matrix, options(method));
          expect(result.posteriors).toHaveLength(12 * K);
          for (let i = 0; i < 12; i++) {
            let sum = 0;
            for (let k = 0; k < K; k++) {
              const p = result.posteriors[i * K + k] as number;
              expect(p).toBeGreaterThanOrEqual(0);
              sum += p;
            }
            expect(sum).toBeCloseTo(1, 9);
            expect(result.labels[i]).toBeGreaterThanOrEqual(0);
            expect(result.labels[i]).toBeLessThan(K);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('permutes its posteriors when the classes are relabelled', () => {
    const permutations = fc.constantFrom([1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2]);
    // Methods whose every step treats the classes alike (MACE's random starts and the
    // tie-breaks of the voting methods draw in class order, so they are left out).
    const symmetric: AggregationMethod[] = [
      'dawid-skene',
      'one-coin-dawid-skene',
      'glad',
      'recommended',
    ];
    fc.assert(
      fc.property(voteRows, permutations, (rows, permutation) => {
        for (const method of symmetric) {
          const plain = aggregate(matrixOf(rows), options(method));
          const relabelled = aggregate(matrixOf(rows, permutation), options(method));
          for (let i = 0; i < 12; i++) {
            for (let k = 0; k < K; k++) {
              expect(relabelled.posteriors[i * K + (permutation[k] as number)]).toBeCloseTo(
                plain.posteriors[i * K + k] as number,
                9,
              );
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('names its result after the method, recommended included', () => {
    const matrix = matrixOf([
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 2],
    ]);
    for (const method of AGGREGATION_METHODS) {
      expect(aggregate(matrix, options(method)).method).toBe(method);
    }
  });
});
