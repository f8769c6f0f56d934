import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ItemQuery, VoteQuery } from '../../core/ports/store.js';
import type { StoreDatabase } from './store-database.js';
import { textSet, type StoreDialect } from './store-dialect.js';

/**
 * WHERE conditions of an item query (ANDed by the caller). `withoutVoteFrom` is a NOT EXISTS
 * over votes(source, item_id), which the index of that name answers without a scan.
 * @example db.selectFrom('items').where((eb) => eb.and(itemConditions(eb, query, 'sqlite')))
 * Complexity: O(1) conditions; O(|ids|) to encode an id list.
 */
export function itemConditions(
  eb: ExpressionBuilder<StoreDatabase, 'items'>,
  query: ItemQuery,
  dialect: StoreDialect,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (query.role !== undefined) conditions.push(eb('role', 'in', roleList(query.role)));
  if (query.ids !== undefined) conditions.push(eb('id', 'in', textSet(dialect, query.ids)));
  if (query.afterId !== undefined) conditions.push(eb('id', '>', query.afterId));
  if (query.duplicates !== undefined) {
    const marked = eb
      .selectFrom('duplicates')
      .select(eb.lit(1).as('one'))
      .whereRef('duplicates.item_id', '=', 'items.id');
    conditions.push(query.duplicates ? eb.exists(marked) : eb.not(eb.exists(marked)));
  }
  if (query.withoutVoteFrom !== undefined) {
    const votes = eb
      .selectFrom('votes')
      .select(eb.lit(1).as('one'))
      .whereRef('votes.item_id', '=', 'items.id')
      .where('votes.source', '=', query.withoutVoteFrom);
    conditions.push(eb.not(eb.exists(votes)));
  }
  return conditions;
}

/**
 * WHERE conditions of a vote query (ANDed by the caller).
 * @example db.selectFrom('votes').where((eb) => eb.and(voteConditions(eb, { sourcePrefix: 'llm:' }, 'sqlite')))
 * Complexity: O(1) conditions; O(|itemIds|) to encode an id list.
 */
export function voteConditions(
  eb: ExpressionBuilder<StoreDatabase, 'votes'>,
  query: VoteQuery,
  dialect: StoreDialect,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (query.itemIds !== undefined)
    conditions.push(eb('item_id', 'in', textSet(dialect, query.itemIds)));
  if (query.source !== undefined) conditions.push(eb('source', '=', query.source));
  if (query.runId !== undefined) conditions.push(eb('run_id', '=', query.runId));
  if (query.sourcePrefix !== undefined) {
    // substr, not LIKE: prefixes may hold `_` or `%`, and SQLite's LIKE ignores case.
    const prefix = query.sourcePrefix;
    conditions.push(eb(sql<string>`substr(source, 1, ${prefix.length})`, '=', prefix));
  }
  return conditions;
}

/** True when an empty `role` or `ids` list makes the query select nothing (`in ()` is not valid SQL). */
export function matchesNothing(query: Omit<ItemQuery, 'afterId' | 'limit'>): boolean {
  return query.ids?.length === 0 || (query.role !== undefined && roleList(query.role).length === 0);
}

function roleList(role: NonNullable<ItemQuery['role']>): readonly string[] {
  return typeof role === 'string' ? [role] : role;
}
