import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { ItemComment } from '../../core/ports/item-comments.js';
import { rowToComment, sortComments } from '../sql/item-comment-rows.js';
import type { ItemCommentsTable } from '../sql/store-database.js';

/**
 * People's notes on items over prepared statements, for the SQLite people store: the insert runs
 * inside the store's group commit, the read like any other read of it.
 * @example const comments = sqliteItemComments(db); comments.insert(comment)
 * Complexity: an insert is one statement; a read one indexed statement.
 */
export function sqliteItemComments(db: Database.Database): {
  insert(comment: ItemComment): void;
  list(itemIds: readonly string[]): ItemComment[];
} {
  const insert = db.prepare(
    'insert into item_comments (item_id, annotator_id, text, created_at) values (?, ?, ?, ?)',
  );
  const select = db.prepare(
    'select * from item_comments where item_id in (select value from json_each(?))',
  );
  return {
    insert(c) {
      insert.run(c.itemId, c.annotatorId, c.text, c.createdAt);
    },
    list(itemIds) {
      if (itemIds.length === 0) return [];
      const rows = select.all(JSON.stringify(itemIds)) as Selectable<ItemCommentsTable>[];
      return sortComments(rows.map(rowToComment));
    },
  };
}
