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
export { agreementTable } from './agreement-report.js';
export { importVotes, type ImportVotesReport } from './import-votes.js';
