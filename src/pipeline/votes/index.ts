export {
  readVoteInput,
  toLongVote,
  voteFilter,
  withGold,
  type VoteInput,
  type VoteInputOptions,
} from './aggregate-votes-input.js';
export { aggregateVotes } from './aggregate-votes.js';
export { agreementTable } from './agreement-report.js';
export { importVotes } from './import-votes.js';
