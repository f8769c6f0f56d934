import { binomialUpperTail } from './clopper-pearson.js';
import { acceptedNeeded, type GoldNeeded } from './gold-needed.js';
import { countAtLeast, sequenceStartByScale, type SequenceStartInput } from './sequence-start.js';

/**
 * Input of `sequenceGoldNeeded`: what `sequenceStart` reads, and the gold outcomes.
 * @example sequenceGoldNeeded({ pool, goldScores, correct, target: 0.95, delta: 0.05 })
 */
export interface SequenceGoldNeededInput extends Omit<SequenceStartInput, 'goldScale'> {
  /** 1 when the machine's label of that gold item (same order as goldScores) is right. */
  readonly correct: ArrayLike<number>;
  /** Fewest gold items the observed accuracy at the start is read from (default 30). */
  readonly minAccepted?: number;
}

const MAX_GOLD = 10_000_000;

/**
 * How much gold the fixed sequence would need to certify anything, estimated under the rule it
 * actually runs: with f times the gold (drawn the same way), `sequenceStart` picks its start
 * from the pool and the gold counts scaled by f, and the first test there must reject with the
 * accuracy observed on today's gold at that threshold (read from at least `minAccepted` of the
 * best-scored gold items). The answer is the smallest such total, so when nothing was
 * certified it is always more than today's gold; null totals mean no amount of gold would do
 * at the observed accuracy. Optimistic when the observed accuracy was lucky.
 * @example sequenceGoldNeeded({ pool, goldScores, correct, target: 0.95, delta: 0.05 })?.additionalGold
 * Complexity: O(log N) evaluations of `sequenceStart` for N gold items needed.
 */
export function sequenceGoldNeeded(input: SequenceGoldNeededInput): GoldNeeded | null {
  const { target, delta } = input;
  const n = input.goldScores.length;
  if (n === 0) return null;
  const minAccepted = Math.min(n, input.minAccepted ?? 30);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (input.goldScores[b] as number) - (input.goldScores[a] as number),
  );
  const sorted = Float64Array.from(order, (i) => input.goldScores[i] as number);
  const rightPrefix = new Int32Array(n + 1);
  order.forEach((i, r) => {
    rightPrefix[r + 1] = (rightPrefix[r] as number) + (input.correct[i] as number);
  });
  const startWith = sequenceStartByScale(input);
  const at = (scale: number) => {
    const start = startWith(scale);
    const count = countAtLeast(sorted, start.threshold);
    const m = Math.max(minAccepted, count);
    const observedAccuracy = (rightPrefix[m] as number) / m;
    // The accuracy is read from at least minAccepted items, but the test runs, as the sequence
    // does, on the gold at the start threshold only.
    const scaled = Math.max(1, Math.round(Math.max(count, 1) * scale));
    const right = Math.floor(observedAccuracy * scaled + 1e-9);
    const passes = binomialUpperTail(right, scaled, target) <= delta;
    return { start, m, observedAccuracy, passes };
  };
  const today = at(1);
  let lo = 1;
  let hi = 2;
  let found = today.passes ? today : null;
  while (found === null && hi * n <= MAX_GOLD) {
    const probe = at(hi);
    if (probe.passes) found = probe;
    else {
      lo = hi;
      hi *= 2;
    }
  }
  if (found === null) {
    return {
      threshold: today.start.threshold,
      observedAccuracy: today.observedAccuracy,
      goldCoverage: today.m / n,
      acceptedNeeded: acceptedNeeded(today.observedAccuracy, target, delta),
      totalGold: null,
      additionalGold: null,
    };
  }
  // Bisection on the gold total between the last failing and the first passing scale.
  let loGold = Math.ceil(lo * n);
  let hiGold = Math.ceil(hi * n);
  while (hiGold - loGold > 1 && !today.passes) {
    const mid = Math.floor((loGold + hiGold) / 2);
    const probe = at(mid / n);
    if (probe.passes) {
      hiGold = mid;
      found = probe;
    } else loGold = mid;
  }
  const totalGold = today.passes ? n : hiGold;
  return {
    threshold: found.start.threshold,
    observedAccuracy: found.observedAccuracy,
    goldCoverage: found.m / n,
    acceptedNeeded: Math.round(found.m * (totalGold / n)),
    totalGold,
    additionalGold: totalGold - n,
  };
}
