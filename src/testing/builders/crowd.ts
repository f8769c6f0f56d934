import type { CrowdModel } from '../../pipeline/people/crowd-model.js';
import type { CrowdSnapshot } from '../../pipeline/people/crowd-snapshot.js';

/**
 * A crowd model that always serves one snapshot with known confusion matrices: `people` maps a
 * vote source to its matrix `[truth][given]`; everyone else gets the pooled one-coin matrix of
 * `pooledAccuracy`. Class priors are uniform.
 * @example knownCrowd(['a', 'b'], { 'human:p1': [[0.9, 0.1], [0.4, 0.6]] })
 * Complexity: O(people × K²).
 */
export function knownCrowd(
  labels: readonly string[],
  people: Readonly<Record<string, readonly (readonly number[])[]>>,
  pooledAccuracy = 0.8,
): CrowdModel {
  const K = labels.length;
  const sources = Object.keys(people);
  const A = sources.length;
  const confusion = new Float64Array((A + 1) * K * K);
  sources.forEach((source, a) => {
    const matrix = people[source] ?? [];
    for (let k = 0; k < K; k++)
      for (let l = 0; l < K; l++) confusion[(a * K + k) * K + l] = matrix[k]?.[l] ?? 0;
  });
  for (let k = 0; k < K; k++)
    for (let l = 0; l < K; l++)
      confusion[(A * K + k) * K + l] = k === l ? pooledAccuracy : (1 - pooledAccuracy) / (K - 1);
  const snapshot: CrowdSnapshot = {
    numClasses: K,
    classPriors: new Float64Array(K).fill(1 / K),
    confusion,
    labels,
    labelIndex: new Map(labels.map((label, k) => [label, k])),
    rowOf: new Map(sources.map((source, a) => [source, a])),
    pooledRow: A,
    annotators: sources.map((source, row) => ({
      source,
      votes: 100,
      accuracy: 0,
      row,
      pooled: false,
    })),
    votes: 100 * A,
    iterations: 0,
    ownRowOf: new Map(sources.map((source, a) => [source, a])),
    fittedPriors: new Float64Array(K).fill(1 / K),
    // A known crowd is no fit: nothing to continue incrementally.
    fit: {
      ds: null,
      parts: {
        labels,
        items: new Map(),
        annotators: sources,
        gold: new Int32Array(0),
        voteIds: new Set(),
        minVotes: 0,
      },
    },
  };
  return {
    current: () => Promise.resolve(snapshot),
    noteAnswers: () => undefined,
    addVotes: () => undefined,
    fold: () => snapshot,
    refit: () => Promise.resolve(snapshot),
    idle: () => Promise.resolve(),
  };
}
