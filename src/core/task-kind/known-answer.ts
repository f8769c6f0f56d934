import type { TaskShape } from './task-shape.js';
import { labelSetIndices } from './label-set-code.js';

/**
 * Whether a stored answer is one of the shape's: a label name, or for multi-label a set code of
 * its labels (the empty set included).
 * @example isKnownAnswer({ kind: 'multilabel', labels: ['a', 'b'], measure: 'exact', minLabels: 0, maxLabels: 2 }, 'a|b') // true
 * Complexity: O(L + |label|).
 */
export function isKnownAnswer(shape: Pick<TaskShape, 'kind' | 'labels'>, label: string): boolean {
  if (shape.kind !== 'multilabel') return shape.labels.includes(label);
  try {
    labelSetIndices(label, shape.labels);
    return true;
  } catch {
    return false;
  }
}
