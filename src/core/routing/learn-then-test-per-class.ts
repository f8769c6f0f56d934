import { HiloError } from '../errors.js';
import { learnThenTest, type ThresholdSelection } from './learn-then-test.js';

/**
 * Input of `learnThenTestPerClass`: gold evidence with the predicted class of each item, and
 * candidate thresholds per class.
 * @example learnThenTestPerClass({ scores, correct, predicted, K: 2, thresholds: [candidates0, candidates1], target: 0.95, delta: 0.05 })
 */
export interface PerClassInput {
  /** Score of each gold item in its predicted label. */
  readonly scores: ArrayLike<number>;
  readonly correct: ArrayLike<number>;
  /** Predicted label index of each gold item. */
  readonly predicted: ArrayLike<number>;
  readonly K: number;
  /** Candidate thresholds per class (e.g. from the pool items predicted as that class). */
  readonly thresholds: readonly ArrayLike<number>[];
  readonly target: number;
  readonly delta: number;
}

/**
 * One threshold per predicted class (+∞ where none was certified), each class tested at delta / K.
 * @example const { thresholds } = learnThenTestPerClass(input); thresholds[predicted]
 */
export interface PerClassSelection {
  /** Threshold per class; Infinity where no threshold could be certified (never accept). */
  readonly thresholds: Float64Array;
  readonly perClass: readonly ThresholdSelection[];
  /** Level each class was tested at: delta / K. */
  readonly deltaPerClass: number;
}

/**
 * Per-class thresholds with a promise per class: the gold is split by predicted label and each
 * class runs `learnThenTest` at delta / K, so with probability ≥ 1 − delta every class's
 * accepted accuracy is ≥ target at once (and so is the overall accepted accuracy). Splitting
 * the gold thins it; rare classes often get no threshold.
 * @example learnThenTestPerClass({ scores, correct, predicted, K: 3, thresholds: perClassCandidates, target: 0.95, delta: 0.05 }).thresholds
 * Complexity: O(n log n + Σ m_c) plus one incomplete-beta evaluation per candidate.
 */
export function learnThenTestPerClass(input: PerClassInput): PerClassSelection {
  const { K, predicted } = input;
  if (input.thresholds.length !== K) {
    throw new HiloError(
      'INVALID_INPUT',
      `expected candidate thresholds for ${K} classes, got ${input.thresholds.length}`,
    );
  }
  const deltaPerClass = input.delta / K;
  const thresholds = new Float64Array(K).fill(Number.POSITIVE_INFINITY);
  const perClass: ThresholdSelection[] = [];
  for (let c = 0; c < K; c++) {
    const scores: number[] = [];
    const correct: number[] = [];
    for (let i = 0; i < predicted.length; i++) {
      if (predicted[i] !== c) continue;
      scores.push(input.scores[i] as number);
      correct.push(input.correct[i] as number);
    }
    const selection = learnThenTest({
      scores,
      correct,
      thresholds: input.thresholds[c] as ArrayLike<number>,
      target: input.target,
      delta: deltaPerClass,
    });
    perClass.push(selection);
    if (selection.threshold !== null) thresholds[c] = selection.threshold;
  }
  return { thresholds, perClass, deltaPerClass };
}
