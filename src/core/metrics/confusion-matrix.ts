import { HiloError } from '../errors.js';

/**
 * Counts of (gold, predicted) class pairs as a row-major K×K matrix: `matrix[gold * K + predicted]`.
 * Rows are gold classes, columns predictions (the sklearn convention).
 * @example confusionMatrix([0, 1, 1], [0, 1, 0], 2) // Int32Array [1, 0, 1, 1]
 * Complexity: O(n + K²).
 * @throws HiloError INVALID_INPUT when the lengths differ or an index is outside [0, K).
 */
export function confusionMatrix(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): Int32Array {
  if (gold.length !== predicted.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `gold has ${gold.length} items but predictions have ${predicted.length}`,
    );
  }
  const matrix = new Int32Array(classCount * classCount);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as number;
    const p = predicted[i] as number;
    if (!isClass(g, classCount) || !isClass(p, classCount)) {
      throw new HiloError(
        'INVALID_INPUT',
        `item ${i}: class index (gold ${g}, predicted ${p}) is outside 0..${classCount - 1}`,
      );
    }
    const cell = g * classCount + p;
    matrix[cell] = (matrix[cell] as number) + 1;
  }
  return matrix;
}

/**
 * Number of classes of a square matrix stored row-major.
 * @example classCountOf(new Int32Array(9)) // 3
 * Complexity: O(1).
 */
export function classCountOf(matrix: Int32Array): number {
  const k = Math.round(Math.sqrt(matrix.length));
  if (k * k !== matrix.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `a confusion matrix of ${matrix.length} cells is not square`,
    );
  }
  return k;
}

function isClass(value: number, classCount: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < classCount;
}
