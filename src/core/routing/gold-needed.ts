import { clopperPearsonLower } from './clopper-pearson.js';
import { countAccepted, descendingThresholds, type LearnThenTestInput } from './learn-then-test.js';

/**
 * How much gold a guarantee would need at the best threshold, when none could be certified.
 * @example const need = goldNeeded({ scores, correct, thresholds, target: 0.97, delta: 0.05 }); need?.additionalGold
 */
export interface GoldNeeded {
  /** The threshold the estimate is made at. */
  readonly threshold: number;
  /** Accuracy of the gold items it accepts now. */
  readonly observedAccuracy: number;
  /** Share of gold items it accepts now. */
  readonly goldCoverage: number;
  /** Accepted gold items needed for the bound to reach the target at the observed accuracy. */
  readonly acceptedNeeded: number | null;
  /** Gold items needed in all (accepted / coverage); null when the target is unreachable. */
  readonly totalGold: number | null;
  /** totalGold minus the gold available now (≥ 0); null when unreachable. */
  readonly additionalGold: number | null;
}

const MAX_ACCEPTED = 10_000_000;

/**
 * Smallest m such that m items with the observed accuracy (⌊p·m⌋ right) give a one-sided
 * Clopper–Pearson lower bound ≥ target; null when p ≤ target or m would exceed ten million.
 * @example acceptedNeeded(1, 0.97, 0.05) // 99
 * Complexity: exponential search then bisection, O(log m) bound evaluations.
 */
export function acceptedNeeded(observed: number, target: number, delta: number): number | null {
  if (!(observed > target)) return null;
  const passes = (m: number) =>
    clopperPearsonLower(Math.floor(observed * m + 1e-9), m, delta) >= target;
  let hi = 1;
  while (!passes(hi)) {
    hi *= 2;
    if (hi > MAX_ACCEPTED) return null;
  }
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * How much gold a guarantee would need when none can be given now. The estimate assumes the
 * accuracy observed at the strictest candidate with at least `minAccepted` (default 30)
 * accepted gold items stays the same with more gold, and that the threshold keeps accepting
 * the same share; it is optimistic when that accuracy was lucky. Null when there are no gold
 * items above any candidate.
 * @example goldNeeded({ scores, correct, thresholds, target: 0.97, delta: 0.05 })?.additionalGold // 1150
 * Complexity: O(n log n + m) plus O(log N) bound evaluations.
 */
export function goldNeeded(
  input: LearnThenTestInput & { readonly minAccepted?: number },
): GoldNeeded | null {
  const minAccepted = input.minAccepted ?? 30;
  const thresholds = descendingThresholds(input.thresholds);
  const { accepted, right } = countAccepted(input.scores, input.correct, thresholds);
  const n = input.scores.length;
  let pick = -1;
  for (let t = 0; t < thresholds.length; t++) {
    if ((accepted[t] as number) >= minAccepted) {
      pick = t;
      break;
    }
  }
  // With too little gold for minAccepted anywhere, fall back to the loosest candidate.
  if (pick < 0) pick = thresholds.length - 1;
  const m = pick >= 0 ? (accepted[pick] as number) : 0;
  if (m === 0 || n === 0) return null;
  const observedAccuracy = (right[pick] as number) / m;
  const goldCoverage = m / n;
  const needed = acceptedNeeded(observedAccuracy, input.target, input.delta);
  const totalGold = needed === null ? null : Math.ceil(needed / goldCoverage);
  return {
    threshold: thresholds[pick] as number,
    observedAccuracy,
    goldCoverage,
    acceptedNeeded: needed,
    totalGold,
    additionalGold: totalGold === null ? null : Math.max(0, totalGold - n),
  };
}
