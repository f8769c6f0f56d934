import {
  decideLabelSet,
  exactSetProbability,
  expectedLabelAccuracy,
  type LabelSetBounds,
} from '../multilabel/index.js';
import { scaleMedian } from '../ordinal/index.js';
import type { MultilabelMeasure } from '../project.js';
import { rowCount, type PoolPredictions } from './pool-data.js';

/**
 * Uncertainty of a multi-label answer, in [0, 1], on the measure the project promises: the
 * least-confident score of the decided set. With `exact`, 1 − P(the decided set is exactly
 * right) (the product of each label's chance of being decided right); with `per-label`,
 * 2 × (1 − the expected share of label decisions that are right), since that share is at least
 * 1/2 when each label is decided on its likelier side. Rows hold P(label applies) per label.
 * @example labelSetUncertaintyScores({ probabilities: Float64Array.of(0.9, 0.1, 0.5, 0.9), classCount: 2 }, 'exact') // [0.19, 0.55]
 * Complexity: O(n × L log L).
 */
export function labelSetUncertaintyScores(
  predictions: PoolPredictions,
  measure: MultilabelMeasure,
  bounds: LabelSetBounds = {},
): Float64Array {
  const { probabilities: p, classCount: L } = predictions;
  const n = rowCount(p, L);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = p.subarray(i * L, (i + 1) * L);
    const set = decideLabelSet(row, bounds);
    scores[i] =
      measure === 'exact'
        ? 1 - exactSetProbability(row, set)
        : Math.min(1, 2 * (1 - expectedLabelAccuracy(row, set)));
  }
  return scores;
}

/**
 * Uncertainty of a rating, in [0, 1]: the expected absolute error of the posterior median
 * (the answer that minimises it), E|X − median|, over its largest possible value (K − 1)/2
 * (half the mass at each end of the scale). Unlike margin or entropy it respects the order: a
 * model torn between 3 and 4 is surer than one torn between 1 and 5.
 * @example ratingSpreadScores({ probabilities: Float64Array.of(0.5, 0, 0.5, 0, 1, 0), classCount: 3 }) // [1, 0]
 * Complexity: O(n × K).
 */
export function ratingSpreadScores(predictions: PoolPredictions): Float64Array {
  const { probabilities: p, classCount: K } = predictions;
  const n = rowCount(p, K);
  const scores = new Float64Array(n);
  if (K < 2) return scores;
  for (let i = 0; i < n; i++) {
    const row = p.subarray(i * K, (i + 1) * K);
    let total = 0;
    for (const v of row) total += v;
    if (!(total > 0)) {
      scores[i] = 1;
      continue;
    }
    const m = scaleMedian(row);
    let spread = 0;
    for (let k = 0; k < K; k++) spread += ((row[k] as number) / total) * Math.abs(k - m);
    scores[i] = Math.min(1, spread / ((K - 1) / 2));
  }
  return scores;
}
