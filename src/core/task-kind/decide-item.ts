import { HiloError } from '../errors.js';
import { decideLabelSet, exactSetProbability, expectedLabelAccuracy } from '../multilabel/index.js';
import { bestWithinK } from '../ordinal/index.js';
import type { Distribution } from '../types.js';
import { encodeLabelSet, labelSetIndices } from './label-set-code.js';
import type { TaskShape } from './task-shape.js';

/** An item's machine answer in its kind's terms: the label (or set code) and its confidence. */
export interface ItemDecision {
  /** The label; for a multi-label item the set's code (see `encodeLabelSet`). */
  readonly label: string;
  /** The probability that the answer is right under the shape's measure. */
  readonly confidence: number;
}

/**
 * Reads a probability row over the shape's labels (a distribution for single-choice kinds; one
 * yes-probability per label for multi-label) into the decided answer and the probability it is
 * right under the shape's measure: the most probable label; for a rating measured within ±k the
 * level whose ±k window holds the most mass; for multi-label the most probable set within
 * `minLabels..maxLabels`, with the probability of the exact set or the expected share of label
 * decisions that are right (per-label).
 * @example decideItem({ kind: 'classify', labels: ['a', 'b'] }, Float64Array.of(0.3, 0.7)) // { label: 'b', confidence: 0.7 }
 * Complexity: O(L log L).
 */
export function decideItem(shape: TaskShape, row: Float64Array): ItemDecision {
  const { labels } = shape;
  if (row.length !== labels.length) {
    throw new HiloError(
      'INTERNAL',
      `a row of ${row.length} probabilities for ${labels.length} labels`,
    );
  }
  if (shape.kind === 'multilabel') {
    const set = decideLabelSet(row, { minLabels: shape.minLabels, maxLabels: shape.maxLabels });
    const confidence =
      shape.measure === 'exact' ? exactSetProbability(row, set) : expectedLabelAccuracy(row, set);
    return {
      label: encodeLabelSet(
        set.map((l) => labels[l] as string),
        labels,
      ),
      confidence,
    };
  }
  let total = 0;
  for (const p of row) total += p;
  if (!(total > 0)) throw new HiloError('INVALID_INPUT', 'a distribution with no mass');
  if (shape.kind === 'rating' && shape.measure === 'within-k') {
    const choice = bestWithinK(row, shape.withinK);
    return { label: labels[choice.rating] as string, confidence: choice.probability };
  }
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return { label: labels[best] as string, confidence: (row[best] as number) / total };
}

/**
 * A stored distribution (label → probability) as a row over the shape's labels, in their order;
 * labels it does not name get 0.
 * @example probabilityRow(shape, { toxic: 0.9 }) // Float64Array [0.9, 0, 0]
 * Complexity: O(L).
 */
export function probabilityRow(
  shape: Pick<TaskShape, 'labels'>,
  distribution: Distribution,
): Float64Array {
  const row = new Float64Array(shape.labels.length);
  shape.labels.forEach((label, k) => {
    const p = distribution[label];
    row[k] = typeof p === 'number' && Number.isFinite(p) && p > 0 ? Math.min(p, 1) : 0;
  });
  return row;
}

/**
 * Whether a predicted answer counts as right against the trusted one, under the shape's
 * measure: equal labels; a rating within ±k; for multi-label the same set (`exact`), or, with
 * `per-label`, the share of label decisions that agree (a number in [0, 1], 1 only when equal).
 * @example answerScore({ kind: 'rating', labels: ['1','2','3'], measure: 'within-k', withinK: 1 }, '2', '3') // 1
 * Complexity: O(L).
 */
export function answerScore(shape: TaskShape, predicted: string, truth: string): number {
  if (shape.kind === 'multilabel') {
    const a = labelSetIndices(predicted, shape.labels);
    const b = new Set(labelSetIndices(truth, shape.labels));
    if (shape.measure === 'exact') return a.length === b.size && a.every((l) => b.has(l)) ? 1 : 0;
    const disagree =
      a.filter((l) => !b.has(l)).length + [...b].filter((l) => !a.includes(l)).length;
    return 1 - disagree / shape.labels.length;
  }
  if (shape.kind === 'rating' && shape.measure === 'within-k') {
    const p = shape.labels.indexOf(predicted);
    const t = shape.labels.indexOf(truth);
    if (p < 0 || t < 0) return 0;
    return Math.abs(p - t) <= shape.withinK ? 1 : 0;
  }
  return predicted === truth ? 1 : 0;
}
