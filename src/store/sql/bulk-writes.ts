import type { Kysely } from 'kysely';
import type { UpsertCounts } from '../../core/ports/store.js';
import type { Decision, Item, NewVote } from '../../core/types.js';
import { bulkUpsertQuery } from './bulk-upsert-query.js';
import type { StoreDatabase } from './store-database.js';
import { chunkForParameters, textSet, type StoreDialect } from './store-dialect.js';
import {
  DECISION_COLUMNS,
  ITEM_COLUMNS,
  VOTE_INSERT_COLUMNS,
  decisionValues,
  itemValues,
  voteToRow,
} from './store-rows.js';

/** A Kysely instance (or transaction) and its SQL flavour. */
export interface StoreSql {
  readonly db: Kysely<StoreDatabase>;
  readonly dialect: StoreDialect;
}

/**
 * Upserts items in statements of up to MAX_PARAMETERS values, counting ids that already existed
 * first so the counts are exact (`updated` counts them whether or not a value changed; unchanged
 * rows are not rewritten). Call inside a transaction, or the counts may race. A repeated id
 * counts once and its last version wins (PostgreSQL refuses one row twice in an upsert).
 * @example const { inserted, updated } = await upsertItemRows({ db: trx, dialect }, items, now)
 * Complexity: O(n) rows, two statements per chunk.
 */
export async function upsertItemRows(
  to: StoreSql,
  items: readonly Item[],
  now: string,
): Promise<UpsertCounts> {
  const byId = new Map<string, Item>();
  for (const item of items) byId.set(item.id, item);
  const rows = Array.from(byId.values(), (item) => itemValues(item, now));
  let updated = 0;
  for (const chunk of chunkForParameters(rows, ITEM_COLUMNS.length)) {
    const ids = chunk.map((row) => row[0] as string);
    const existing = await to.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', textSet(to.dialect, ids))
      .executeTakeFirstOrThrow();
    updated += Number(existing.n);
    await to.db.executeQuery(
      bulkUpsertQuery({
        dialect: to.dialect,
        table: 'items',
        columns: ITEM_COLUMNS,
        rows: chunk,
        key: 'id',
        update: ['fields', 'role', 'batch', 'gold_label', 'updated_at'],
        changedIn: ['fields', 'role', 'batch', 'gold_label'],
      }),
    );
  }
  return { inserted: rows.length - updated, updated };
}

/**
 * Inserts or replaces decisions by item id, in item id order; the last of repeated item ids wins.
 * @example await upsertDecisionRows({ db, dialect }, decisions)
 * Complexity: O(n log n) to sort, one statement per chunk.
 */
export async function upsertDecisionRows(
  to: StoreSql,
  decisions: readonly Decision[],
): Promise<void> {
  const byItem = new Map<string, Decision>();
  for (const decision of decisions) byItem.set(decision.itemId, decision);
  // In key order, each row lands beside the last in the primary-key index: on a large table
  // this writes about twice as fast as random order.
  const ids = [...byItem.keys()].sort();
  // Rows are made one statement at a time, so only one chunk's values (their JSON text) live at
  // once: for 200k decisions that is a fiftieth of the memory and of the garbage collector's work.
  for (const chunk of chunkForParameters(ids, DECISION_COLUMNS.length)) {
    await to.db.executeQuery(
      bulkUpsertQuery({
        dialect: to.dialect,
        table: 'decisions',
        columns: DECISION_COLUMNS,
        rows: chunk.map((id) => decisionValues(byItem.get(id) as Decision)),
        key: 'item_id',
        update: DECISION_COLUMNS.slice(1),
      }),
    );
  }
}

/**
 * Appends votes and returns their ids in input order. Call inside a transaction when there may be
 * more than one chunk.
 * @example const ids = await insertVoteRows({ db, dialect }, votes)
 * Complexity: O(n) rows, one statement per chunk.
 */
export async function insertVoteRows(to: StoreSql, votes: readonly NewVote[]): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunkForParameters(votes.map(voteToRow), VOTE_INSERT_COLUMNS)) {
    const inserted = await to.db.insertInto('votes').values(chunk).returning('id').execute();
    // Ids are assigned in row order; RETURNING order is not promised, so sort.
    const chunkIds = inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
    for (const id of chunkIds) ids.push(id);
  }
  return ids;
}
