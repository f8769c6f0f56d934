import { HiloError } from '../errors.js';

/**
 * The inverse of a symmetric positive-definite `n × n` matrix (row-major) by Gauss–Jordan
 * elimination with partial pivoting. Throws INVALID_INPUT when the matrix is singular, which
 * for an information matrix means some parameters are not identified by the data.
 * @example symmetricInverse(Float64Array.of(2, 0, 0, 4), 2); // Float64Array [0.5, 0, 0, 0.25]
 * Complexity: O(n³) time, O(n²) memory.
 */
export function symmetricInverse(matrix: Float64Array, n: number): Float64Array {
  if (matrix.length !== n * n) throw new HiloError('INVALID_INPUT', `matrix is not ${n} × ${n}`);
  const a = Float64Array.from(matrix);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (const value of matrix) scale = Math.max(scale, Math.abs(value));
  const tiny = 1e-12 * (scale || 1);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r * n + col] as number) > Math.abs(a[pivot * n + col] as number)) pivot = r;
    }
    const p = a[pivot * n + col] as number;
    if (!(Math.abs(p) > tiny)) {
      throw new HiloError('INVALID_INPUT', 'information matrix is singular');
    }
    if (pivot !== col) swapRows(a, inv, n, pivot, col);
    for (let c = 0; c < n; c++) {
      a[col * n + c]! /= p;
      inv[col * n + c]! /= p;
    }
    for (let r = 0; r < n; r++) {
      const f = a[r * n + col] as number;
      if (r === col || f === 0) continue;
      for (let c = 0; c < n; c++) {
        a[r * n + c]! -= f * (a[col * n + c] as number);
        inv[r * n + c]! -= f * (inv[col * n + c] as number);
      }
    }
  }
  return inv;
}

function swapRows(a: Float64Array, b: Float64Array, n: number, r: number, s: number): void {
  for (let c = 0; c < n; c++) {
    const x = a[r * n + c] as number;
    a[r * n + c] = a[s * n + c] as number;
    a[s * n + c] = x;
    const y = b[r * n + c] as number;
    b[r * n + c] = b[s * n + c] as number;
    b[s * n + c] = y;
  }
}
