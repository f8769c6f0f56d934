/**
 * Options of `stabilizingPredictions`: the classes, and the mean κ to reach over how many rounds.
 * @example stabilizingPredictions(rounds, { classCount: 4, threshold: 0.99, window: 3 })
 */
export interface StabilizingPredictionsOptions {
  /** Number of classes. */
  readonly classCount: number;
  /** Stop when the mean κ of the last `window` successive pairs is at least this; default 0.99. */
  readonly threshold?: number;
  /** Successive-model agreements averaged; default 3. */
  readonly window?: number;
}

/**
 * κ between the predictions of each round and the previous one, and the round to stop at (null: not
 * yet).
 * @example const { kappas, stopRound } = stabilizingPredictions(rounds, { classCount: 4 })
 */
export interface StabilizingPredictionsResult {
  /** κ between the predictions of round r and round r + 1 on the stop set (length rounds − 1). */
  readonly kappas: Float64Array;
  /** The first round after which learning would stop (index into the history), or null. */
  readonly stopRound: number | null;
}

/**
 * Stabilizing predictions (Bloodgood & Vijay-Shanker, CoNLL 2009): keep an unlabelled stop set
 * (it need not be labelled, so it can be large), predict it after each round, and stop once
 * successive models agree — Cohen's κ between round r−1 and r, averaged over the last
 * `window` rounds, reaches `threshold`. Their recommended setting is κ ≥ 0.99 over 3 rounds.
 * @example stabilizingPredictions([round1, round2, round3, round4], { classCount: 4 }).stopRound
 * Complexity: O(rounds × (stop set + K²)).
 */
export function stabilizingPredictions(
  history: readonly Int32Array[],
  options: StabilizingPredictionsOptions,
): StabilizingPredictionsResult {
  const threshold = options.threshold ?? 0.99;
  const window = options.window ?? 3;
  const kappas = new Float64Array(Math.max(0, history.length - 1));
  let stopRound: number | null = null;
  for (let r = 1; r < history.length; r++) {
    const kappa = agreement(
      history[r - 1] as Int32Array,
      history[r] as Int32Array,
      options.classCount,
    );
    kappas[r - 1] = kappa;
    if (stopRound === null && r >= window) {
      let sum = 0;
      for (let t = r - window; t < r; t++) sum += kappas[t] as number;
      if (sum / window >= threshold) stopRound = r;
    }
  }
  return { kappas, stopRound };
}

/**
 * Cohen's κ between two labelings of the same items; two identical labelings count as full
 * agreement even where κ is undefined (a single class, chance agreement 1). O(n + K).
 */
function agreement(a: Int32Array, b: Int32Array, K: number): number {
  const n = a.length;
  if (n === 0) return 1;
  const rows = new Float64Array(K);
  const columns = new Float64Array(K);
  let same = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x === y) same++;
    rows[x] = (rows[x] as number) + 1;
    columns[y] = (columns[y] as number) + 1;
  }
  let chance = 0;
  for (let k = 0; k < K; k++) chance += ((rows[k] as number) / n) * ((columns[k] as number) / n);
  const observed = same / n;
  if (chance >= 1 - 1e-12) return observed === 1 ? 1 : 0;
  return (observed - chance) / (1 - chance);
}
