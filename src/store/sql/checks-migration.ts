import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0011_checks`: expert checks drawn from the pool, one row per drawn item with its draw, stratum,
 * the stratum's size and its sampling probability, and the expert's label once given.
 * @example storeMigrations(dialect)['0011_checks'] = checksMigration(dialect)
 * Complexity: one table.
 */
export function checksMigration(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('checks')
        .addColumn('item_id', idType, (col) =>
          col.primaryKey().references('items.id').onDelete('cascade'),
        )
        .addColumn('draw', 'integer', (col) => col.notNull())
        .addColumn('stratum', 'text', (col) => col.notNull())
        .addColumn('stratum_size', 'integer', (col) => col.notNull())
        .addColumn('probability', 'double precision', (col) => col.notNull())
        .addColumn('label', 'text')
        .addColumn('labelled_by', 'text')
        .addColumn('labelled_at', 'text')
        .addColumn('drawn_at', 'text', (col) => col.notNull())
        .execute();
    },
  };
}
