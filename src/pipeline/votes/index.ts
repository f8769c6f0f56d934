export {
  readVoteInput,
  toLongVote,
  voteFilter,
  withGold,
  type VoteInput,
  type VoteInputOptions,
} from './aggregate-votes-input.js';
export {
  aggregateVotes,
  type AggregateDecide,
  type AggregateReport,
  type AggregateVotesOptions,
} from './aggregate-votes.js';
export {
  agreementTable,
  type AgreementOptions,
  type AgreementTable,
  type KindAgreement,
} from './agreement-report.js';
export type { JudgeAgreementReport, JudgeRow, VerdictShares } from './judge-agreement-report.js';
export type { RatingAgreement } from './rating-agreement.js';
export type { SetAgreement } from './set-agreement.js';
export { importVotes, type ImportVotesReport } from './import-votes.js';
export {
  rankSystems,
  type RankReport,
  type RankSystemsOptions,
  type SystemRank,
} from './rank-systems.js';
