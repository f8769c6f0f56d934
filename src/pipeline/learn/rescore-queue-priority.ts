import {
  entropyScores,
  leastConfidenceScores,
  marginScores,
  type PoolPredictions,
} from '../../core/active-learning/index.js';
import {
  PROJECT_DEFAULTS,
  type ProjectConfig,
  type QueueStrategyName,
} from '../../core/project.js';
import type { Rng } from '../../core/rng.js';
import type { Distribution } from '../../core/types.js';

/**
 * The strategy that orders the queue: `labeller.local.queryStrategy`, else the default (margin).
 * @example queueStrategy(project) // 'margin'
 */
export function queueStrategy(project: ProjectConfig): QueueStrategyName {
  // Hand-built configs (tests, embedders) may leave out the labeller section.
  const labeller = project.labeller as ProjectConfig['labeller'] | undefined;
  return labeller?.local.queryStrategy ?? PROJECT_DEFAULTS.labeller.local.queryStrategy;
}

/** How far the active-learning score moves a priority within its zone (zones are 1 apart). */
const SCORE_SPAN = 0.5;

/**
 * Queue priority of a task: its zone first (audit 3, human 2, overlap 1, not routed 0), then
 * its active-learning score in [0, 1] (higher: the machine is less sure, people should see it
 * sooner), so every audit item comes before every ordinary task (the audit estimate must not
 * wait for the queue to drain) and every human-zone item before every overlap-zone item.
 * @example queuePriority('human', 0.9) // 2.45
 * Complexity: O(1).
 */
export function queuePriority(zone: 'audit' | 'human' | 'overlap' | null, score: number): number {
  const base = zone === 'audit' ? 3 : zone === 'human' ? 2 : zone === 'overlap' ? 1 : 0;
  return base + SCORE_SPAN * Math.min(1, Math.max(0, score));
}

/**
 * Each item's active-learning score under a strategy, scaled to [0, 1]: margin as it is, least
 * confidence over its maximum 1 − 1/K, entropy over ln K; random draws from the seed.
 * @example queueScores('margin', { probabilities: Float64Array.of(0.5, 0.5, 1, 0), classCount: 2 }, rng) // [1, 0]
 * Complexity: O(n × K).
 */
export function queueScores(
  strategy: QueueStrategyName,
  predictions: PoolPredictions,
  rng: Rng,
): Float64Array {
  const K = predictions.classCount;
  switch (strategy) {
    case 'margin':
      return marginScores(predictions);
    case 'least-confidence':
      return scaled(leastConfidenceScores(predictions), K > 1 ? 1 - 1 / K : 1);
    case 'entropy':
      return scaled(entropyScores(predictions), K > 1 ? Math.log(K) : 1);
    case 'random':
      return Float64Array.from({ length: predictions.probabilities.length / Math.max(1, K) }, () =>
        rng.next(),
      );
  }
}

function scaled(scores: Float64Array, max: number): Float64Array {
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) / max;
  return scores;
}

/**
 * Distributions over `labelSet` as one row-major matrix; a missing distribution (an abstention)
 * becomes uniform, the most uncertain row there is.
 * @example distributionRows([{ a: 0.9, b: 0.1 }, null], ['a', 'b']).probabilities // [0.9, 0.1, 0.5, 0.5]
 * Complexity: O(n × K).
 */
export function distributionRows(
  distributions: readonly (Distribution | null)[],
  labelSet: readonly string[],
): PoolPredictions {
  const K = labelSet.length;
  const probabilities = new Float64Array(distributions.length * K);
  distributions.forEach((d, i) => {
    for (let k = 0; k < K; k++)
      probabilities[i * K + k] = d === null ? 1 / K : (d[labelSet[k] as string] ?? 0);
  });
  return { probabilities, classCount: K };
}
