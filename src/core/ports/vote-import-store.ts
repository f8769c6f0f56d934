import type { VoteQuery } from './vote-query.js';

/**
 * People's plain answers, column by column: vote `i` is `sources[i]` (`human:<annotator>`)
 * answering `labels[i]` on item `itemIds[i]`. All three arrays have the same length; every vote
 * is stamped `createdAt` and has method `human` and nothing else set (no probabilities, time or
 * rationale). Columns rather than objects: a million votes are three arrays, not a million
 * records.
 */
export interface HumanVoteColumns {
  readonly itemIds: readonly string[];
  readonly sources: readonly string[];
  readonly labels: readonly string[];
  /** ISO-8601. */
  readonly createdAt: string;
}

/** How many stored votes one source gave one label on one item. */
export interface VoteTally {
  readonly itemId: string;
  readonly source: string;
  readonly label: string | null;
  readonly votes: number;
}

/**
 * The store's side of importing existing annotations in bulk (`hilo import-votes`): three
 * set-at-a-time operations instead of a read and a write per vote.
 */
export interface VoteImportStore {
  /**
   * Stores a bare pool item (no fields, batch or gold label) for each id not stored yet; stored
   * items are left exactly as they are. A repeated id counts once.
   * @returns the ids it created, each once.
   */
  addMissingItems(ids: readonly string[]): Promise<string[]>;
  /** Counts the votes a query selects per (item, source, label), in no particular order. */
  tallyVotes(query: VoteQuery): Promise<VoteTally[]>;
  /**
   * Appends people's answers in the order given (ids ascend with it); every item must be stored
   * (CONFLICT otherwise, and nothing is added). Returns how many votes were added.
   */
  addHumanVotes(votes: HumanVoteColumns): Promise<number>;
}
