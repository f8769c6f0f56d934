import type { Kysely } from 'kysely';
import { HiloError } from '../../core/errors.js';
import type { Check, CheckWeight, NewCheck } from '../../core/ports/check-store.js';
import type { HeldLock, LockRequest } from '../../core/ports/lock-store.js';
import type { DuplicateMark } from '../../core/ports/duplicate-store.js';
import type {
  LabelLeaseQuery,
  LabelWorker,
  RunProgress,
} from '../../core/ports/label-work-store.js';
import type { Clock } from '../../core/ports/runtime.js';
import type { PeopleStore } from '../../core/ports/people-store.js';
import type {
  EmbeddingEntry,
  ItemQuery,
  RunPatch,
  Store,
  UpsertCounts,
  VoteQuery,
} from '../../core/ports/store.js';
import type { DecisionState, VoteColumns } from '../../core/ports/vote-columns.js';
import type { Run, RunKind, RunStatus } from '../../core/runs/run-records.js';
import type { Decision, Item, NewVote, StoredModel, Vote } from '../../core/types.js';
import type { HumanVoteColumns, VoteTally } from '../../core/ports/vote-import-store.js';
import {
  insertVoteRows,
  upsertDecisionRows,
  upsertItemRows,
  type StoreSql,
} from './bulk-writes.js';
import { coalescedWrites, type CoalescedWrites } from './coalesced-writes.js';
import { deleteVoteRows } from './delete-vote-rows.js';
import { selectDecisionStates, selectVoteColumns } from './vote-column-rows.js';
import { idsByImport, replaceDuplicateRows, selectDuplicates } from './kysely-duplicates.js';
import { insertHumanVoteRows, insertMissingItemRows, tallyVoteRows } from './vote-import-rows.js';
import {
  insertCheckRows,
  labelCheckRows,
  reweighCheckRows,
  selectChecks,
} from './kysely-checks.js';
import { readEmbeddingRows, writeEmbeddingRows } from './embedding-rows.js';
import { acquireLockRow, releaseLockRow, renewLockRow, selectLockRow } from './kysely-locks.js';
import {
  addRunProgressRow,
  countLiveLeaseRows,
  joinLabelRunRows,
  leaseLabelRows,
  leaveLabelRunRows,
  markInterruptedRunRows,
  releaseLabelRows,
  renewLabelRows,
} from './kysely-label-work.js';
import { KyselyPeopleStore } from './kysely-people-store.js';
import { insertNextModelRow, selectModelRow } from './model-rows.js';
import { readCacheRow, writeCacheRows } from './llm-cache-rows.js';
import { mapDatabaseError } from './map-database-error.js';
import type { StoreDatabase } from './store-database.js';
import { textSet, type StoreDialect } from './store-dialect.js';
import { itemConditions, matchesNothing, voteConditions } from './store-filters.js';
import {
  rowToDecision,
  rowToItem,
  rowToRun,
  rowToVote,
  runPatchToRow,
  runToRow,
} from './store-rows.js';

export interface KyselyStoreOptions {
  readonly db: Kysely<StoreDatabase>;
  readonly dialect: StoreDialect;
  readonly clock: Clock;
  /** A faster people store over the same database (SQLite); the Kysely one otherwise. */
  readonly people?: PeopleStore;
  /** Faster whole-project reads over the same connection (SQLite); Kysely queries otherwise. */
  readonly columnReads?: {
    readVoteColumns(): VoteColumns;
    listDecisionStates(): DecisionState[];
  };
}

/**
 * The Store port over Kysely, shared by the SQLite and PostgreSQL adapters (which only build the
 * Kysely instance and migrate). Every database error surfaces as a HiloError (see mapDatabaseError).
 * @example const store = new KyselyStore({ db, dialect: 'sqlite', clock: { now: () => Date.now() } })
 * Complexity: each call is one or a few statements; bulk writes are chunked under the parameter limit.
 */
export class KyselyStore implements Store {
  readonly #db: Kysely<StoreDatabase>;
  readonly #dialect: StoreDialect;
  readonly #clock: Clock;
  readonly #columnReads: KyselyStoreOptions['columnReads'];
  #closed = false;
  /** Response-cache writes outside a transaction, committed together per event-loop turn. */
  readonly #cacheWrites: CoalescedWrites<readonly [string, string]> | undefined;
  /** Annotators, sessions, the queue and its leases, over the same connection. */
  readonly people: PeopleStore;

  constructor(options: KyselyStoreOptions) {
    this.#db = options.db;
    this.#dialect = options.dialect;
    this.#clock = options.clock;
    this.#columnReads = options.columnReads;
    this.people = options.people ?? new KyselyPeopleStore(options.db, options.dialect);
    this.#cacheWrites = options.db.isTransaction
      ? undefined
      : coalescedWrites((entries) => writeCacheRows(this.#sql(), entries, this.#now()));
  }

  /** Nested calls reuse the enclosing transaction; errors thrown by `work` propagate unchanged. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.#inTransaction(work);
  }

  /** `updated` counts ids that already existed (their row is overwritten); a repeated id counts once, the last wins. */
  upsertItems(items: readonly Item[]): Promise<UpsertCounts> {
    return this.#guard('upsertItems', async () => {
      if (items.length === 0) return { inserted: 0, updated: 0 };
      const now = this.#now();
      return this.#inTransaction((store) => upsertItemRows(store.#sql(), items, now));
    });
  }

  getItem(id: string): Promise<Item | undefined> {
    return this.#guard('getItem', async () => {
      const row = await this.#db
        .selectFrom('items')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : rowToItem(row);
    });
  }

  listItems(query: ItemQuery): Promise<Item[]> {
    return this.#guard('listItems', async () => {
      if (matchesNothing(query)) return [];
      const rows = await this.#db
        .selectFrom('items')
        .selectAll()
        .where((eb) => eb.and(itemConditions(eb, query, this.#dialect)))
        .orderBy('id')
        .$if(query.limit !== undefined, (qb) => qb.limit(query.limit ?? 0))
        .execute();
      return rows.map(rowToItem);
    });
  }

  countItems(query: Omit<ItemQuery, 'afterId' | 'limit'>): Promise<number> {
    return this.#guard('countItems', async () => {
      if (matchesNothing(query)) return 0;
      const row = await this.#db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb.and(itemConditions(eb, query, this.#dialect)))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  addVotes(votes: readonly NewVote[]): Promise<number[]> {
    return this.#guard('addVotes', async () => {
      if (votes.length === 0) return [];
      return this.#inTransaction((store) => insertVoteRows(store.#sql(), votes));
    });
  }

  listVotes(query: VoteQuery): Promise<Vote[]> {
    return this.#guard('listVotes', async () => {
      if (query.itemIds?.length === 0) return [];
      const rows = await this.#db
        .selectFrom('votes')
        .selectAll()
        .where((eb) => eb.and(voteConditions(eb, query, this.#dialect)))
        .orderBy('id')
        .execute();
      return rows.map(rowToVote);
    });
  }

  readVoteColumns(): Promise<VoteColumns> {
    return this.#guard('readVoteColumns', async () =>
      this.#columnReads ? this.#columnReads.readVoteColumns() : selectVoteColumns(this.#sql()),
    );
  }

  deleteVotes(ids: readonly number[]): Promise<number> {
    return this.#guard('deleteVotes', async () => {
      if (ids.length === 0) return 0;
      return this.#inTransaction((store) => deleteVoteRows(store.#sql(), ids));
    });
  }

  addMissingItems(ids: readonly string[]): Promise<string[]> {
    return this.#guard('addMissingItems', async () => {
      if (ids.length === 0) return [];
      const now = this.#now();
      return this.#inTransaction((store) => insertMissingItemRows(store.#sql(), ids, now));
    });
  }

  tallyVotes(query: VoteQuery): Promise<VoteTally[]> {
    return this.#guard('tallyVotes', () => tallyVoteRows(this.#sql(), query));
  }

  addHumanVotes(votes: HumanVoteColumns): Promise<number> {
    return this.#guard('addHumanVotes', async () => {
      if (votes.itemIds.length === 0) return 0;
      return this.#inTransaction((store) => insertHumanVoteRows(store.#sql(), votes));
    });
  }

  putDecisions(decisions: readonly Decision[]): Promise<void> {
    return this.#guard('putDecisions', async () => {
      if (decisions.length === 0) return;
      await this.#inTransaction((store) => upsertDecisionRows(store.#sql(), decisions));
    });
  }

  listDecisions(query: { readonly itemIds?: readonly string[] }): Promise<Decision[]> {
    return this.#guard('listDecisions', async () => {
      const itemIds = query.itemIds;
      if (itemIds?.length === 0) return [];
      const rows = await this.#db
        .selectFrom('decisions')
        .selectAll()
        .$if(itemIds !== undefined, (qb) =>
          qb.where('item_id', 'in', textSet(this.#dialect, itemIds ?? [])),
        )
        .orderBy('item_id')
        .execute();
      return rows.map(rowToDecision);
    });
  }

  listDecisionStates(): Promise<DecisionState[]> {
    return this.#guard('listDecisionStates', async () =>
      this.#columnReads
        ? this.#columnReads.listDecisionStates()
        : selectDecisionStates(this.#sql()),
    );
  }

  createRun(run: Run): Promise<void> {
    return this.#guard('createRun', async () => {
      await this.#db.insertInto('runs').values(runToRow(run)).execute();
    });
  }

  updateRun(id: string, patch: RunPatch): Promise<void> {
    return this.#guard('updateRun', async () => {
      const row = runPatchToRow(patch);
      const found =
        Object.keys(row).length === 0
          ? (await this.#db
              .selectFrom('runs')
              .select('id')
              .where('id', '=', id)
              .executeTakeFirst()) !== undefined
          : (await this.#db.updateTable('runs').set(row).where('id', '=', id).executeTakeFirst())
              .numUpdatedRows > 0n;
      if (!found) throw new HiloError('NOT_FOUND', `run "${id}" does not exist`);
    });
  }

  getRun(id: string): Promise<Run | undefined> {
    return this.#guard('getRun', async () => {
      const row = await this.#db
        .selectFrom('runs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : rowToRun(row);
    });
  }

  listRuns(query: { readonly kind?: RunKind }): Promise<Run[]> {
    return this.#guard('listRuns', async () => {
      const rows = await this.#db
        .selectFrom('runs')
        .selectAll()
        .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind ?? ''))
        .orderBy('started_at')
        .orderBy('id')
        .execute();
      return rows.map(rowToRun);
    });
  }

  saveModel(model: Omit<StoredModel, 'version'>): Promise<number> {
    return this.#guard('saveModel', () =>
      this.#inTransaction((store) => insertNextModelRow(store.#db, model)),
    );
  }

  getModel(name: string, version?: number): Promise<StoredModel | undefined> {
    return this.#guard('getModel', () => selectModelRow(this.#db, name, version));
  }

  cacheGet(key: string): Promise<string | undefined> {
    return this.#guard('cacheGet', () => readCacheRow(this.#sql(), key));
  }

  /**
   * Resolves once the entry is committed. Outside a transaction, the entries put during one turn
   * of the event loop are written by one statement (see `coalescedWrites`).
   */
  cachePut(key: string, value: string): Promise<void> {
    return this.#guard('cachePut', () =>
      this.#cacheWrites
        ? this.#cacheWrites.add([key, value])
        : writeCacheRows(this.#sql(), [[key, value]], this.#now()),
    );
  }

  getEmbeddings(model: string, texts: readonly string[]): Promise<Map<string, Float32Array>> {
    return this.#guard('getEmbeddings', () => readEmbeddingRows(this.#sql(), model, texts));
  }

  putEmbeddings(model: string, entries: readonly EmbeddingEntry[]): Promise<void> {
    return this.#guard('putEmbeddings', () =>
      this.#inTransaction((store) => writeEmbeddingRows(store.#sql(), model, entries, this.#now())),
    );
  }

  addChecks(checks: readonly NewCheck[]): Promise<void> {
    return this.#guard('addChecks', () =>
      this.#inTransaction((store) => insertCheckRows(store.#sql(), checks)),
    );
  }

  reweighChecks(weights: readonly CheckWeight[]): Promise<void> {
    return this.#guard('reweighChecks', () =>
      this.#inTransaction((store) => reweighCheckRows(store.#sql(), weights)),
    );
  }

  listChecks(query: { readonly labelled?: boolean } = {}): Promise<Check[]> {
    return this.#guard('listChecks', () => selectChecks(this.#sql(), query));
  }

  labelChecks(
    labels: readonly { readonly itemId: string; readonly label: string }[],
    by: string,
    at: string,
  ): Promise<void> {
    return this.#guard('labelChecks', () =>
      this.#inTransaction((store) => labelCheckRows(store.#sql(), labels, by, at)),
    );
  }

  acquireLock(request: LockRequest): Promise<HeldLock> {
    return this.#guard('acquireLock', () => acquireLockRow(this.#db, request));
  }

  renewLock(name: string, owner: string, expiresAt: string): Promise<boolean> {
    return this.#guard('renewLock', () => renewLockRow(this.#db, name, owner, expiresAt));
  }

  releaseLock(name: string, owner: string): Promise<void> {
    return this.#guard('releaseLock', () => releaseLockRow(this.#db, name, owner));
  }

  getLock(name: string): Promise<HeldLock | undefined> {
    return this.#guard('getLock', () => selectLockRow(this.#db, name));
  }

  replaceDuplicates(marks: readonly DuplicateMark[]): Promise<void> {
    return this.#guard('replaceDuplicates', () =>
      this.#inTransaction((store) => replaceDuplicateRows(store.#sql(), marks)),
    );
  }

  listDuplicates(query: { readonly itemIds?: readonly string[] } = {}): Promise<DuplicateMark[]> {
    return this.#guard('listDuplicates', () => selectDuplicates(this.#sql(), query));
  }

  itemsByImport(ids: readonly string[]): Promise<string[]> {
    return this.#guard('itemsByImport', () => idsByImport(this.#sql(), ids));
  }

  joinLabelRun(run: Run, worker: LabelWorker): Promise<{ runId: string; joined: boolean }> {
    return this.#guard('joinLabelRun', () =>
      this.#inTransaction((store) => joinLabelRunRows(store.#sql(), run, worker)),
    );
  }

  leaseLabelItems(query: LabelLeaseQuery): Promise<Item[]> {
    return this.#guard('leaseLabelItems', () =>
      this.#inTransaction((store) => leaseLabelRows(store.#sql(), query)),
    );
  }

  renewLabelWork(runId: string, worker: LabelWorker): Promise<number> {
    return this.#guard('renewLabelWork', () => renewLabelRows(this.#sql(), runId, worker));
  }

  releaseLabelItems(source: string, worker: string, itemIds: readonly string[]): Promise<void> {
    return this.#guard('releaseLabelItems', () =>
      releaseLabelRows(this.#sql(), source, worker, itemIds),
    );
  }

  countLiveLeases(source: string, worker: string, now: number): Promise<number> {
    return this.#guard('countLiveLeases', () =>
      countLiveLeaseRows(this.#sql(), source, worker, now),
    );
  }

  addRunProgress(runId: string, progress: RunProgress): Promise<void> {
    return this.#guard('addRunProgress', async () => {
      if (!(await addRunProgressRow(this.#sql(), runId, progress)))
        throw new HiloError('NOT_FOUND', `run "${runId}" does not exist`);
    });
  }

  leaveLabelRun(
    runId: string,
    worker: string,
    end: { readonly status: Exclude<RunStatus, 'running'>; readonly now: number },
  ): Promise<RunStatus> {
    return this.#guard('leaveLabelRun', async () => {
      const status = await this.#inTransaction((store) =>
        leaveLabelRunRows(store.#sql(), runId, worker, end),
      );
      if (status === undefined) throw new HiloError('NOT_FOUND', `run "${runId}" does not exist`);
      return status;
    });
  }

  markInterruptedRuns(now: number): Promise<string[]> {
    return this.#guard('markInterruptedRuns', () =>
      this.#inTransaction((store) => markInterruptedRunRows(store.#sql(), now)),
    );
  }

  /** Closes the connection; a no-op on a transaction-bound store and on a second call. */
  async close(): Promise<void> {
    if (this.#closed || this.#db.isTransaction) return;
    this.#closed = true;
    await this.#cacheWrites?.drain();
    await this.#guard('close', () => this.#db.destroy());
  }

  async #inTransaction<T>(work: (store: KyselyStore) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this);
    // Errors thrown by `work` are the caller's own and pass through; only failures of
    // BEGIN/COMMIT themselves are database errors to map.
    let failure: { readonly error: unknown } | undefined;
    try {
      return await this.#db.transaction().execute(async (trx) => {
        try {
          return await work(
            new KyselyStore({
              db: trx,
              dialect: this.#dialect,
              clock: this.#clock,
              ...(this.#columnReads ? { columnReads: this.#columnReads } : {}),
            }),
          );
        } catch (error) {
          failure = { error };
          throw error;
        }
      });
    } catch (error) {
      if (failure !== undefined && failure.error === error) throw error;
      throw mapDatabaseError(error, 'transaction');
    }
  }

  async #guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapDatabaseError(error, operation);
    }
  }

  #sql(): StoreSql {
    return { db: this.#db, dialect: this.#dialect };
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}
