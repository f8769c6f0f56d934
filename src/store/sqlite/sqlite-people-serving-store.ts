import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { VoteQuery } from '../../core/ports/store.js';
import type { Fields, Item, Vote } from '../../core/types.js';
import { KyselyStore, type KyselyStoreOptions } from '../sql/kysely-store.js';
import { mapDatabaseError } from '../sql/map-database-error.js';
import type { PeopleCache } from './sqlite-people-cache.js';
import { SqlitePeopleStore } from './sqlite-people-store.js';
import type { ItemsTable, VotesTable } from '../sql/store-database.js';
import { rowToItem, rowToVote } from '../sql/store-rows.js';

/**
 * The SQLite Store as `hilo serve` uses it: the Kysely store, with the people store over prepared
 * statements, and the two reads each answer makes (one item, one item's votes) served from the
 * people store's cache, or else by a prepared statement (through Kysely they cost more to build
 * than to run). The cache learns of each answer's vote from the people store and is dropped when
 * anything else writes. While a Kysely transaction is open on the connection, these reads go
 * through Kysely, so they wait for it like any other query.
 * @example const store = new SqlitePeopleServingStore({ db, dialect: 'sqlite', clock }, database)
 * Complexity: getItem and a one-item listVotes are a map lookup or one indexed statement.
 */
export class SqlitePeopleServingStore extends KyselyStore {
  readonly #database: Database.Database;
  readonly #cache: PeopleCache;
  readonly #people: SqlitePeopleStore;
  readonly #item: Database.Statement<[string]>;
  readonly #itemVotes: Database.Statement<[string]>;

  /** `foreignWrites` counts the writes Kysely ran on `database` (see countForeignWrites). */
  constructor(
    options: KyselyStoreOptions,
    database: Database.Database,
    foreignWrites?: () => number,
  ) {
    const people = new SqlitePeopleStore(database, foreignWrites);
    super({ ...options, people });
    this.#database = database;
    this.#cache = people.cache;
    this.#people = people;
    this.#item = database.prepare('select * from items where id = ?');
    this.#itemVotes = database.prepare('select * from votes where item_id = ? order by id');
  }

  override getItem(id: string): Promise<Item | undefined> {
    if (this.#database.inTransaction) return super.getItem(id);
    return this.#run('getItem', () => {
      this.#cache.validate();
      let item = this.#cache.item(id);
      if (item === undefined) {
        const row = this.#item.get(id) as Selectable<ItemsTable> | undefined;
        item = row === undefined ? null : rowToItem(row);
        this.#cache.putItem(id, item);
      }
      // A copy, as the other stores return: a caller changing it must not change the cache.
      return item === null ? undefined : { ...item, fields: copyJson(item.fields) as Fields };
    });
  }

  override listVotes(query: VoteQuery): Promise<Vote[]> {
    const itemId = query.itemIds?.length === 1 ? query.itemIds[0] : undefined;
    if (
      itemId === undefined ||
      query.runId !== undefined ||
      query.sourcePrefix !== undefined ||
      this.#database.inTransaction
    ) {
      return super.listVotes(query);
    }
    return this.#run('listVotes', () => {
      this.#cache.validate();
      let votes = this.#cache.itemVotes(itemId);
      if (votes === undefined) {
        votes = (this.#itemVotes.all(itemId) as Selectable<VotesTable>[]).map(rowToVote);
        this.#cache.putItemVotes(itemId, votes);
      }
      const source = query.source;
      const wanted = source === undefined ? votes : votes.filter((v) => v.source === source);
      return wanted.map((v) => ({
        ...v,
        probabilities: v.probabilities && { ...v.probabilities },
      }));
    });
  }

  override async close(): Promise<void> {
    await this.#people.stop();
    await super.close();
  }

  async #run<T>(operation: string, work: () => T): Promise<T> {
    try {
      return work();
    } catch (error) {
      throw mapDatabaseError(error, operation);
    }
  }
}

/** A deep copy of a JSON value (what item fields are, parsed from their stored text). */
function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy;
}
