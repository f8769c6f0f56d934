import { classCountOf } from './confusion-matrix.js';

/** Scores of one class (one-vs-rest). */
interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of gold items of the class. */
  readonly support: number;
  /** Number of items predicted as the class. */
  readonly predicted: number;
}

export interface ClassificationMetrics {
  /** Number of items. */
  readonly total: number;
  readonly accuracy: number;
  /** Unweighted means over the classes that occur in gold or predictions. */
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  /** Mean of per-class F1 weighted by support. */
  readonly weightedF1: number;
  /** One entry per class index. */
  readonly perClass: readonly ClassScores[];
}

/**
 * Accuracy, macro and weighted scores and per-class precision/recall/F1 from a confusion matrix.
 *
 * Conventions follow scikit-learn (`precision_recall_fscore_support`, zero_division=0): a ratio
 * with a zero denominator is 0, and the macro means run over the classes present in gold or in
 * the predictions, so a label set with unused classes does not drag the mean down. With no items
 * at all every score is NaN.
 * @example classificationMetrics(confusionMatrix([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3)).macroF1 // 0.2666…
 * Complexity: O(K²).
 */
export function classificationMetrics(confusion: Int32Array): ClassificationMetrics {
  const K = classCountOf(confusion);
  const support = new Float64Array(K);
  const predicted = new Float64Array(K);
  let total = 0;
  let correct = 0;
  for (let g = 0; g < K; g++) {
    for (let p = 0; p < K; p++) {
      const count = confusion[g * K + p] as number;
      support[g] = (support[g] as number) + count;
      predicted[p] = (predicted[p] as number) + count;
      total += count;
      if (g === p) correct += count;
    }
  }
  const perClass: ClassScores[] = [];
  let present = 0;
  let sumPrecision = 0;
  let sumRecall = 0;
  let sumF1 = 0;
  let weightedF1 = 0;
  for (let k = 0; k < K; k++) {
    const hits = confusion[k * K + k] as number;
    const s = support[k] as number;
    const q = predicted[k] as number;
    const precision = ratio(hits, q);
    const recall = ratio(hits, s);
    // 2·TP / (2·TP + FP + FN) equals the harmonic mean and needs no special case at P = R = 0.
    const f1 = ratio(2 * hits, s + q);
    perClass.push({ precision, recall, f1, support: s, predicted: q });
    if (s > 0 || q > 0) {
      present++;
      sumPrecision += precision;
      sumRecall += recall;
      sumF1 += f1;
    }
    weightedF1 += f1 * s;
  }
  return {
    total,
    accuracy: total === 0 ? NaN : correct / total,
    macroPrecision: present === 0 ? NaN : sumPrecision / present,
    macroRecall: present === 0 ? NaN : sumRecall / present,
    macroF1: present === 0 ? NaN : sumF1 / present,
    weightedF1: total === 0 ? NaN : weightedF1 / total,
    perClass,
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
