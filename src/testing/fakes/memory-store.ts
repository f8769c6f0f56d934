import { HiloError } from '../../core/errors.js';
import type {
  EmbeddingEntry,
  ItemQuery,
  RunPatch,
  Store,
  UpsertCounts,
  VoteQuery,
} from '../../core/ports/store.js';
import type { Check, CheckWeight, NewCheck } from '../../core/ports/check-store.js';
import type { HeldLock, LockRequest } from '../../core/ports/lock-store.js';
import type { DecisionState, ItemTruth, VoteColumns } from '../../core/ports/vote-columns.js';
import { voteColumnsBuilder } from '../../core/vote-columns-builder.js';
import type { DuplicateMark } from '../../core/ports/duplicate-store.js';
import type { PeopleStore, StoreWithPeople } from '../../core/ports/people-store.js';
import type {
  LabelLeaseQuery,
  LabelWorker,
  RunProgress,
} from '../../core/ports/label-work-store.js';
import type { Run, RunStatus } from '../../core/runs/run-records.js';
import type { Decision, Item, NewVote, StoredModel, Vote } from '../../core/types.js';
import { memoryChecks } from './memory-checks.js';
import { memoryLocks } from './memory-locks.js';
import { checkedDuplicates } from './memory-duplicates.js';
import { memoryLabelWork } from './memory-label-work.js';
import { MemoryPeopleStore } from './memory-people-store.js';
import { copyState, emptyState, type State } from './memory-state.js';
import { memoryVoteImport, voteMatcher } from './memory-vote-import.js';
import type { HumanVoteColumns, VoteTally } from '../../core/ports/vote-import-store.js';

/**
 * The Store port in memory, for tests, with the observable behaviour of the SQL stores (it passes
 * the Store contract suite): id order compares code points like SQLite's BINARY collation, reads
 * return copies, votes and decisions must name a stored item (CONFLICT), a failed transaction
 * leaves nothing behind, a nested transaction joins the enclosing one (no savepoints), and while
 * a transaction is open every other call waits for it, as on one SQL connection.
 * @example
 * const store = new MemoryStore();
 * await store.upsertItems([{ id: 'a', fields: { text: 'hi' }, role: 'pool', batch: null, goldLabel: null }]);
 * Complexity: reads scan all items, O(n log n) per query; fine for test sizes.
 */
export class MemoryStore implements StoreWithPeople {
  private state: State = emptyState();
  /** Annotators, sessions, the queue and its leases; answers land in this store's votes. */
  readonly people: PeopleStore = new MemoryPeopleStore({
    add: (vote) => this.insertVotes([vote], 'completeAssignment')[0] ?? 0,
    remove: (id) => {
      this.state.votes = this.state.votes.filter((vote) => vote.id !== id);
    },
    list: () => this.state.votes,
    hasItem: (id) => this.state.items.has(id),
    decision: (itemId) => this.state.decisions.get(itemId),
    putDecision: (decision) => this.state.decisions.set(decision.itemId, structuredClone(decision)),
  });
  private readonly checks = memoryChecks(
    () => this.state.checks,
    (id) => this.state.items.has(id),
  );
  private readonly locks = memoryLocks(() => this.state.locks);
  private readonly labelWork = memoryLabelWork(() => this.state, compareIds);
  private readonly imports = memoryVoteImport({
    items: () => this.state.items,
    votes: () => this.state.votes,
    insert: (votes) => this.insertVotes(votes, 'addHumanVotes'),
  });
  private closed = false;
  /** True on the store a transaction hands to its work. */
  private readonly inside: boolean = false;
  /** Transactions (and calls behind them) queued or running; while any are, calls queue too. */
  private pending = 0;
  /** Tail of that queue, so transactions never interleave with each other or other calls. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts calls of each method, so tests can check how a step used the store. */
  readonly calls = new Map<string, number>();

  transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    this.count('transaction');
    return this.enqueue(() => this.atomically(work));
  }

  private async atomically<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const snapshot = copyState(this.state);
    // A nested call joins this transaction: its writes stay or go with the enclosing ones.
    const inner: Store = Object.create(this, {
      inside: { value: true },
      transaction: {
        value: <U>(nested: (store: Store) => Promise<U>): Promise<U> => {
          this.count('transaction');
          return nested(inner);
        },
      },
    }) as Store;
    try {
      return await work(inner);
    } catch (error) {
      this.state = snapshot;
      throw error;
    }
  }

  upsertItems(items: readonly Item[]): Promise<UpsertCounts> {
    return this.call('upsertItems', () => {
      const ids = new Set(items.map((item) => item.id));
      let updated = 0;
      for (const id of ids) if (this.state.items.has(id)) updated += 1;
      // New ids go in id order, as the SQL stores order one import's items (`itemsByImport`).
      const ordered = [...items].sort((a, b) => compareIds(a.id, b.id));
      for (const item of ordered) this.state.items.set(item.id, structuredClone(item));
      return { inserted: ids.size - updated, updated };
    });
  }

  getItem(id: string): Promise<Item | undefined> {
    return this.call('getItem', () => {
      const item = this.state.items.get(id);
      return item && structuredClone(item);
    });
  }

  listItems(query: ItemQuery): Promise<Item[]> {
    return this.call('listItems', () => {
      const { afterId, limit } = query;
      let items = this.matchingItems(query);
      if (afterId !== undefined) items = items.filter((item) => compareIds(item.id, afterId) > 0);
      if (limit !== undefined) items = items.slice(0, Math.max(0, limit));
      return items.map((item) => structuredClone(item));
    });
  }

  countItems(query: Omit<ItemQuery, 'afterId' | 'limit'>): Promise<number> {
    return this.call('countItems', () => this.matchingItems(query).length);
  }

  private matchingItems(query: Omit<ItemQuery, 'afterId' | 'limit'>): Item[] {
    const roles = query.role === undefined ? undefined : new Set([query.role].flat());
    const ids = query.ids === undefined ? undefined : new Set(query.ids);
    const voted =
      query.withoutVoteFrom === undefined
        ? undefined
        : new Set(
            this.state.votes.filter((v) => v.source === query.withoutVoteFrom).map((v) => v.itemId),
          );
    const items = [...this.state.items.values()].filter(
      (item) =>
        (roles === undefined || roles.has(item.role)) &&
        (ids === undefined || ids.has(item.id)) &&
        (voted === undefined || !voted.has(item.id)) &&
        (query.duplicates === undefined || this.state.duplicates.has(item.id) === query.duplicates),
    );
    return items.sort((a, b) => compareIds(a.id, b.id));
  }

  addVotes(votes: readonly NewVote[]): Promise<number[]> {
    return this.call('addVotes', () => this.insertVotes(votes, 'addVotes'));
  }

  /** All or nothing: a vote on an item that is not stored fails the whole call. */
  private insertVotes(votes: readonly NewVote[], operation: string): number[] {
    this.requireItems(
      votes.map((vote) => vote.itemId),
      operation,
    );
    return votes.map((vote) => {
      const id = this.state.nextVoteId++;
      this.state.votes.push(structuredClone({ ...vote, id }));
      return id;
    });
  }

  listVotes(query: VoteQuery): Promise<Vote[]> {
    return this.call('listVotes', () =>
      this.state.votes.filter(voteMatcher(query)).map((vote) => structuredClone(vote)),
    );
  }

  addMissingItems(ids: readonly string[]): Promise<string[]> {
    return this.call('addMissingItems', () => this.imports.addMissingItems(ids));
  }

  tallyVotes(query: VoteQuery): Promise<VoteTally[]> {
    return this.call('tallyVotes', () => this.imports.tally(query));
  }

  addHumanVotes(votes: HumanVoteColumns): Promise<number> {
    return this.call('addHumanVotes', () => this.imports.addHuman(votes));
  }

  readVoteColumns(): Promise<VoteColumns> {
    return this.call('readVoteColumns', () => {
      const columns = voteColumnsBuilder();
      for (const vote of this.state.votes) {
        if (vote.label === null) continue;
        const soft = vote.probabilities && structuredClone(vote.probabilities);
        columns.add(vote.id, vote.itemId, vote.source, vote.label, soft);
      }
      const truth = new Map<string, ItemTruth>();
      for (const item of this.state.items.values()) {
        if (item.goldLabel !== null && columns.has(item.id))
          truth.set(item.id, { role: item.role, goldLabel: item.goldLabel });
      }
      return columns.build(truth);
    });
  }

  deleteVotes(ids: readonly number[]): Promise<number> {
    return this.call('deleteVotes', () => {
      const gone = new Set(ids);
      const before = this.state.votes.length;
      this.state.votes = this.state.votes.filter((vote) => !gone.has(vote.id));
      return before - this.state.votes.length;
    });
  }

  putDecisions(decisions: readonly Decision[]): Promise<void> {
    return this.call('putDecisions', () => {
      this.requireItems(
        decisions.map((decision) => decision.itemId),
        'putDecisions',
      );
      for (const decision of decisions) {
        this.state.decisions.set(decision.itemId, structuredClone(decision));
      }
    });
  }

  listDecisions(query: { readonly itemIds?: readonly string[] }): Promise<Decision[]> {
    return this.call('listDecisions', () => {
      const itemIds = query.itemIds === undefined ? undefined : new Set(query.itemIds);
      return [...this.state.decisions.values()]
        .filter((decision) => itemIds === undefined || itemIds.has(decision.itemId))
        .sort((a, b) => compareIds(a.itemId, b.itemId))
        .map((decision) => structuredClone(decision));
    });
  }

  listDecisionStates(): Promise<DecisionState[]> {
    return this.call('listDecisionStates', () =>
      [...this.state.decisions.values()]
        .sort((a, b) => compareIds(a.itemId, b.itemId))
        .map(({ itemId, decidedBy, zone }) => ({ itemId, decidedBy, zone })),
    );
  }

  createRun(run: Run): Promise<void> {
    return this.call('createRun', () => {
      if (this.state.runs.has(run.id)) {
        throw new HiloError('CONFLICT', `run ${run.id} already exists`);
      }
      this.state.runs.set(run.id, structuredClone(run));
    });
  }

  updateRun(id: string, patch: RunPatch): Promise<void> {
    return this.call('updateRun', () => {
      const run = this.state.runs.get(id);
      if (run === undefined) throw new HiloError('NOT_FOUND', `no run ${id}`);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      this.state.runs.set(id, structuredClone({ ...run, ...defined }));
    });
  }

  getRun(id: string): Promise<Run | undefined> {
    return this.call('getRun', () => {
      const run = this.state.runs.get(id);
      return run && structuredClone(run);
    });
  }

  listRuns(query: { readonly kind?: string }): Promise<Run[]> {
    return this.call('listRuns', () =>
      [...this.state.runs.values()]
        .filter((run) => query.kind === undefined || run.kind === query.kind)
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || compareIds(a.id, b.id))
        .map((run) => structuredClone(run)),
    );
  }

  saveModel(model: Omit<StoredModel, 'version'>): Promise<number> {
    return this.call('saveModel', () => {
      const versions = this.state.models.get(model.name) ?? [];
      const version = (versions.at(-1)?.version ?? 0) + 1;
      this.state.models.set(model.name, [...versions, structuredClone({ ...model, version })]);
      return version;
    });
  }

  getModel(name: string, version?: number): Promise<StoredModel | undefined> {
    return this.call('getModel', () => {
      const versions = this.state.models.get(name) ?? [];
      const model =
        version === undefined ? versions.at(-1) : versions.find((m) => m.version === version);
      return model && structuredClone(model);
    });
  }

  cacheGet(key: string): Promise<string | undefined> {
    return this.call('cacheGet', () => this.state.cache.get(key));
  }

  cachePut(key: string, value: string): Promise<void> {
    return this.call('cachePut', () => {
      this.state.cache.set(key, value);
    });
  }

  getEmbeddings(model: string, texts: readonly string[]): Promise<Map<string, Float32Array>> {
    return this.call('getEmbeddings', () => {
      const found = new Map<string, Float32Array>();
      for (const text of texts) {
        const vector = this.state.embeddings.get(`${model}\u0000${text}`);
        if (vector) found.set(text, Float32Array.from(vector));
      }
      return found;
    });
  }

  putEmbeddings(model: string, entries: readonly EmbeddingEntry[]): Promise<void> {
    return this.call('putEmbeddings', () => {
      for (const { text, vector } of entries) {
        this.state.embeddings.set(`${model}\u0000${text}`, Float32Array.from(vector));
      }
    });
  }

  addChecks(checks: readonly NewCheck[]): Promise<void> {
    return this.call('addChecks', () => this.checks.add(checks));
  }

  reweighChecks(weights: readonly CheckWeight[]): Promise<void> {
    return this.call('reweighChecks', () => this.checks.reweigh(weights));
  }

  listChecks(query: { readonly labelled?: boolean } = {}): Promise<Check[]> {
    return this.call('listChecks', () =>
      this.checks.list(query).sort((a, b) => compareIds(a.itemId, b.itemId)),
    );
  }

  labelChecks(
    labels: readonly { readonly itemId: string; readonly label: string }[],
    by: string,
    at: string,
  ): Promise<void> {
    return this.call('labelChecks', () => this.checks.label(labels, by, at));
  }

  acquireLock(request: LockRequest): Promise<HeldLock> {
    return this.call('acquireLock', () => this.locks.acquire(request));
  }

  renewLock(name: string, owner: string, expiresAt: string): Promise<boolean> {
    return this.call('renewLock', () => this.locks.renew(name, owner, expiresAt));
  }

  releaseLock(name: string, owner: string): Promise<void> {
    return this.call('releaseLock', () => this.locks.release(name, owner));
  }

  getLock(name: string): Promise<HeldLock | undefined> {
    return this.call('getLock', () => this.locks.get(name));
  }

  replaceDuplicates(marks: readonly DuplicateMark[]): Promise<void> {
    return this.call('replaceDuplicates', () => {
      this.state.duplicates = checkedDuplicates(marks, (id) => this.state.items.has(id));
    });
  }

  listDuplicates(query: { readonly itemIds?: readonly string[] } = {}): Promise<DuplicateMark[]> {
    return this.call('listDuplicates', () => {
      const ids = query.itemIds === undefined ? undefined : new Set(query.itemIds);
      return [...this.state.duplicates.values()]
        .filter((mark) => ids === undefined || ids.has(mark.itemId))
        .sort((a, b) => compareIds(a.itemId, b.itemId))
        .map((mark) => ({ ...mark }));
    });
  }

  /** A Map keeps the place of a key set again, so its order is the order of first import. */
  itemsByImport(ids: readonly string[]): Promise<string[]> {
    return this.call('itemsByImport', () => {
      const wanted = new Set(ids);
      return [...this.state.items.keys()].filter((id) => wanted.has(id));
    });
  }

  joinLabelRun(run: Run, worker: LabelWorker): Promise<{ runId: string; joined: boolean }> {
    return this.call('joinLabelRun', () => this.labelWork.joinLabelRun(run, worker));
  }

  leaseLabelItems(query: LabelLeaseQuery): Promise<Item[]> {
    return this.call('leaseLabelItems', () => this.labelWork.leaseLabelItems(query));
  }

  renewLabelWork(runId: string, worker: LabelWorker): Promise<number> {
    return this.call('renewLabelWork', () => this.labelWork.renewLabelWork(runId, worker));
  }

  releaseLabelItems(source: string, worker: string, itemIds: readonly string[]): Promise<void> {
    return this.call('releaseLabelItems', () =>
      this.labelWork.releaseLabelItems(source, worker, itemIds),
    );
  }

  countLiveLeases(source: string, worker: string, now: number): Promise<number> {
    return this.call('countLiveLeases', () => this.labelWork.countLiveLeases(source, worker, now));
  }

  addRunProgress(runId: string, progress: RunProgress): Promise<void> {
    return this.call('addRunProgress', () => this.labelWork.addRunProgress(runId, progress));
  }

  leaveLabelRun(
    runId: string,
    worker: string,
    end: { readonly status: Exclude<RunStatus, 'running'>; readonly now: number },
  ): Promise<RunStatus> {
    return this.call('leaveLabelRun', () => this.labelWork.leaveLabelRun(runId, worker, end));
  }

  markInterruptedRuns(now: number): Promise<string[]> {
    return this.call('markInterruptedRuns', () => this.labelWork.markInterruptedRuns(now));
  }

  /** Like the SQL stores: a no-op on the store of a transaction and on a second call. */
  async close(): Promise<void> {
    if (!this.inside) this.closed = true;
  }

  /**
   * Runs one call: at once inside a transaction or when none is open, else queued behind the
   * open ones, as a SQL connection makes it wait. Its errors reject the returned promise.
   */
  private call<T>(method: string, work: () => T): Promise<T> {
    const guarded = (): T => {
      if (this.closed) throw new HiloError('INTERNAL', 'the store is closed');
      return work();
    };
    this.count(method);
    if (this.inside || this.pending === 0) {
      try {
        return Promise.resolve(guarded());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.enqueue(guarded);
  }

  /** Runs `task` after everything queued before it. */
  private enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.queue.then(task);
    this.queue = result
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
      });
    return result;
  }

  private requireItems(itemIds: readonly string[], operation: string): void {
    const missing = itemIds.find((id) => !this.state.items.has(id));
    if (missing === undefined) return;
    // The SQL stores report the foreign key violation of the database as the cause.
    const cause = new Error(`FOREIGN KEY constraint failed: no item "${missing}"`);
    throw new HiloError('CONFLICT', `store ${operation}: no item "${missing}"`, undefined, {
      cause,
    });
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }
}

/**
 * Orders ids by Unicode code point, as SQLite's BINARY collation orders UTF-8 text. Plain `<`
 * compares UTF-16 units, which puts U+E000..U+FFFF after astral characters.
 * @example compareIds('a', 'b') // negative
 * Complexity O(length of the shorter id).
 */
export function compareIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  // Surrogates (astral characters) sort above U+E000..U+FFFF by code point.
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
