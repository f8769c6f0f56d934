import type { ClassificationMetrics } from '../../core/metrics/classification-metrics.js';
import { confusedPairs } from '../../core/metrics/confused-pairs.js';
import { confusionMatrix } from '../../core/metrics/confusion-matrix.js';
import { kindMetrics, type KindEvaluation } from '../../core/metrics/kind-metrics.js';
import type { Store } from '../../core/ports/index.js';
import { answerScore, measureName, type TaskShape } from '../../core/task-kind/index.js';
import { isKnownAnswer } from '../../core/task-kind/known-answer.js';
import type { ItemRole } from '../../core/types.js';
import { newestVoteByItem } from './calibration-gold.js';

export interface EvaluateOptions {
  readonly store: Store;
  /** The labeller (vote source) to score. */
  readonly source: string;
  /** The project's label names, in order. */
  readonly labels: readonly string[];
  /** Items with a trusted label to score on; default `test` (held out from training). */
  readonly roles?: readonly ItemRole[];
  /** How many confused pairs to report. */
  readonly topPairs?: number;
  /** The project's task shape (kind, measure); default single-label over `labels`. */
  readonly shape?: TaskShape;
}

export interface Evaluation {
  readonly source: string;
  /** Items with a trusted label and a vote from the source. */
  readonly scored: number;
  /** Items with a trusted label but no vote yet. */
  readonly unlabelled: number;
  /** Votes that abstained (counted as wrong in `accuracyWithAbstentions`). */
  readonly abstained: number;
  /**
   * Accuracy, macro-F1 and per-label scores; for multi-label, accuracy is subset accuracy and
   * the per-label scores are each label's yes/no decisions.
   */
  readonly metrics: ClassificationMetrics;
  readonly accuracyWithAbstentions: number;
  /** The project's measure, e.g. `accuracy within ±1` or `exact-set accuracy`. */
  readonly measure: string;
  /** Mean score of the answers under `measure` (`answerScore`), abstentions left out. */
  readonly measureAccuracy: number;
  /** The kind's own metrics (multi-label, rating, pairwise); null for single-label. */
  readonly kind: KindEvaluation | null;
  readonly confusedPairs: readonly {
    gold: string;
    predicted: string;
    count: number;
    rate: number;
  }[];
}

const PAGE = 2000;

/**
 * Scores a labeller's votes against the trusted labels of held-out items: accuracy, macro-F1,
 * per-class scores and the most confused label pairs, the score under the project's measure and
 * the kind's own metrics (`kindMetrics`: set and per-label scores for multi-label; MAE, RMSE,
 * quadratic κ, α and accuracy within ±k for ratings; per-verdict F1 and tie rates for pairwise).
 * Uses the newest vote per item.
 * Complexity: O(items + votes) with pages of 2,000 items; memory O(items).
 * @example const ev = await evaluateVotes({ store, source: 'model:local@1', labels });
 */
export async function evaluateVotes(options: EvaluateOptions): Promise<Evaluation> {
  const { store, source, labels } = options;
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  const roles = options.roles ?? ['test'];
  const known = (label: string) => isKnownAnswer(shape, label);
  const gold: string[] = [];
  const predicted: string[] = [];
  let unlabelled = 0;
  let abstained = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems({
      role: roles,
      limit: PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id;
    const votes = newestVoteByItem(
      await store.listVotes({ itemIds: page.map((i) => i.id), source }),
    );
    for (const item of page) {
      if (item.goldLabel === null || !known(item.goldLabel)) continue;
      const vote = votes.get(item.id);
      if (!vote) {
        unlabelled++;
        continue;
      }
      if (vote.label === null) {
        abstained++;
        continue;
      }
      if (!known(vote.label)) continue;
      gold.push(item.goldLabel);
      predicted.push(vote.label);
    }
  }
  const { metrics, kind } = kindMetrics(shape, gold, predicted);
  const correct = metrics.accuracy * gold.length;
  let measured = 0;
  gold.forEach((g, i) => (measured += answerScore(shape, predicted[i] as string, g)));
  return {
    source,
    scored: gold.length,
    unlabelled,
    abstained,
    metrics,
    accuracyWithAbstentions:
      gold.length + abstained > 0 ? correct / (gold.length + abstained) : NaN,
    measure: measureName(shape),
    measureAccuracy: gold.length > 0 ? measured / gold.length : NaN,
    kind,
    confusedPairs:
      shape.kind === 'multilabel' ? [] : pairsOf(labels, gold, predicted, options.topPairs ?? 5),
  };
}

function pairsOf(
  labels: readonly string[],
  gold: readonly string[],
  predicted: readonly string[],
  limit: number,
): Evaluation['confusedPairs'] {
  const index = (l: string) => labels.indexOf(l);
  const confusion = confusionMatrix(gold.map(index), predicted.map(index), labels.length);
  return confusedPairs(confusion, { limit }).map((p) => ({
    gold: labels[p.a] as string,
    predicted: labels[p.b] as string,
    count: p.count,
    rate: p.rate,
  }));
}
