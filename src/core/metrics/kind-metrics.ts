import { multilabelMetrics } from '../multilabel/index.js';
import { ratingAlpha, ratingErrors, ratingKappa } from '../ordinal/index.js';
import { labelSetIndices, type TaskShape } from '../task-kind/index.js';
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics.js';
import { confusionMatrix } from './confusion-matrix.js';

/** Precision, recall and F1 of one label (or verdict), with how often truth and predictions hold it. */
export interface NamedScores {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  readonly predicted: number;
}

/** A multi-label labeller's scores: set and per-label metrics. */
export interface MultilabelEvaluation {
  readonly kind: 'multilabel';
  readonly microPrecision: number;
  readonly microRecall: number;
  readonly microF1: number;
  readonly macroF1: number;
  /** Share of the item × label decisions that are wrong. */
  readonly hammingLoss: number;
  /** Share of items whose set is exactly right. */
  readonly subsetAccuracy: number;
  readonly perLabel: readonly NamedScores[];
}

/** A rating labeller's scores, in scale levels (equally spaced, lowest 0). */
export interface RatingEvaluation {
  readonly kind: 'rating';
  readonly mae: number;
  readonly rmse: number;
  /** Cohen's κ with quadratic weights. */
  readonly quadraticKappa: number;
  /** Krippendorff's α of the labeller and the truth as two raters. */
  readonly alphaOrdinal: number;
  readonly alphaInterval: number;
  readonly exactAccuracy: number;
  /** The project's k (`rating.withinK`) and the share of answers within ±k of the truth. */
  readonly withinK: number;
  readonly accuracyWithinK: number;
}

/** A pairwise judge's scores against trusted verdicts. */
export interface PairwiseEvaluation {
  readonly kind: 'pairwise';
  readonly accuracy: number;
  /** Accuracy on the items whose trusted verdict is not a tie (NaN when all are ties). */
  readonly decisiveAccuracy: number;
  readonly perVerdict: readonly NamedScores[];
  /** Share of ties among the trusted verdicts and among the judge's (0 without a tie label). */
  readonly tieRate: { readonly truth: number; readonly predicted: number };
}

export type KindEvaluation = MultilabelEvaluation | RatingEvaluation | PairwiseEvaluation;

/**
 * A labeller's answers scored against trusted ones in the kind's own terms, from parallel lists
 * of stored answers (label names; set codes for multi-label): the classification view
 * (accuracy, macro-F1, per-label scores; for multi-label, subset accuracy, label macro-F1 and
 * each label's yes/no scores) and the kind's metrics (null for classify).
 * @example kindMetrics({ kind: 'rating', labels: ['1', '2', '3'], measure: 'exact', withinK: 1 }, ['1', '3'], ['2', '3']).kind.mae // 0.5
 * Complexity: O(n × L + L²) (ordinal α: O(n + L³)).
 */
export function kindMetrics(
  shape: TaskShape,
  truth: readonly string[],
  predicted: readonly string[],
): { metrics: ClassificationMetrics; kind: KindEvaluation | null } {
  const { labels } = shape;
  if (shape.kind === 'multilabel') return multilabelView(labels, truth, predicted);
  const index = (l: string) => labels.indexOf(l);
  const t = Int32Array.from(truth, index);
  const p = Int32Array.from(predicted, index);
  const metrics = classificationMetrics(confusionMatrix([...t], [...p], labels.length));
  const named = (k: number): NamedScores => ({
    label: labels[k] as string,
    ...(metrics.perClass[k] as Omit<NamedScores, 'label'>),
  });
  if (shape.kind === 'rating') {
    const errors = ratingErrors(t, p);
    const table = { numLevels: labels.length, numRaters: 2, ratings: interleave(t, p) };
    let within = 0;
    t.forEach((g, i) => (within += Math.abs(g - (p[i] as number)) <= shape.withinK ? 1 : 0));
    return {
      metrics,
      kind: {
        kind: 'rating',
        mae: errors.mae,
        rmse: errors.rmse,
        quadraticKappa: ratingKappa(t, p, { numLevels: labels.length }),
        alphaOrdinal: ratingAlpha(table, { level: 'ordinal' }),
        alphaInterval: ratingAlpha(table, { level: 'interval' }),
        exactAccuracy: metrics.accuracy,
        withinK: shape.withinK,
        accuracyWithinK: t.length > 0 ? within / t.length : NaN,
      },
    };
  }
  if (shape.kind === 'pairwise') {
    const tie = index('tie');
    const share = (xs: Int32Array) =>
      xs.length > 0 ? xs.filter((x) => x === tie).length / xs.length : NaN;
    let decisive = 0;
    let decisiveRight = 0;
    t.forEach((g, i) => {
      if (g === tie) return;
      decisive++;
      if (p[i] === g) decisiveRight++;
    });
    return {
      metrics,
      kind: {
        kind: 'pairwise',
        accuracy: metrics.accuracy,
        decisiveAccuracy: decisive > 0 ? decisiveRight / decisive : NaN,
        perVerdict: labels.map((_, k) => named(k)),
        tieRate: { truth: share(t), predicted: share(p) },
      },
    };
  }
  return { metrics, kind: null };
}

function interleave(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length * 2);
  a.forEach((x, i) => {
    out[2 * i] = x;
    out[2 * i + 1] = b[i] as number;
  });
  return out;
}

function multilabelView(
  labels: readonly string[],
  truth: readonly string[],
  predicted: readonly string[],
): { metrics: ClassificationMetrics; kind: MultilabelEvaluation } {
  const sets = (codes: readonly string[]) => codes.map((c) => labelSetIndices(c, labels));
  const m = multilabelMetrics(sets(truth), sets(predicted), { numLabels: labels.length });
  const mean = (f: (s: (typeof m.perLabel)[number]) => number) =>
    m.perLabel.reduce((sum, s) => sum + f(s), 0) / Math.max(1, m.perLabel.length);
  const support = m.perLabel.reduce((sum, s) => sum + s.support, 0);
  const metrics: ClassificationMetrics = {
    total: m.total,
    accuracy: m.subsetAccuracy,
    macroPrecision: mean((s) => s.precision),
    macroRecall: mean((s) => s.recall),
    macroF1: m.macroF1,
    weightedF1:
      support > 0 ? m.perLabel.reduce((sum, s) => sum + s.f1 * s.support, 0) / support : NaN,
    perClass: m.perLabel,
  };
  return {
    metrics,
    kind: {
      kind: 'multilabel',
      microPrecision: m.microPrecision,
      microRecall: m.microRecall,
      microF1: m.microF1,
      macroF1: m.macroF1,
      hammingLoss: m.hammingLoss,
      subsetAccuracy: m.subsetAccuracy,
      perLabel: m.perLabel.map((s, l) => ({ label: labels[l] as string, ...s })),
    },
  };
}
