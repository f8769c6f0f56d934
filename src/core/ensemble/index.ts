export { LOG_FLOOR, memberRow, type MemberDistributions } from './member-distributions.js';
export {
  poolDistributions,
  pooledTopLabel,
  type PoolInput,
  type Pooling,
} from './pool-distributions.js';
export {
  learnWeights,
  projectToSimplex,
  type LearnedWeights,
  type WeightData,
} from './learn-weights.js';
