import { labelSetUncertaintyScores, ratingSpreadScores } from '../../core/active-learning/index.js';
import type { QueueStrategyName } from '../../core/project.js';
import type { Rng } from '../../core/rng.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { Distribution } from '../../core/types.js';
import { distributionRows, queueScores } from './rescore-queue-priority.js';

export interface TaskQueueScoresOptions {
  readonly shape: TaskShape;
  readonly strategy: QueueStrategyName;
  /** The model's row per item (null for an abstention: the most uncertain row). */
  readonly distributions: readonly (Distribution | null)[];
  readonly rng: Rng;
}

/**
 * Each waiting item's active-learning score in [0, 1] in its kind's terms. `random` draws for
 * every kind. Otherwise single-label and pairwise items use the strategy (margin, least
 * confidence, entropy); a multi-label item scores the uncertainty of its decided set on the
 * project's measure (`labelSetUncertaintyScores`), and a rating the expected distance of the
 * truth from its median (`ratingSpreadScores`), since margin and entropy ignore the order of a
 * scale and a multi-label row is not a distribution.
 * @example taskQueueScores({ shape, strategy: 'margin', distributions, rng })
 * Complexity: O(n × L log L).
 */
export function taskQueueScores(options: TaskQueueScoresOptions): Float64Array {
  const { shape, strategy, distributions, rng } = options;
  if (strategy === 'random' || (shape.kind !== 'multilabel' && shape.kind !== 'rating')) {
    return queueScores(strategy, distributionRows(distributions, shape.labels), rng);
  }
  if (shape.kind === 'rating') {
    return ratingSpreadScores(distributionRows(distributions, shape.labels));
  }
  const L = shape.labels.length;
  const probabilities = new Float64Array(distributions.length * L);
  distributions.forEach((d, i) => {
    for (let l = 0; l < L; l++)
      probabilities[i * L + l] = d === null ? 0.5 : (d[shape.labels[l] as string] ?? 0);
  });
  return labelSetUncertaintyScores({ probabilities, classCount: L }, shape.measure, {
    minLabels: shape.minLabels,
    maxLabels: shape.maxLabels,
  });
}
