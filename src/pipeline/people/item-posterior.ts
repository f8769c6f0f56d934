import { confusionPosterior } from '../../core/aggregation/confusion-posterior.js';
import type { Distribution, Vote } from '../../core/types.js';
import type { CrowdSnapshot } from './crowd-snapshot.js';

/**
 * One item's posterior over labels from a fitted crowd and the item's votes: class priors times
 * each vote read through its annotator's confusion matrix (the crowd's pooled matrix for people
 * the fit knows too little about or not at all). A machine labeller's distribution is a soft
 * vote through the machine's own matrix. Only the newest vote of each source counts; votes of
 * `ignored` sources (discounted people) and abstentions count for nothing. With `fitted`, every
 * annotator the fit knows answers with their own matrix and the fitted class priors are used:
 * the Dawid-Skene posterior `hilo aggregate` gives, rather than the cautious one of overlap.
 * @example itemPosterior(crowd, votes, new Set(['human:7'])) // { spam: 0.93, ham: 0.07 }
 * Complexity: O(votes × K), O(K²) more per machine vote.
 */
export function itemPosterior(
  crowd: CrowdSnapshot,
  votes: readonly Vote[],
  ignored: ReadonlySet<string> = new Set(),
  view: { readonly fitted?: boolean } = {},
): Distribution {
  const rows = view.fitted === true ? crowd.ownRowOf : crowd.rowOf;
  const K = crowd.numClasses;
  const newest = new Map<string, Vote>();
  for (const vote of votes) {
    if (vote.label === null || ignored.has(vote.source)) continue;
    const seen = newest.get(vote.source);
    if (seen === undefined || seen.id < vote.id) newest.set(vote.source, vote);
  }
  const n = newest.size;
  const matrix = new Int32Array(n);
  const label = new Int32Array(n);
  const soft = new Float64Array(n * K);
  let v = 0;
  for (const vote of newest.values()) {
    const given = crowd.labelIndex.get(vote.label ?? '');
    if (given === undefined) continue;
    matrix[v] = rows.get(vote.source) ?? crowd.pooledRow;
    const machine = !vote.source.startsWith('human:') && vote.probabilities !== null;
    label[v] = machine ? -1 : given;
    if (machine) {
      for (let k = 0; k < K; k++)
        soft[v * K + k] = vote.probabilities?.[crowd.labels[k] ?? ''] ?? 0;
    }
    v++;
  }
  const model = view.fitted === true ? { ...crowd, classPriors: crowd.fittedPriors } : crowd;
  const p = confusionPosterior(model, {
    matrix: matrix.subarray(0, v),
    label: label.subarray(0, v),
    soft,
  });
  const out: Distribution = {};
  for (let k = 0; k < K; k++) out[crowd.labels[k] ?? ''] = p[k] as number;
  return out;
}
