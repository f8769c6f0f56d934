import type { Kysely } from 'kysely';
import type { ItemComment } from '../../core/ports/item-comments.js';
import { rowToComment, sortComments } from './item-comment-rows.js';
import type { StoreDatabase } from './store-database.js';
import { textSet, type StoreDialect } from './store-dialect.js';

/**
 * People's notes on items over Kysely, for the Kysely people store.
 * @example await insertComment(db, comment)
 * Complexity: one statement.
 */
export async function insertComment(db: Kysely<StoreDatabase>, c: ItemComment): Promise<void> {
  await db
    .insertInto('item_comments')
    .values({
      item_id: c.itemId,
      annotator_id: c.annotatorId,
      text: c.text,
      created_at: c.createdAt,
    })
    .execute();
}

/**
 * The comments on these items, oldest first.
 * @example await selectComments(db, 'postgres', ['a', 'b'])
 * Complexity: one indexed statement.
 */
export async function selectComments(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  itemIds: readonly string[],
): Promise<ItemComment[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('item_comments')
    .selectAll()
    .where('item_id', 'in', textSet(dialect, itemIds))
    .execute();
  return sortComments(rows.map(rowToComment));
}
