import { HiloError } from '../errors.js';

/**
 * How far apart two classes are for weighted κ: all equally (unweighted), |i−j|, or (i−j)².
 * @example cohenKappa(a, b, { numClasses: 5, weights: 'linear' })
 */
export type KappaWeights = 'unweighted' | 'linear' | 'quadratic';

/**
 * Cohen's κ options: the number of classes, and how far apart two classes are.
 * @example cohenKappa(a, b, { numClasses: 5, weights: 'quadratic' })
 */
export interface CohenKappaOptions {
  readonly numClasses: number;
  /** Default 'unweighted'. */
  readonly weights?: KappaWeights;
}

/**
 * Cohen's κ between two raters who labelled the same items: `a[i]` and `b[i]` are class
 * indices, -1 where that rater has no label (such items are skipped). Weighted variants treat
 * the classes as ordered. NaN when fewer than one paired item or when chance agreement is 1.
 * @example cohenKappa(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 1, 1), { numClasses: 2 }); // 0.5
 * Complexity: O(items + K²).
 */
export function cohenKappa(a: Int32Array, b: Int32Array, options: CohenKappaOptions): number {
  const K = options.numClasses;
  const weights = options.weights ?? 'unweighted';
  if (a.length !== b.length) throw new HiloError('INVALID_INPUT', 'raters need the same items');
  const table = new Float64Array(K * K);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x < 0 || y < 0) continue;
    if (x >= K || y >= K) throw new HiloError('INVALID_INPUT', `class ${Math.max(x, y)} ≥ ${K}`);
    table[x * K + y]! += 1;
    n++;
  }
  if (n === 0) return Number.NaN;
  const rows = new Float64Array(K);
  const columns = new Float64Array(K);
  for (let x = 0; x < K; x++) {
    for (let y = 0; y < K; y++) {
      rows[x]! += table[x * K + y] as number;
      columns[y]! += table[x * K + y] as number;
    }
  }
  // κ = 1 − Σ w·observed / Σ w·expected, with w the disagreement weight of a cell.
  let observed = 0;
  let expected = 0;
  for (let x = 0; x < K; x++) {
    for (let y = 0; y < K; y++) {
      const d = Math.abs(x - y);
      const w = weights === 'unweighted' ? (d === 0 ? 0 : 1) : weights === 'linear' ? d : d * d;
      observed += (w * (table[x * K + y] as number)) / n;
      expected += (w * (rows[x] as number) * (columns[y] as number)) / (n * n);
    }
  }
  return expected > 0 ? 1 - observed / expected : Number.NaN;
}
