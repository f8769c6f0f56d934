import type { Run, RunKind, RunRecord } from '../runs/run-records.js';
import type { CheckStore } from './check-store.js';
import type { LockStore } from './lock-store.js';
import type { ColumnReads } from './vote-columns.js';
import type { DuplicateStore } from './duplicate-store.js';
import type { LabelWorkStore } from './label-work-store.js';
import type { VoteImportStore } from './vote-import-store.js';
import type { VoteQuery } from './vote-query.js';
import type { Decision, Item, ItemRole, NewVote, StoredModel, Vote } from '../types.js';

export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
}

/** Which items to read. All filters are ANDed; `afterId` pages in id order. */
export interface ItemQuery {
  readonly role?: ItemRole | readonly ItemRole[];
  readonly ids?: readonly string[];
  /** Only items that have no vote from this source (e.g. the current labeller). */
  readonly withoutVoteFrom?: string;
  /** false: only items not marked as a duplicate (`hilo dedup --apply`); true: only those. */
  readonly duplicates?: boolean;
  /** Keyset pagination: items with id > afterId, in id order. */
  readonly afterId?: string;
  readonly limit?: number;
}

export type { VoteQuery } from './vote-query.js';

/** One vector to cache: the text it embeds and its vector. */
export interface EmbeddingEntry {
  readonly text: string;
  readonly vector: Float32Array;
}

/**
 * What a run may update as it goes: progress, spend, status and end, and its config (of the run's
 * own kind) when the run adds figures it measured, such as a pairwise judge's position bias.
 */
export type RunPatch = Partial<Omit<RunRecord, 'id' | 'startedAt'>> & {
  readonly config?: Run['config'];
};

/**
 * The project's store. Implemented by `sqlite-store` and `postgres-store`; both pass the same
 * contract suite (`store-contract.case.ts`). Expert checks drawn from the pool are kept through
 * `CheckStore`, named locks (one trainer at a time) through `LockStore`, duplicate marks through
 * `DuplicateStore`, bulk imports of people's votes through `VoteImportStore`; whole-project reads
 * for aggregation come as columns (`ColumnReads`); label workers share runs and lease items
 * through `LabelWorkStore`.
 */
export interface Store
  extends CheckStore, LockStore, ColumnReads, DuplicateStore, LabelWorkStore, VoteImportStore {
  /** Runs `work` atomically: every write inside it is committed together or not at all. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;

  /** Inserts new items and updates existing ones by id (fields, role, batch, goldLabel). */
  upsertItems(items: readonly Item[]): Promise<UpsertCounts>;
  getItem(id: string): Promise<Item | undefined>;
  /** Items in id order. */
  listItems(query: ItemQuery): Promise<Item[]>;
  countItems(query: Omit<ItemQuery, 'afterId' | 'limit'>): Promise<number>;

  /** Appends votes; returns their ids in order. */
  addVotes(votes: readonly NewVote[]): Promise<number[]>;
  listVotes(query: VoteQuery): Promise<Vote[]>;
  /**
   * Deletes votes by id (a replaced prediction); returns how many were stored. Decisions keep
   * their vote ids: the step that deletes a vote rewrites the decisions that rested on it.
   */
  deleteVotes(ids: readonly number[]): Promise<number>;

  /** Inserts or replaces the decision of each item. */
  putDecisions(decisions: readonly Decision[]): Promise<void>;
  listDecisions(query: { readonly itemIds?: readonly string[] }): Promise<Decision[]>;

  createRun(run: Run): Promise<void>;
  updateRun(id: string, patch: RunPatch): Promise<void>;
  /**
   * Runs come back checked against the record of their kind (`parseRun`): a damaged stored
   * record is an INTERNAL error naming the run and the field, never a run with a blank field.
   */
  getRun(id: string): Promise<Run | undefined>;
  /** Runs by start time, then id. */
  listRuns(query: { readonly kind?: RunKind }): Promise<Run[]>;

  /** Stores a model under the next version of its name; returns that version. */
  saveModel(model: Omit<StoredModel, 'version'>): Promise<number>;
  /** The newest version of a model, or a given version. */
  getModel(name: string, version?: number): Promise<StoredModel | undefined>;

  /** The persistent LLM response cache (see ResponseCache). */
  cacheGet(key: string): Promise<string | undefined>;
  cachePut(key: string, value: string): Promise<void>;

  /**
   * The embedding cache: vectors of `model` (an EmbeddingModel's `cacheKey`) stored for these
   * texts, keyed by text; a text never stored is absent. The SQL stores key rows by a hash of
   * the text. Optional: without it, embedding steps cache nothing.
   */
  getEmbeddings?(model: string, texts: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Stores vectors of `model`, replacing any stored for the same text. */
  putEmbeddings?(model: string, entries: readonly EmbeddingEntry[]): Promise<void>;

  close(): Promise<void>;
}
