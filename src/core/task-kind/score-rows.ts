import { topLabel } from '../calibration/top-label.js';
import { answerScore, decideItem } from './decide-item.js';
import { labelSetIndices } from './label-set-code.js';
import type { TaskShape } from './task-shape.js';

/** Every row's decided answer and the score a routing threshold is put on. */
export interface ScoredRows {
  /** The decided label, or a multi-label item's set code. */
  readonly answers: readonly string[];
  /** Index of the decided label in the labels; -1 for a multi-label set. */
  readonly predicted: Int32Array;
  /**
   * The probability the answer is right under the shape's measure; for multi-label `per-label`,
   * the decision confidence (max(p, 1 − p)) of the least sure label, so a threshold on it bounds
   * every label's decision at once.
   */
  readonly confidence: Float64Array;
}

/**
 * Decides every row of an n×K matrix of calibrated probabilities in the task's terms
 * (`decideItem`); for classify, pairwise and ratings measured exactly, the top label and its
 * probability, as single-label routing always did.
 * @example scoreRows({ kind: 'classify', labels: ['a', 'b'] }, Float64Array.of(0.3, 0.7)).answers // ['b']
 * Complexity: O(nK log K).
 */
export function scoreRows(shape: TaskShape, calibrated: Float64Array): ScoredRows {
  const K = shape.labels.length;
  const n = Math.floor(calibrated.length / K);
  if (
    shape.kind === 'classify' ||
    shape.kind === 'pairwise' ||
    (shape.kind === 'rating' && shape.measure === 'exact')
  ) {
    const top = topLabel(calibrated, K);
    return {
      answers: Array.from(top.predicted, (k) => shape.labels[k] as string),
      predicted: top.predicted,
      confidence: top.confidence,
    };
  }
  const answers: string[] = [];
  const predicted = new Int32Array(n).fill(-1);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = calibrated.subarray(i * K, (i + 1) * K);
    const decision = decideItem(shape, row);
    answers.push(decision.label);
    if (shape.kind === 'multilabel') {
      confidence[i] =
        shape.measure === 'per-label'
          ? leastSureDecision(row, labelSetIndices(decision.label, shape.labels))
          : decision.confidence;
    } else {
      predicted[i] = shape.labels.indexOf(decision.label);
      confidence[i] = decision.confidence;
    }
  }
  return { answers, predicted, confidence };
}

/** min over labels of P(the yes/no decision on the label is right). O(L). */
function leastSureDecision(yes: Float64Array, set: readonly number[]): number {
  const chosen = new Set(set);
  let least = 1;
  yes.forEach((p, l) => {
    const sure = chosen.has(l) ? p : 1 - p;
    if (sure < least) least = sure;
  });
  return least;
}

/**
 * Whether each decided answer is right against the trusted one, under the shape's measure (1
 * or 0; a multi-label `per-label` answer counts as right only when every label is), and for
 * multi-label the n×L matrix of per-label decisions that are right.
 * @example answerOutcomes(shape, ['toxic'], ['toxic|insult']).labelCorrect // [1, 1, 0] for labels toxic, obscene, insult
 * Complexity: O(nL).
 */
export function answerOutcomes(
  shape: TaskShape,
  answers: readonly string[],
  truths: readonly string[],
): { readonly correct: Uint8Array; readonly labelCorrect: Uint8Array | null } {
  const n = answers.length;
  const correct = new Uint8Array(n);
  if (shape.kind !== 'multilabel') {
    for (let i = 0; i < n; i++)
      correct[i] = answerScore(shape, answers[i] as string, truths[i] as string) === 1 ? 1 : 0;
    return { correct, labelCorrect: null };
  }
  const L = shape.labels.length;
  const labelCorrect = new Uint8Array(n * L);
  for (let i = 0; i < n; i++) {
    const a = new Set(labelSetIndices(answers[i] as string, shape.labels));
    const b = new Set(labelSetIndices(truths[i] as string, shape.labels));
    let all = 1;
    for (let l = 0; l < L; l++) {
      const right = a.has(l) === b.has(l) ? 1 : 0;
      labelCorrect[i * L + l] = right;
      all &= right;
    }
    correct[i] = all;
  }
  return { correct, labelCorrect };
}
