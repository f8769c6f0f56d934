import { ratingErrors } from '../../core/ordinal/index.js';
import { answerScore, type TaskShape } from '../../core/task-kind/index.js';
import type { Item } from '../../core/types.js';
import type { AggregateReport } from './aggregate-votes-types.js';

/**
 * How the aggregate scores on test items (trusted labels that were not clamped), under the
 * shape's measure, and for a rating the MAE and RMSE in levels.
 * @example aggregateTestScore(shape, [{ itemId: 'q1', label: '3' }], items)
 * Complexity: O(answers × L).
 */
export function aggregateTestScore(
  shape: TaskShape,
  answers: readonly { readonly itemId: string; readonly label: string }[],
  items: ReadonlyMap<string, Pick<Item, 'role' | 'goldLabel'>>,
): Pick<AggregateReport, 'testAccuracy' | 'testErrors'> {
  let correct = 0;
  let total = 0;
  const predicted: number[] = [];
  const truth: number[] = [];
  for (const { itemId, label } of answers) {
    const item = items.get(itemId);
    if (!item || item.role !== 'test' || item.goldLabel === null) continue;
    total++;
    correct += answerScore(shape, label, item.goldLabel);
    if (shape.kind === 'rating') {
      predicted.push(shape.labels.indexOf(label));
      truth.push(shape.labels.indexOf(item.goldLabel));
    }
  }
  const errors = shape.kind === 'rating' && total > 0 ? ratingErrors(predicted, truth) : null;
  return {
    testAccuracy: total > 0 ? { correct, total } : null,
    testErrors: errors && errors.count > 0 ? errors : null,
  };
}
