export type * from './aggregation-types.js';
export { createVoteMatrix, type VoteMatrix, type VoteMatrixInput } from './vote-matrix.js';
export {
  buildVoteMatrix,
  sortLabels,
  voteMatrixBuilder,
  type VoteMatrixBuilder,
  type BuildVoteMatrixOptions,
  type BuiltVoteMatrix,
  type LongVote,
} from './build-vote-matrix.js';
export { majorityVote } from './majority-vote.js';
export { wawa } from './wawa.js';
export { zeroBasedSkill, type ZeroBasedSkillOptions } from './zero-based-skill.js';
export {
  dawidSkene,
  dawidSkeneSteps,
  type DawidSkeneOptions,
  type DawidSkeneResult,
  type DawidSkeneState,
} from './dawid-skene.js';
export { oneCoinDawidSkene } from './one-coin-dawid-skene.js';
export { glad, type GladOptions } from './glad.js';
export { mace, type MaceOptions } from './mace.js';
export { updateDawidSkene, type UpdateDawidSkeneOptions } from './update-dawid-skene.js';
export { appendVotes, type NewVotes } from './append-votes.js';
export {
  aggregate,
  AGGREGATION_METHODS,
  RECOMMENDED_DAWID_SKENE,
  type AggregateOptions,
} from './aggregate.js';
export {
  confusionPosterior,
  oneCoinMatrix,
  pooledConfusionMatrix,
  type ConfusionModel,
  type ItemVotes,
  type PooledConfusionOptions,
} from './confusion-posterior.js';
