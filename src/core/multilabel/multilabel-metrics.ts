import { HiloError } from '../errors.js';
import { toIndicators, type LabelRow } from './label-rows.js';

/** Scores of one label, read as its own yes/no question. */
export interface LabelScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Items whose truth has the label. */
  readonly support: number;
  /** Items predicted to have the label. */
  readonly predicted: number;
}

/**
 * Multi-label scores of predictions against truth.
 * @example multilabelMetrics(truth, predicted, { numLabels: 3 }).microF1
 */
export interface MultilabelMetrics {
  /** Number of items. */
  readonly total: number;
  readonly microPrecision: number;
  readonly microRecall: number;
  readonly microF1: number;
  /** Unweighted mean of the per-label F1 over all L labels (NaN entries left out). */
  readonly macroF1: number;
  /** Share of the n × L label decisions that are wrong. */
  readonly hammingLoss: number;
  /** Share of items whose predicted set equals the true set exactly. */
  readonly subsetAccuracy: number;
  /** One entry per label index. */
  readonly perLabel: readonly LabelScores[];
}

/**
 * Options of `multilabelMetrics`.
 * @example multilabelMetrics(truth, predicted, { numLabels: 28, zeroDivision: 1 })
 */
export interface MultilabelMetricsOptions {
  readonly numLabels: number;
  /** The value of a ratio whose denominator is 0 (scikit-learn's `zero_division`): 0 (default), 1 or NaN. */
  readonly zeroDivision?: number;
}

/**
 * Micro- and macro-F1, per-label precision/recall/F1, Hamming loss and subset accuracy of n
 * items over L labels. Conventions follow scikit-learn (`f1_score`, `hamming_loss`,
 * `accuracy_score` on indicator matrices): F1 = 2·TP / (2·TP + FP + FN); a ratio with a zero
 * denominator takes `zeroDivision` (default 0), so a label absent from both truth and
 * predictions has F1 = 0 and still counts in the macro mean; with `zeroDivision: NaN` such
 * labels are left out of the macro mean instead. Micro scores pool TP, FP, FN over all labels.
 * With no items every score is NaN.
 * @example multilabelMetrics([[0, 1], [2]], [[0], [1, 2]], { numLabels: 3 }).hammingLoss // 2 / 6
 * Complexity: O(n × L).
 */
export function multilabelMetrics(
  truth: readonly LabelRow[],
  predicted: readonly LabelRow[],
  options: MultilabelMetricsOptions,
): MultilabelMetrics {
  if (truth.length !== predicted.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `truth has ${truth.length} items but predictions have ${predicted.length}`,
    );
  }
  const L = options.numLabels;
  const zero = options.zeroDivision ?? 0;
  const t = toIndicators(truth, L);
  const p = toIndicators(predicted, L);
  const n = truth.length;
  const hits = new Float64Array(L);
  const support = new Float64Array(L);
  const guessed = new Float64Array(L);
  let wrong = 0;
  let exact = 0;
  for (let i = 0; i < n; i++) {
    let same = true;
    for (let l = 0; l < L; l++) {
      const a = t[i * L + l] as number;
      const b = p[i * L + l] as number;
      support[l]! += a;
      guessed[l]! += b;
      hits[l]! += a & b;
      if (a !== b) {
        wrong++;
        same = false;
      }
    }
    if (same) exact++;
  }
  const perLabel: LabelScores[] = [];
  let tp = 0;
  let pooledSupport = 0;
  let pooledGuessed = 0;
  let sumF1 = 0;
  let counted = 0;
  for (let l = 0; l < L; l++) {
    const h = hits[l] as number;
    const s = support[l] as number;
    const q = guessed[l] as number;
    const f1 = ratio(2 * h, s + q, zero);
    perLabel.push({
      precision: ratio(h, q, zero),
      recall: ratio(h, s, zero),
      f1,
      support: s,
      predicted: q,
    });
    tp += h;
    pooledSupport += s;
    pooledGuessed += q;
    if (!Number.isNaN(f1)) {
      sumF1 += f1;
      counted++;
    }
  }
  const none = n === 0;
  return {
    total: n,
    microPrecision: none ? NaN : ratio(tp, pooledGuessed, zero),
    microRecall: none ? NaN : ratio(tp, pooledSupport, zero),
    microF1: none ? NaN : ratio(2 * tp, pooledSupport + pooledGuessed, zero),
    macroF1: none || counted === 0 ? NaN : sumF1 / counted,
    hammingLoss: none ? NaN : wrong / (n * L),
    subsetAccuracy: none ? NaN : exact / n,
    perLabel,
  };
}

function ratio(numerator: number, denominator: number, zero: number): number {
  return denominator === 0 ? zero : numerator / denominator;
}
