import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { VoteQuery } from '../core/ports/store.js';
import type { Item, Vote } from '../core/types.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import { mapDatabaseError } from './map-database-error.js';
import { SqlitePeopleStore } from './sqlite-people-store.js';
import type { ItemsTable, VotesTable } from './store-database.js';
import { rowToItem, rowToVote } from './store-rows.js';

/**
 * The SQLite Store as `hilo serve` uses it: the Kysely store, with the people store over prepared
 * statements, and prepared statements for the two reads each answer makes (one item, one item's
 * votes), which through Kysely cost more to build than to run. While a Kysely transaction is open
 * on the connection, those reads go through Kysely, so they wait for it like any other query.
 * @example const store = new SqlitePeopleServingStore({ db, dialect: 'sqlite', clock }, database)
 * Complexity: getItem and a one-item listVotes are one indexed statement each.
 */
export class SqlitePeopleServingStore extends KyselyStore {
  readonly #database: Database.Database;
  readonly #item: Database.Statement<[string]>;
  readonly #itemVotes: Database.Statement<[string]>;
  readonly #itemSourceVotes: Database.Statement<[string, string]>;

  constructor(options: KyselyStoreOptions, database: Database.Database) {
    super({ ...options, people: new SqlitePeopleStore(database) });
    this.#database = database;
    this.#item = database.prepare('select * from items where id = ?');
    this.#itemVotes = database.prepare('select * from votes where item_id = ? order by id');
    this.#itemSourceVotes = database.prepare(
      'select * from votes where item_id = ? and source = ? order by id',
    );
  }

  override getItem(id: string): Promise<Item | undefined> {
    if (this.#database.inTransaction) return super.getItem(id);
    return this.#run('getItem', () => {
      const row = this.#item.get(id) as Selectable<ItemsTable> | undefined;
      return row && rowToItem(row);
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
      const rows =
        query.source === undefined
          ? this.#itemVotes.all(itemId)
          : this.#itemSourceVotes.all(itemId, query.source);
      return (rows as Selectable<VotesTable>[]).map(rowToVote);
    });
  }

  async #run<T>(operation: string, work: () => T): Promise<T> {
    try {
      return work();
    } catch (error) {
      throw mapDatabaseError(error, operation);
    }
  }
}
