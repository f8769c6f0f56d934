import { HiloError } from '../errors.js';

/**
 * Checks a per-item gold array (class index or -1) against the matrix's shape.
 * @example checkGold(Int32Array.of(-1, 1), 2, 2);
 * Complexity: O(items).
 */
export function checkGold(gold: Int32Array | undefined, numItems: number, K: number): void {
  if (!gold) return;
  if (gold.length !== numItems) {
    throw new HiloError('INVALID_INPUT', `gold has ${gold.length} entries, expected ${numItems}`);
  }
  for (let i = 0; i < numItems; i++) {
    const g = gold[i] as number;
    if (g < -1 || g >= K) {
      throw new HiloError('INVALID_INPUT', `gold of item ${i} is ${g}, outside -1..${K - 1}`);
    }
  }
}

/**
 * Sets the posterior row of every gold item to its class (one-hot).
 * @example clampGold(posteriors, 3, gold);
 * Complexity: O(items × K).
 */
export function clampGold(posteriors: Float64Array, K: number, gold: Int32Array | undefined): void {
  if (!gold) return;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as number;
    if (g < 0) continue;
    posteriors.fill(0, i * K, i * K + K);
    posteriors[i * K + g] = 1;
  }
}
