import { HiloError } from '../errors.js';
import type { Rng } from '../rng.js';

/** A simulated person: a row-stochastic confusion matrix P(answer | true class). */
export interface SimulatedAnnotator {
  readonly name: string;
  readonly classCount: number;
  /** `K × K`, row = true class, column = answer; every row sums to 1. */
  readonly confusion: Float64Array;
}

export interface ParametricAnnotatorOptions {
  readonly name: string;
  readonly classCount: number;
  /** P(right answer) for every class (ignored by a spammer). */
  readonly accuracy: number;
  /** A class the annotator's mistakes lean to (e.g. always "neutral" when unsure). */
  readonly biasTo?: number;
  /** Share of the mistakes that go to `biasTo` (default 0: mistakes spread evenly). */
  readonly bias?: number;
  /** Answers without looking: uniform at random, or always `biasTo` when given. */
  readonly spammer?: boolean;
}

/**
 * An annotator from a few numbers: right with probability `accuracy`, mistakes spread evenly
 * over the other classes except the share `bias` that goes to `biasTo`; or a spammer whose
 * answer does not depend on the item.
 * @example parametricAnnotator({ name: 'a1', classCount: 3, accuracy: 0.9, biasTo: 2, bias: 0.5 })
 * Complexity: O(K²).
 * @throws HiloError INVALID_INPUT on an accuracy or bias outside [0, 1] or a bad class.
 */
export function parametricAnnotator(options: ParametricAnnotatorOptions): SimulatedAnnotator {
  const { classCount: K, accuracy, biasTo } = options;
  const bias = options.bias ?? 0;
  if (!Number.isInteger(K) || K < 2)
    throw new HiloError('INVALID_INPUT', `classCount must be ≥ 2, got ${K}`);
  if (!(accuracy >= 0 && accuracy <= 1) || !(bias >= 0 && bias <= 1)) {
    throw new HiloError(
      'INVALID_INPUT',
      `accuracy and bias must be in [0, 1], got ${accuracy} and ${bias}`,
    );
  }
  if (biasTo !== undefined && !(Number.isInteger(biasTo) && biasTo >= 0 && biasTo < K)) {
    throw new HiloError('INVALID_INPUT', `biasTo must be a class in 0..${K - 1}, got ${biasTo}`);
  }
  const confusion = new Float64Array(K * K);
  for (let t = 0; t < K; t++) {
    const row = t * K;
    if (options.spammer) {
      for (let a = 0; a < K; a++)
        confusion[row + a] = biasTo === undefined ? 1 / K : a === biasTo ? 1 : 0;
      continue;
    }
    const wrong = 1 - accuracy;
    const leaning = biasTo !== undefined && biasTo !== t ? bias * wrong : 0;
    for (let a = 0; a < K; a++) {
      if (a === t) confusion[row + a] = accuracy;
      else confusion[row + a] = (wrong - leaning) / (K - 1) + (a === biasTo ? leaning : 0);
    }
  }
  return { name: options.name, classCount: K, confusion };
}

/**
 * One answer of the annotator about an item of class `truth`, drawn from its confusion row.
 * @example annotate(annotator, 2, rng) // a class index
 * Complexity: O(K).
 */
export function annotate(annotator: SimulatedAnnotator, truth: number, rng: Rng): number {
  const K = annotator.classCount;
  let u = rng.next();
  const row = truth * K;
  for (let a = 0; a < K; a++) {
    u -= annotator.confusion[row + a] as number;
    if (u < 0) return a;
  }
  // Rounding left a sliver: the last class with any mass.
  for (let a = K - 1; a > 0; a--) if ((annotator.confusion[row + a] as number) > 0) return a;
  return 0;
}

/**
 * Expected accuracy of an annotator on items with the given class shares (default uniform).
 * @example annotatorAccuracy(parametricAnnotator({ name: 'a', classCount: 2, accuracy: 0.8 })) // 0.8
 * Complexity: O(K).
 */
export function annotatorAccuracy(
  annotator: SimulatedAnnotator,
  priors?: ArrayLike<number>,
): number {
  const K = annotator.classCount;
  let sum = 0;
  for (let t = 0; t < K; t++)
    sum += (priors ? (priors[t] as number) : 1 / K) * (annotator.confusion[t * K + t] as number);
  return sum;
}
