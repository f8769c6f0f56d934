import { exactSetProbability, expectedLabelAccuracy } from '../multilabel/index.js';
import { withinK } from '../ordinal/index.js';
import { labelSetIndices, probabilityRow, type TaskShape } from '../task-kind/index.js';
import type { Distribution } from '../types.js';

/**
 * The probability, from a stored vote's probabilities, that a given answer is right under the
 * shape's measure: the label's probability; for a rating measured within ±k the mass within ±k
 * of the level; for a set its exact-set probability, or the expected share of right label
 * decisions with `multilabel.measure: per-label`. Null when the probabilities have no mass or the
 * answer is not one the shape takes.
 * @example answerConfidence(multi, 'toxic', { toxic: 0.9, insult: 0.2 }) // 0.9 × 0.8 = 0.72
 * Complexity: O(L).
 */
export function answerConfidence(
  shape: TaskShape,
  answer: string,
  probabilities: Distribution,
): number | null {
  const row = probabilityRow(shape, probabilities);
  if (shape.kind === 'multilabel') {
    let set: number[];
    try {
      set = labelSetIndices(answer, shape.labels);
    } catch {
      return null;
    }
    return shape.measure === 'exact'
      ? exactSetProbability(row, set)
      : expectedLabelAccuracy(row, set);
  }
  const level = shape.labels.indexOf(answer);
  const total = row.reduce((s, p) => s + p, 0);
  if (level < 0 || !(total > 0)) return null;
  if (shape.kind === 'rating' && shape.measure === 'within-k')
    return withinK(row, level, shape.withinK);
  return (row[level] as number) / total;
}
