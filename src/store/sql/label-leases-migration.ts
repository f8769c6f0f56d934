import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0012_label_leases`: work sharing between `hilo label` processes. `run_workers` holds one row
 * per worker of a run with its heartbeat's expiry (ms since the epoch) and its end; `label_leases`
 * one row per item a worker is labelling for a vote source, until it expires or is released.
 * @example storeMigrations(dialect)['0012_label_leases'] = labelLeasesMigration(dialect)
 * Complexity: two tables and two indexes.
 */
export function labelLeasesMigration(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('run_workers')
        .addColumn('run_id', 'text', (col) => col.notNull())
        .addColumn('worker', 'text', (col) => col.notNull())
        .addColumn('started_at', 'text', (col) => col.notNull())
        .addColumn('beat_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .addColumn('ended_at', 'text')
        .addPrimaryKeyConstraint('run_workers_pk', ['run_id', 'worker'])
        .execute();
      await db.schema
        .createTable('label_leases')
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('item_id', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('run_id', 'text', (col) => col.notNull())
        .addColumn('worker', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('label_leases_pk', ['source', 'item_id'])
        .execute();
      await db.schema
        .createIndex('label_leases_worker')
        .on('label_leases')
        .columns(['run_id', 'worker'])
        .execute();
    },
  };
}
