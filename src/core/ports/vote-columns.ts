import type { DecidedBy, Decision, Distribution, ItemRole } from '../types.js';

/**
 * Every vote that carries a label, as columns instead of objects, for steps that read all votes
 * at once (aggregation): a million votes cost a few typed arrays, not a million objects. Items,
 * sources and labels are coded as indices into their own lists, each in order of first appearance
 * among the votes in id order; votes are in id order. Abstentions (no label) are left out.
 * @example const { count, item, items } = await store.readVoteColumns(); items[item[0]] // the first vote's item id
 */
export interface VoteColumns {
  readonly count: number;
  /** Vote ids, ascending. */
  readonly ids: Float64Array;
  /** Per vote: index into `items`. */
  readonly item: Int32Array;
  /** Per vote: index into `sources`. */
  readonly source: Int32Array;
  /** Per vote: index into `labels`. */
  readonly label: Int32Array;
  readonly items: readonly string[];
  readonly sources: readonly string[];
  readonly labels: readonly string[];
  /** The role and trusted label of every item of `items` that has a trusted label. */
  readonly truth: ReadonlyMap<string, ItemTruth>;
  /**
   * The distributions of machine votes (sources not starting `human:`) that have one, by vote
   * position; a person's one-hot distribution is not read.
   */
  readonly machineProbabilities: ReadonlyMap<number, Distribution>;
}

/** An item's role and trusted label. */
export interface ItemTruth {
  readonly role: ItemRole;
  readonly goldLabel: string;
}

/** Who decided an item and in which routing zone, without the decision's posterior and votes. */
export interface DecisionState {
  readonly itemId: string;
  readonly decidedBy: DecidedBy;
  readonly zone: Decision['zone'];
}

/** The column reads of the Store (see {@link VoteColumns}). */
export interface ColumnReads {
  /** Every labelled vote with its item's role and trusted label, as columns. */
  readVoteColumns(): Promise<VoteColumns>;
  /** Who decided each decided item (every item with a decision), in item id order. */
  listDecisionStates(): Promise<DecisionState[]>;
}
