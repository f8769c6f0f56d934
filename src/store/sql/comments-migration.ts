import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0008_comments`: people's notes on items (the annotate page's flag / comment key), one row per
 * note, read by item for the review page.
 * @example storeMigrations(dialect)['0008_comments'] = commentsMigration(dialect)
 * Complexity: one table and one index.
 */
export function commentsMigration(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('item_comments')
        .addColumn('item_id', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('annotator_id', 'text', (col) =>
          col.notNull().references('annotators.id').onDelete('cascade'),
        )
        .addColumn('text', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('item_comments_item')
        .on('item_comments')
        .columns(['item_id', 'created_at'])
        .execute();
    },
  };
}
