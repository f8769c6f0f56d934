import { cohenKappa } from '../agreement/cohen-kappa.js';

export interface StabilizingPredictionsOptions {
  /** Number of classes. */
  readonly classCount: number;
  /** Stop when the mean κ of the last `window` successive pairs is at least this; default 0.99. */
  readonly threshold?: number;
  /** Successive-model agreements averaged; default 3. */
  readonly window?: number;
}

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

/** κ, except that two identical labelings count as full agreement even when κ is undefined. */
function agreement(a: Int32Array, b: Int32Array, K: number): number {
  const kappa = cohenKappa(a, b, K);
  if (!Number.isNaN(kappa)) return kappa;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return 0;
  return 1;
}
