import { HiloError } from '../../core/errors.js';
import type {
  EmbeddingEntry,
  ItemQuery,
  RunPatch,
  Store,
  UpsertCounts,
  VoteQuery,
} from '../../core/ports/store.js';
import type { PeopleStore, StoreWithPeople } from '../../core/ports/people-store.js';
import type { Run } from '../../core/runs/run-records.js';
import type { Decision, Item, NewVote, StoredModel, Vote } from '../../core/types.js';
import { MemoryPeopleStore } from './memory-people-store.js';

/** Everything a store holds; replaced wholesale to roll a transaction back. */
interface State {
  items: Map<string, Item>;
  votes: Vote[];
  nextVoteId: number;
  decisions: Map<string, Decision>;
  runs: Map<string, Run>;
  models: Map<string, StoredModel[]>;
  cache: Map<string, string>;
  /** Keyed by model and text joined by a NUL. */
  embeddings: Map<string, Float32Array>;
}

/**
 * The Store port in memory, for tests: the same observable behaviour as the SQL stores (id
 * order compares code points like SQLite's BINARY collation, reads return copies, a failed
 * transaction leaves nothing behind, transactions run one at a time and may nest).
 * @example
 * const store = new MemoryStore();
 * await store.upsertItems([{ id: 'a', fields: { text: 'hi' }, role: 'pool', batch: null, goldLabel: null }]);
 * Complexity: reads scan all items, O(n log n) per query; fine for test sizes.
 */
export class MemoryStore implements StoreWithPeople {
  private state: State = emptyState();
  /** Annotators, sessions, the queue and its leases; answers land in this store's votes. */
  readonly people: PeopleStore = new MemoryPeopleStore({
    add: (vote) => {
      const id = this.state.nextVoteId++;
      this.state.votes.push(structuredClone({ ...vote, id }));
      return id;
    },
    remove: (id) => {
      this.state.votes = this.state.votes.filter((vote) => vote.id !== id);
    },
    list: () => this.state.votes,
  });
  private closed = false;
  /** Tail of the queue of transactions, so two never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts calls of each method, so tests can check how a step used the store. */
  readonly calls = new Map<string, number>();

  transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.atomically(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async atomically<T>(work: (store: Store) => Promise<T>): Promise<T> {
    this.count('transaction');
    const snapshot = copyState(this.state);
    // Inside, nested transactions act as savepoints and must not wait for the queue they are in.
    const inner: Store = Object.create(this, {
      transaction: { value: <U>(nested: (store: Store) => Promise<U>) => this.atomically(nested) },
    }) as Store;
    try {
      return await work(inner);
    } catch (error) {
      this.state = snapshot;
      throw error;
    }
  }

  async upsertItems(items: readonly Item[]): Promise<UpsertCounts> {
    this.open('upsertItems');
    let inserted = 0;
    let updated = 0;
    for (const item of items) {
      if (this.state.items.has(item.id)) updated += 1;
      else inserted += 1;
      this.state.items.set(item.id, structuredClone(item));
    }
    return { inserted, updated };
  }

  async getItem(id: string): Promise<Item | undefined> {
    this.open('getItem');
    const item = this.state.items.get(id);
    return item && structuredClone(item);
  }

  async listItems(query: ItemQuery): Promise<Item[]> {
    this.open('listItems');
    const { afterId, limit } = query;
    let items = this.matchingItems(query);
    if (afterId !== undefined) items = items.filter((item) => compareIds(item.id, afterId) > 0);
    if (limit !== undefined) items = items.slice(0, Math.max(0, limit));
    return items.map((item) => structuredClone(item));
  }

  async countItems(query: Omit<ItemQuery, 'afterId' | 'limit'>): Promise<number> {
    this.open('countItems');
    return this.matchingItems(query).length;
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
        (voted === undefined || !voted.has(item.id)),
    );
    return items.sort((a, b) => compareIds(a.id, b.id));
  }

  async addVotes(votes: readonly NewVote[]): Promise<number[]> {
    this.open('addVotes');
    return votes.map((vote) => {
      const id = this.state.nextVoteId++;
      this.state.votes.push(structuredClone({ ...vote, id }));
      return id;
    });
  }

  async listVotes(query: VoteQuery): Promise<Vote[]> {
    this.open('listVotes');
    const itemIds = query.itemIds === undefined ? undefined : new Set(query.itemIds);
    return this.state.votes
      .filter(
        (vote) =>
          (itemIds === undefined || itemIds.has(vote.itemId)) &&
          (query.source === undefined || vote.source === query.source) &&
          (query.sourcePrefix === undefined || vote.source.startsWith(query.sourcePrefix)) &&
          (query.runId === undefined || vote.runId === query.runId),
      )
      .map((vote) => structuredClone(vote));
  }

  async putDecisions(decisions: readonly Decision[]): Promise<void> {
    this.open('putDecisions');
    for (const decision of decisions) {
      this.state.decisions.set(decision.itemId, structuredClone(decision));
    }
  }

  async listDecisions(query: { readonly itemIds?: readonly string[] }): Promise<Decision[]> {
    this.open('listDecisions');
    const itemIds = query.itemIds === undefined ? undefined : new Set(query.itemIds);
    return [...this.state.decisions.values()]
      .filter((decision) => itemIds === undefined || itemIds.has(decision.itemId))
      .sort((a, b) => compareIds(a.itemId, b.itemId))
      .map((decision) => structuredClone(decision));
  }

  async createRun(run: Run): Promise<void> {
    this.open('createRun');
    if (this.state.runs.has(run.id)) {
      throw new HiloError('CONFLICT', `run ${run.id} already exists`);
    }
    this.state.runs.set(run.id, structuredClone(run));
  }

  async updateRun(id: string, patch: RunPatch): Promise<void> {
    this.open('updateRun');
    const run = this.state.runs.get(id);
    if (run === undefined) throw new HiloError('NOT_FOUND', `no run ${id}`);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.state.runs.set(id, structuredClone({ ...run, ...defined }));
  }

  async getRun(id: string): Promise<Run | undefined> {
    this.open('getRun');
    const run = this.state.runs.get(id);
    return run && structuredClone(run);
  }

  async listRuns(query: { readonly kind?: string }): Promise<Run[]> {
    this.open('listRuns');
    return [...this.state.runs.values()]
      .filter((run) => query.kind === undefined || run.kind === query.kind)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || compareIds(a.id, b.id))
      .map((run) => structuredClone(run));
  }

  async saveModel(model: Omit<StoredModel, 'version'>): Promise<number> {
    this.open('saveModel');
    const versions = this.state.models.get(model.name) ?? [];
    const version = (versions.at(-1)?.version ?? 0) + 1;
    this.state.models.set(model.name, [...versions, structuredClone({ ...model, version })]);
    return version;
  }

  async getModel(name: string, version?: number): Promise<StoredModel | undefined> {
    this.open('getModel');
    const versions = this.state.models.get(name) ?? [];
    const model =
      version === undefined ? versions.at(-1) : versions.find((m) => m.version === version);
    return model && structuredClone(model);
  }

  async cacheGet(key: string): Promise<string | undefined> {
    this.open('cacheGet');
    return this.state.cache.get(key);
  }

  async cachePut(key: string, value: string): Promise<void> {
    this.open('cachePut');
    this.state.cache.set(key, value);
  }

  async getEmbeddings(model: string, texts: readonly string[]): Promise<Map<string, Float32Array>> {
    this.open('getEmbeddings');
    const found = new Map<string, Float32Array>();
    for (const text of texts) {
      const vector = this.state.embeddings.get(`${model}\u0000${text}`);
      if (vector) found.set(text, Float32Array.from(vector));
    }
    return found;
  }

  async putEmbeddings(model: string, entries: readonly EmbeddingEntry[]): Promise<void> {
    this.open('putEmbeddings');
    for (const { text, vector } of entries) {
      this.state.embeddings.set(`${model}\u0000${text}`, Float32Array.from(vector));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private open(method: string): void {
    if (this.closed) throw new HiloError('INTERNAL', 'the store is closed');
    this.count(method);
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }
}

function emptyState(): State {
  return {
    items: new Map(),
    votes: [],
    nextVoteId: 1,
    decisions: new Map(),
    runs: new Map(),
    models: new Map(),
    cache: new Map(),
    embeddings: new Map(),
  };
}

/** Stored values are never mutated in place (writes replace them), so a shallow copy will do. */
function copyState(state: State): State {
  return {
    items: new Map(state.items),
    votes: [...state.votes],
    nextVoteId: state.nextVoteId,
    decisions: new Map(state.decisions),
    runs: new Map(state.runs),
    models: new Map(state.models),
    cache: new Map(state.cache),
    embeddings: new Map(state.embeddings),
  };
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
