import { HiloError } from '../errors.js';
import type { VoteMatrix } from '../aggregation/vote-matrix.js';

/**
 * Level of measurement: which difference function δ² compares two values.
 * @example krippendorffAlpha(matrix, { level: 'ordinal' })
 */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

/**
 * Options of `krippendorffAlpha`: the measurement level, and each class's value for the interval
 * level.
 * @example krippendorffAlpha(matrix, { level: 'interval', values: Float64Array.of(1, 2, 5) })
 */
export interface KrippendorffOptions {
  readonly level?: MeasurementLevel;
  /**
   * The number each class stands for, for 'interval' (default: the class index). Ordinal uses
   * only the class order.
   */
  readonly values?: Float64Array;
}

/**
 * Krippendorff's α with missing data: units are items, values are the votes on them (soft
 * votes count as their argmax); items with fewer than 2 votes are not pairable and drop out.
 * α = 1 − (n − 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck over the coincidence matrix o (Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability", 2011). δ² is [c ≠ k] (nominal), the squared
 * rank distance built from the value frequencies (ordinal) or (v_c − v_k)² (interval).
 * NaN when there is no disagreement to expect (one value only) or fewer than 2 pairable values.
 * @example krippendorffAlpha(matrix, { level: 'ordinal' });
 * Complexity: O(votes + items × K + K²).
 */
export function krippendorffAlpha(matrix: VoteMatrix, options: KrippendorffOptions = {}): number {
  const K = matrix.numClasses;
  const coincidences = coincidenceMatrix(matrix);
  const totals = new Float64Array(K);
  let n = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) totals[c]! += coincidences[c * K + k] as number;
    n += totals[c] as number;
  }
  if (n < 2) return Number.NaN;
  const delta = differences(options, totals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      const d = delta[c * K + k] as number;
      observed += (coincidences[c * K + k] as number) * d;
      expected += (totals[c] as number) * (totals[k] as number) * d;
    }
  }
  return expected > 0 ? 1 - ((n - 1) * observed) / expected : Number.NaN;
}

/**
 * The coincidence matrix: o_ck = Σ_u (ordered pairs of values c, k in unit u) / (m_u − 1).
 * O(votes + items × K²) worst case; O(items × distinct values²) in practice.
 */
export function coincidenceMatrix(matrix: VoteMatrix): Float64Array {
  const { numItems, numClasses: K, itemOffsets, label } = matrix;
  const o = new Float64Array(K * K);
  const counts = new Float64Array(K);
  const present: number[] = [];
  for (let i = 0; i < numItems; i++) {
    const start = itemOffsets[i] as number;
    const m = (itemOffsets[i + 1] as number) - start;
    if (m < 2) continue;
    present.length = 0;
    for (let v = start; v < start + m; v++) {
      const c = label[v] as number;
      if (counts[c] === 0) present.push(c);
      counts[c]! += 1;
    }
    for (const c of present) {
      for (const k of present) {
        const pairs = (counts[c] as number) * ((counts[k] as number) - (c === k ? 1 : 0));
        o[c * K + k]! += pairs / (m - 1);
      }
    }
    for (const c of present) counts[c] = 0;
  }
  return o;
}

function differences(options: KrippendorffOptions, totals: Float64Array): Float64Array {
  const K = totals.length;
  const level = options.level ?? 'nominal';
  const values = options.values ?? Float64Array.from({ length: K }, (_, k) => k);
  if (values.length !== K) throw new HiloError('INVALID_INPUT', `values needs ${K} entries`);
  const delta = new Float64Array(K * K);
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      if (level === 'nominal') delta[c * K + k] = c === k ? 0 : 1;
      else if (level === 'interval')
        delta[c * K + k] = ((values[c] as number) - (values[k] as number)) ** 2;
      else {
        const low = Math.min(c, k);
        const high = Math.max(c, k);
        let sum = 0;
        for (let g = low; g <= high; g++) sum += totals[g] as number;
        delta[c * K + k] = (sum - ((totals[c] as number) + (totals[k] as number)) / 2) ** 2;
      }
    }
  }
  return delta;
}
