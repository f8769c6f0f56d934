import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0014_duplicates`: items marked as duplicates by `hilo dedup --apply`, one row per duplicate
 * with its representative and their similarity; both ends go with their item.
 * @example storeMigrations(dialect)['0014_duplicates'] = duplicatesMigration(dialect)
 * Complexity: one table and one index.
 */
export function duplicatesMigration(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('duplicates')
        .addColumn('item_id', idType, (col) =>
          col.primaryKey().references('items.id').onDelete('cascade'),
        )
        .addColumn('duplicate_of', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('similarity', 'double precision', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('duplicates_duplicate_of')
        .on('duplicates')
        .column('duplicate_of')
        .execute();
    },
  };
}
