import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0010_machine_checks`: the machine's predicted label on queue entries, with an index of the
 * open entries per kind and predicted label in lease order (skill matching reads the head of one
 * label at a time), and `answer_flags`, one row per answer a machine check flagged.
 * @example storeMigrations(dialect)['0010_machine_checks'] = machineChecksMigration(dialect)
 * Complexity: one column, one partial index, one table.
 */
export function machineChecksMigration(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('queue').addColumn('predicted_label', 'text').execute();
      await db.schema
        .createIndex('queue_open_label')
        .on('queue')
        .columns(['kind', 'predicted_label', 'priority desc', 'item_id'])
        .where(sql.ref('taken'), '<', sql.ref('overlap'))
        .execute();
      await db.schema
        .createTable('answer_flags')
        .addColumn('item_id', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('annotator_id', 'text', (col) =>
          col.notNull().references('annotators.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('reason', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('answer_flags_pk', ['item_id', 'annotator_id', 'kind'])
        .execute();
      await db.schema
        .createIndex('answer_flags_annotator')
        .on('answer_flags')
        .columns(['annotator_id', 'kind'])
        .execute();
    },
  };
}
