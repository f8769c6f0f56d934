import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0005_gold_answers`: each person's first, scored answer to a gold item (one row per annotator
 * and item, never rewritten by an undo), the appeals against them (at most one per answer), and
 * `annotators.rules_since`, where the rules' window starts after a suspension is lifted.
 * @example storeMigrations(dialect)['0005_gold_answers'] = goldAnswersMigration(dialect)
 * Complexity: two tables keyed for per-person reads, one column.
 */
export function goldAnswersMigration(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('gold_answers')
        .addColumn('annotator_id', 'text', (col) =>
          col.notNull().references('annotators.id').onDelete('cascade'),
        )
        .addColumn('item_id', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('label', 'text', (col) => col.notNull())
        .addColumn('gold_label', 'text', (col) => col.notNull())
        .addColumn('correct', 'integer', (col) => col.notNull())
        .addColumn('answered_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('gold_answers_pk', ['annotator_id', 'item_id'])
        .execute();

      let appeals = db.schema.createTable('appeals');
      appeals =
        dialect === 'postgres'
          ? appeals.addColumn('id', 'bigserial', (col) => col.primaryKey())
          : appeals.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
      await appeals
        .addColumn('annotator_id', 'text', (col) => col.notNull())
        .addColumn('item_id', idType, (col) => col.notNull())
        .addColumn('comment', 'text', (col) => col.notNull())
        .addColumn('state', 'text', (col) => col.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('settled_at', 'text')
        .addColumn('settled_by', 'text')
        .addUniqueConstraint('appeals_answer', ['annotator_id', 'item_id'])
        .addForeignKeyConstraint(
          'appeals_gold_answer',
          ['annotator_id', 'item_id'],
          'gold_answers',
          ['annotator_id', 'item_id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema.createIndex('appeals_state').on('appeals').columns(['state', 'id']).execute();

      await db.schema.alterTable('annotators').addColumn('rules_since', 'text').execute();
    },
  };
}
