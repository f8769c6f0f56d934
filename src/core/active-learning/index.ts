export type { PoolEmbeddings, PoolPredictions } from './pool-data.js';
export { leastConfidenceScores, marginScores, entropyScores } from './uncertainty-scores.js';
export { topScored, randomSample } from './top-scored.js';
export {
  projectSparseRows,
  type ProjectSparseRowsOptions,
  type SparseRow,
} from './project-sparse-rows.js';
export { badge, type BadgeOptions } from './badge.js';
export { coreSet, type CoreSetOptions, type CoreSetResult } from './core-set.js';
export { diverseSample } from './diverse-sample.js';
export { contrastiveScores } from './contrastive-scores.js';
export {
  stabilizingPredictions,
  type StabilizingPredictionsOptions,
  type StabilizingPredictionsResult,
} from './stabilizing-predictions.js';
export {
  createQueryStrategy,
  QUERY_STRATEGIES,
  type QueryRequest,
  type QueryStrategy,
  type QueryStrategyContext,
  type QueryStrategyName,
} from './query-strategy.js';
export { createRng, type Rng } from '../rng.js';
export { labelSetUncertaintyScores, ratingSpreadScores } from './task-uncertainty.js';
