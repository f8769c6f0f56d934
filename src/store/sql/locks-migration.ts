import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0013_locks`: named locks, one row per lock with its owner (unique per process), the holder in
 * words, since when and until when it holds it. Times are ISO-8601 text compared byte-wise
 * (collation "C" on PostgreSQL), as in every other table.
 * @example storeMigrations(dialect)['0013_locks'] = locksMigration(dialect)
 * Complexity: one table.
 */
export function locksMigration(dialect: StoreDialect): Migration {
  const textType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('locks')
        .addColumn('name', textType, (col) => col.primaryKey())
        .addColumn('owner', 'text', (col) => col.notNull())
        .addColumn('holder', 'text', (col) => col.notNull())
        .addColumn('since', 'text', (col) => col.notNull())
        .addColumn('expires_at', textType, (col) => col.notNull())
        .execute();
    },
  };
}
