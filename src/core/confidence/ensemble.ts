import { HiloError } from '../errors.js';

export interface EnsembleOptions {
  /** Weight of each member (default equal); normalised to sum 1. */
  readonly weights?: readonly number[];
  /**
   * Probabilities are clamped to at least this before the log (default 1e-12), so one member's
   * exact zero lowers a label sharply but cannot veto it outright.
   */
  readonly floor?: number;
}

/**
 * Combines several distributions over the same labels by their (weighted) geometric mean,
 * renormalised: an average of log-probabilities. Unlike the arithmetic mean it keeps agreement
 * sharp and lets a member that is sure a label is wrong pull it down, which is what averaging
 * prompts or models in log space means.
 *
 * @example ensemble([Float64Array.of(0.8, 0.2), Float64Array.of(0.5, 0.5)]) // [0.667, 0.333]
 * Complexity: O(members × labels).
 */
export function ensemble(
  distributions: readonly Float64Array[],
  options: EnsembleOptions = {},
): Float64Array {
  const first = distributions[0];
  if (first === undefined) throw new HiloError('INVALID_INPUT', 'ensemble of no distributions');
  const labels = first.length;
  const weights = options.weights ?? distributions.map(() => 1);
  if (weights.length !== distributions.length) {
    throw new HiloError('INVALID_INPUT', 'ensemble needs one weight per distribution');
  }
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  if (!(weightSum > 0) || weights.some((w) => !(w >= 0))) {
    throw new HiloError(
      'INVALID_INPUT',
      'ensemble weights must be non-negative with a positive sum',
    );
  }
  const floor = options.floor ?? 1e-12;
  const logs = new Float64Array(labels);
  distributions.forEach((dist, j) => {
    if (dist.length !== labels) {
      throw new HiloError('INVALID_INPUT', 'ensemble members have different label counts');
    }
    const w = (weights[j] as number) / weightSum;
    if (w === 0) return;
    for (let i = 0; i < labels; i++) {
      logs[i] = (logs[i] as number) + w * Math.log(Math.max(dist[i] as number, floor));
    }
  });
  let max = -Infinity;
  for (let i = 0; i < labels; i++) max = Math.max(max, logs[i] as number);
  let total = 0;
  for (let i = 0; i < labels; i++) {
    logs[i] = Math.exp((logs[i] as number) - max);
    total += logs[i] as number;
  }
  for (let i = 0; i < labels; i++) logs[i] = (logs[i] as number) / total;
  return logs;
}
