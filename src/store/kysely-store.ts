import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { HiloError } from '../core/errors.js';
import type { Clock } from '../core/ports/runtime.js';
import type { ItemQuery, RunPatch, Store, UpsertCounts, VoteQuery } from '../core/ports/store.js';
import type { Decision, Item, NewVote, Run, StoredModel, Vote } from '../core/types.js';
import { bulkUpsertQuery } from './bulk-upsert-query.js';
import { mapDatabaseError } from './map-database-error.js';
import type { StoreDatabase } from './store-database.js';
import { chunkForParameters, textSet, type StoreDialect } from './store-dialect.js';
import {
  DECISION_COLUMNS,
  ITEM_COLUMNS,
  VOTE_INSERT_COLUMNS,
  decisionValues,
  itemValues,
  rowToDecision,
  rowToItem,
  rowToModel,
  rowToRun,
  rowToVote,
  runPatchToRow,
  runToRow,
  voteToRow,
} from './store-rows.js';

export interface KyselyStoreOptions {
  readonly db: Kysely<StoreDatabase>;
  readonly dialect: StoreDialect;
  readonly clock: Clock;
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
  #closed = false;

  constructor(options: KyselyStoreOptions) {
    this.#db = options.db;
    this.#dialect = options.dialect;
    this.#clock = options.clock;
  }

  /** Nested calls reuse the enclosing transaction; errors thrown by `work` propagate unchanged. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.#inTransaction(work);
  }

  /** `updated` counts ids that already existed (their row is overwritten); duplicate ids in one call count once, the last wins. */
  upsertItems(items: readonly Item[]): Promise<UpsertCounts> {
    return this.#guard('upsertItems', async () => {
      const byId = new Map<string, Item>();
      for (const item of items) byId.set(item.id, item);
      if (byId.size === 0) return { inserted: 0, updated: 0 };
      const now = this.#now();
      const rows = Array.from(byId.values(), (item) => itemValues(item, now));
      return this.#inTransaction(async (store) => {
        let updated = 0;
        for (const chunk of chunkForParameters(rows, ITEM_COLUMNS.length)) {
          updated += await store.#countExisting(chunk.map((row) => row[0] as string));
          await store.#bulkUpsert('items', ITEM_COLUMNS, chunk);
        }
        return { inserted: rows.length - updated, updated };
      });
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
        .where((eb) => eb.and(this.#itemConditions(eb, query)))
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
        .where((eb) => eb.and(this.#itemConditions(eb, query)))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  addVotes(votes: readonly NewVote[]): Promise<number[]> {
    return this.#guard('addVotes', async () => {
      if (votes.length === 0) return [];
      const rows = votes.map(voteToRow);
      return this.#inTransaction(async (store) => {
        const ids: number[] = [];
        for (const chunk of chunkForParameters(rows, VOTE_INSERT_COLUMNS)) {
          const inserted = await store.#db
            .insertInto('votes')
            .values(chunk)
            .returning('id')
            .execute();
          // Ids are assigned in row order; RETURNING order is not promised, so sort.
          const chunkIds = inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
          for (const id of chunkIds) ids.push(id);
        }
        return ids;
      });
    });
  }

  listVotes(query: VoteQuery): Promise<Vote[]> {
    return this.#guard('listVotes', async () => {
      if (query.itemIds?.length === 0) return [];
      const rows = await this.#db
        .selectFrom('votes')
        .selectAll()
        .where((eb) => {
          const conditions: Expression<SqlBool>[] = [];
          if (query.itemIds !== undefined)
            conditions.push(eb('item_id', 'in', textSet(this.#dialect, query.itemIds)));
          if (query.source !== undefined) conditions.push(eb('source', '=', query.source));
          if (query.runId !== undefined) conditions.push(eb('run_id', '=', query.runId));
          if (query.sourcePrefix !== undefined) {
            // substr, not LIKE: prefixes may hold `_` or `%`, and SQLite's LIKE ignores case.
            const prefix = query.sourcePrefix;
            conditions.push(eb(sql<string>`substr(source, 1, ${prefix.length})`, '=', prefix));
          }
          return eb.and(conditions);
        })
        .orderBy('id')
        .execute();
      return rows.map(rowToVote);
    });
  }

  putDecisions(decisions: readonly Decision[]): Promise<void> {
    return this.#guard('putDecisions', async () => {
      if (decisions.length === 0) return;
      const byItem = new Map<string, Decision>();
      for (const decision of decisions) byItem.set(decision.itemId, decision);
      const rows = Array.from(byItem.values(), decisionValues);
      await this.#inTransaction(async (store) => {
        for (const chunk of chunkForParameters(rows, DECISION_COLUMNS.length)) {
          await store.#bulkUpsert('decisions', DECISION_COLUMNS, chunk);
        }
      });
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

  listRuns(query: { readonly kind?: string }): Promise<Run[]> {
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
      this.#inTransaction(async (store) => {
        const latest = await store.#db
          .selectFrom('models')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('name', '=', model.name)
          .executeTakeFirst();
        const version = Number(latest?.v ?? 0) + 1;
        await store.#db
          .insertInto('models')
          .values({
            name: model.name,
            version,
            payload: model.payload,
            metrics: JSON.stringify(model.metrics),
            trained_on: model.trainedOn,
            created_at: model.createdAt,
          })
          .execute();
        return version;
      }),
    );
  }

  getModel(name: string, version?: number): Promise<StoredModel | undefined> {
    return this.#guard('getModel', async () => {
      const row = await this.#db
        .selectFrom('models')
        .selectAll()
        .where('name', '=', name)
        .$if(version !== undefined, (qb) => qb.where('version', '=', version ?? 0))
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : rowToModel(row);
    });
  }

  cacheGet(key: string): Promise<string | undefined> {
    return this.#guard('cacheGet', async () => {
      const row = await this.#db
        .selectFrom('llm_cache')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.value;
    });
  }

  cachePut(key: string, value: string): Promise<void> {
    return this.#guard('cachePut', async () => {
      await this.#db
        .insertInto('llm_cache')
        .values({ key, value, created_at: this.#now() })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
    });
  }

  /** Closes the connection; a no-op on a transaction-bound store and on a second call. */
  async close(): Promise<void> {
    if (this.#closed || this.#db.isTransaction) return;
    this.#closed = true;
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
            new KyselyStore({ db: trx, dialect: this.#dialect, clock: this.#clock }),
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

  /** Upserts rows whose first column is the table's key; every other column is overwritten, except `created_at`. */
  async #bulkUpsert(
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
  ): Promise<void> {
    const [key = '', ...rest] = columns;
    const update = rest.filter((column) => column !== 'created_at');
    await this.#db.executeQuery(
      bulkUpsertQuery({ dialect: this.#dialect, table, columns, rows, key, update }),
    );
  }

  async #countExisting(ids: readonly string[]): Promise<number> {
    const row = await this.#db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  #itemConditions(
    eb: ExpressionBuilder<StoreDatabase, 'items'>,
    query: ItemQuery,
  ): Expression<SqlBool>[] {
    const conditions: Expression<SqlBool>[] = [];
    if (query.role !== undefined) conditions.push(eb('role', 'in', roleList(query.role)));
    if (query.ids !== undefined) conditions.push(eb('id', 'in', textSet(this.#dialect, query.ids)));
    if (query.afterId !== undefined) conditions.push(eb('id', '>', query.afterId));
    if (query.withoutVoteFrom !== undefined) {
      const source = query.withoutVoteFrom;
      const votes = eb
        .selectFrom('votes')
        .select(eb.lit(1).as('one'))
        .whereRef('votes.item_id', '=', 'items.id')
        .where('votes.source', '=', source);
      conditions.push(eb.not(eb.exists(votes)));
    }
    return conditions;
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}

function roleList(role: NonNullable<ItemQuery['role']>): readonly string[] {
  return typeof role === 'string' ? [role] : role;
}

/** Empty `role` or `ids` lists select nothing (and `in ()` is not valid SQL). */
function matchesNothing(query: Omit<ItemQuery, 'afterId' | 'limit'>): boolean {
  return query.ids?.length === 0 || (query.role !== undefined && roleList(query.role).length === 0);
}
