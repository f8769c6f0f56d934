import { HiloError } from '../errors.js';

/**
 * One item's labels: a 0/1 indicator row of length L, or the indices of the labels that apply.
 * @example const row: LabelRow = Uint8Array.of(1, 0, 1); const same: LabelRow = [0, 2];
 */
export type LabelRow = Uint8Array | readonly number[];

/**
 * Flattens n rows into one n × L indicator matrix (row-major), checking every row.
 * Indicator rows must have length L and hold only 0 and 1; index sets must hold distinct
 * integers in [0, L).
 * @example toIndicators([[0, 2], Uint8Array.of(0, 1, 0)], 3) // Uint8Array [1, 0, 1, 0, 1, 0]
 * Complexity: O(n × L).
 */
export function toIndicators(rows: readonly LabelRow[], numLabels: number): Uint8Array {
  if (!Number.isInteger(numLabels) || numLabels < 1) {
    throw new HiloError('INVALID_INPUT', `numLabels must be a positive integer, got ${numLabels}`);
  }
  const out = new Uint8Array(rows.length * numLabels);
  rows.forEach((row, i) =>
    writeRow(row, numLabels, out.subarray(i * numLabels, (i + 1) * numLabels), i),
  );
  return out;
}

/**
 * The indices of the labels that apply, ascending.
 * @example labelSetOf(Uint8Array.of(0, 1, 1)) // [1, 2]
 * Complexity: O(L).
 */
export function labelSetOf(indicators: Uint8Array): number[] {
  const set: number[] = [];
  for (let l = 0; l < indicators.length; l++) if (indicators[l] === 1) set.push(l);
  return set;
}

function writeRow(row: LabelRow, L: number, target: Uint8Array, item: number): void {
  if (row instanceof Uint8Array) {
    if (row.length !== L) {
      throw new HiloError('INVALID_INPUT', `row ${item} has ${row.length} entries, expected ${L}`);
    }
    for (let l = 0; l < L; l++) {
      const v = row[l] as number;
      if (v > 1) throw new HiloError('INVALID_INPUT', `row ${item} holds ${v}; only 0 and 1`);
      target[l] = v;
    }
    return;
  }
  for (const l of row) {
    if (!Number.isInteger(l) || l < 0 || l >= L) {
      throw new HiloError('INVALID_INPUT', `row ${item}: label index ${l} is not in [0, ${L})`);
    }
    if (target[l] === 1) {
      throw new HiloError('INVALID_INPUT', `row ${item}: label index ${l} is repeated`);
    }
    target[l] = 1;
  }
}
