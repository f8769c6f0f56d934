import { HiloError } from '../errors.js';

/**
 * Options of `decideLabelSet`: how many labels an item may carry (defaults 0 and L).
 * @example decideLabelSet(Float64Array.of(0.2, 0.3), { minLabels: 1 }) // [1]
 */
export interface LabelSetBounds {
  readonly minLabels?: number;
  readonly maxLabels?: number;
}

/**
 * An item's decided label set from its per-label probabilities: every label with p ≥ 0.5
 * applies; when that is fewer than `minLabels` the most probable others are added, when it is
 * more than `maxLabels` only the most probable are kept (ties go to the lower index). Under
 * independent labels this is the most probable set among those of allowed size.
 * @example decideLabelSet(Float64Array.of(0.9, 0.6, 0.1), { maxLabels: 1 }) // [0]
 * Complexity: O(L log L).
 */
export function decideLabelSet(probabilities: Float64Array, bounds: LabelSetBounds = {}): number[] {
  const L = probabilities.length;
  checkProbabilities(probabilities);
  const min = bounds.minLabels ?? 0;
  const max = bounds.maxLabels ?? L;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max || min > L) {
    throw new HiloError(
      'INVALID_INPUT',
      `label bounds [${min}, ${max}] do not fit ${L} labels (need 0 ≤ minLabels ≤ maxLabels, minLabels ≤ ${L})`,
    );
  }
  const order = Array.from({ length: L }, (_, l) => l).sort(
    (a, b) => (probabilities[b] as number) - (probabilities[a] as number) || a - b,
  );
  let size = 0;
  while (size < L && (probabilities[order[size]!] as number) >= 0.5) size++;
  size = Math.min(Math.max(size, min), max);
  return order.slice(0, size).sort((a, b) => a - b);
}

/**
 * The probability that `set` is exactly the item's true label set when labels are independent:
 * the product over labels of p (label in the set) or 1 − p (not in it). It does not condition on
 * minLabels/maxLabels. The per-item score for a promise on exact-set accuracy.
 * @example exactSetProbability(Float64Array.of(0.9, 0.2), [0]) // 0.9 × 0.8 = 0.72
 * Complexity: O(L + |set|).
 */
export function exactSetProbability(probabilities: Float64Array, set: readonly number[]): number {
  const inSet = membership(probabilities, set);
  let product = 1;
  for (let l = 0; l < probabilities.length; l++) {
    const p = probabilities[l] as number;
    product *= inSet[l] === 1 ? p : 1 - p;
  }
  return product;
}

/**
 * The expected share of the item's L label decisions that are right when labels are
 * independent: the mean over labels of p (label in the set) or 1 − p. The per-item score for a
 * promise on each label's decision (one minus the expected Hamming loss).
 * @example expectedLabelAccuracy(Float64Array.of(0.9, 0.2), [0]) // (0.9 + 0.8) / 2 = 0.85
 * Complexity: O(L + |set|).
 */
export function expectedLabelAccuracy(probabilities: Float64Array, set: readonly number[]): number {
  const inSet = membership(probabilities, set);
  const L = probabilities.length;
  if (L === 0) return Number.NaN;
  let sum = 0;
  for (let l = 0; l < L; l++) {
    const p = probabilities[l] as number;
    sum += inSet[l] === 1 ? p : 1 - p;
  }
  return sum / L;
}

function membership(probabilities: Float64Array, set: readonly number[]): Uint8Array {
  checkProbabilities(probabilities);
  const L = probabilities.length;
  const inSet = new Uint8Array(L);
  for (const l of set) {
    if (!Number.isInteger(l) || l < 0 || l >= L) {
      throw new HiloError('INVALID_INPUT', `label index ${l} is not in [0, ${L})`);
    }
    inSet[l] = 1;
  }
  return inSet;
}

function checkProbabilities(probabilities: Float64Array): void {
  for (let l = 0; l < probabilities.length; l++) {
    const p = probabilities[l] as number;
    if (!(p >= 0 && p <= 1)) {
      throw new HiloError('INVALID_INPUT', `probability of label ${l} is ${p}, not in [0, 1]`);
    }
  }
}
