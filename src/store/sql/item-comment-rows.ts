import type { Selectable } from 'kysely';
import type { ItemComment } from '../../core/ports/item-comments.js';
import type { ItemCommentsTable } from './store-database.js';

/**
 * An `item_comments` row as the port type, shared by the Kysely and the SQLite people stores.
 * @example rowToComment(db.prepare('select * from item_comments').get())
 * Complexity: O(1).
 */
export function rowToComment(row: Selectable<ItemCommentsTable>): ItemComment {
  return {
    itemId: row.item_id,
    annotatorId: row.annotator_id,
    text: row.text,
    createdAt: row.created_at,
  };
}

/**
 * Oldest first, ties by annotator id: the order every store lists comments in.
 * @example sortComments(comments)
 * Complexity: O(n log n).
 */
export function sortComments(comments: ItemComment[]): ItemComment[] {
  return comments.sort(
    (a, b) =>
      compare(a.createdAt, b.createdAt) ||
      compare(a.annotatorId, b.annotatorId) ||
      compare(a.text, b.text),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
