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
  type AggregateTimings,
} from './aggregate-votes.js';
export { agreementTable, type KindAgreement } from './agreement-report.js';
export { importVotes, type ImportVotesReport } from './import-votes.js';
export { rankSystems, type RankReport } from './rank-systems.js';
