import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { HiloError } from '../../core/errors.js';
import { checksMigration } from './checks-migration.js';
import { commentsMigration } from './comments-migration.js';
import { duplicatesMigration } from './duplicates-migration.js';
import { embeddingsMigration } from './embeddings-migration.js';
import { goldAnswersMigration } from './gold-answers-migration.js';
import { invitationsMigration } from './invitations-migration.js';
import { labelLeasesMigration } from './label-leases-migration.js';
import { locksMigration } from './locks-migration.js';
import { machineChecksMigration } from './machine-checks-migration.js';
import type { StoreDialect } from './store-dialect.js';

/**
 * The store's migrations as code, keyed by name (applied in name order). The same schema in both
 * dialects; only column types that differ are chosen per dialect. `0002_people` adds annotators,
 * sessions, the queue and assignments; `0003_embeddings` the embedding cache; `0004_queue_open`
 * indexes the open queue entries in lease order; `0005_gold_answers` the scored first answers to
 * gold items, appeals and the rules' window start; `0006_invitations` holds single-use
 * invitations; `0008_comments` keeps people's notes on items; `0010_machine_checks` adds the queue's predicted
 * label and the answer flags; `0011_checks` the expert checks drawn from the pool;
 * `0012_label_leases` the workers of label runs and their leases on items; `0013_locks` named
 * locks with a holder and an expiry; `0014_duplicates` the duplicate marks of `hilo dedup`. Never
 * edit an applied one.
 * @example new Migrator({ db, provider: { getMigrations: async () => storeMigrations('sqlite') } })
 */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_initial': initial(dialect),
    '0002_people': people(dialect),
    '0003_embeddings': embeddingsMigration(dialect),
    '0004_queue_open': queueOpen(),
    '0005_gold_answers': goldAnswersMigration(dialect),
    '0006_invitations': invitationsMigration(),
    '0008_comments': commentsMigration(dialect),
    '0010_machine_checks': machineChecksMigration(dialect),
    '0011_checks': checksMigration(dialect),
    '0012_label_leases': labelLeasesMigration(dialect),
    '0013_locks': locksMigration(dialect),
    '0014_duplicates': duplicatesMigration(dialect),
  };
}

/**
 * Brings the database to the latest schema; throws HiloError INTERNAL (with the cause) if a
 * migration fails. Safe to call from several processes: on PostgreSQL Kysely's Migrator takes an
 * advisory lock; on SQLite the store's dialect runs all migrations in one BEGIN IMMEDIATE.
 * @example await migrateStore(db, 'postgres')
 */
export async function migrateStore(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(storeMigrations(dialect)),
  };
  // Migrations touch separate tables, so one added with a lower number than one a database has
  // already run (two branches of work meeting) is run, not refused as "corrupted".
  const { error, results } = await new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  // No failed migration means the database could not be reached or read at all.
  const message =
    failed === undefined
      ? `cannot open the store: ${String(error)}`
      : `store migration "${failed}" failed: ${String(error)}`;
  throw new HiloError('INTERNAL', message, undefined, { cause: error });
}

function initial(dialect: StoreDialect): Migration {
  // PostgreSQL's default collation may be locale-aware; "C" keeps id order (and so keyset
  // pagination) byte-wise, as in SQLite.
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('items')
        .addColumn('id', idType, (col) => col.primaryKey())
        .addColumn('fields', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('batch', 'text')
        .addColumn('gold_label', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('items_role').on('items').columns(['role', 'id']).execute();

      let votes = db.schema.createTable('votes');
      votes =
        dialect === 'postgres'
          ? votes.addColumn('id', 'bigserial', (col) => col.primaryKey())
          : votes.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
      await votes
        .addColumn('item_id', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('label', 'text')
        .addColumn('probabilities', 'text')
        .addColumn('method', 'text', (col) => col.notNull())
        .addColumn('other_mass', 'double precision', (col) => col.notNull().defaultTo(0))
        .addColumn('verbalized', 'double precision')
        .addColumn('rationale', 'text')
        .addColumn('abstain_reason', 'text')
        .addColumn('run_id', 'text')
        .addColumn('tokens_in', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('tokens_out', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('cost_usd', 'double precision', (col) => col.notNull().defaultTo(0))
        .addColumn('latency_ms', 'double precision', (col) => col.notNull().defaultTo(0))
        .addColumn('time_spent_ms', 'double precision')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('votes_item').on('votes').column('item_id').execute();
      await db.schema
        .createIndex('votes_source_item')
        .on('votes')
        .columns(['source', 'item_id'])
        .execute();
      await db.schema.createIndex('votes_run').on('votes').column('run_id').execute();

      await db.schema
        .createTable('decisions')
        .addColumn('item_id', idType, (col) =>
          col.primaryKey().references('items.id').onDelete('cascade'),
        )
        .addColumn('label', 'text')
        .addColumn('confidence', 'double precision')
        .addColumn('probabilities', 'text')
        .addColumn('decided_by', 'text', (col) => col.notNull())
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('vote_ids', 'text', (col) => col.notNull())
        .addColumn('zone', 'text')
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('config', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('items_done', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('items_failed', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('tokens_in', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('tokens_out', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('cost_usd', 'double precision', (col) => col.notNull().defaultTo(0))
        .addColumn('started_at', 'text', (col) => col.notNull())
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('runs_kind').on('runs').columns(['kind', 'started_at']).execute();

      await db.schema
        .createTable('models')
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('version', 'integer', (col) => col.notNull())
        .addColumn('payload', 'text', (col) => col.notNull())
        .addColumn('metrics', 'text', (col) => col.notNull())
        .addColumn('trained_on', 'bigint', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('models_pk', ['name', 'version'])
        .execute();

      await db.schema
        .createTable('llm_cache')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('value', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
    },
  };
}

function people(dialect: StoreDialect): Migration {
  const idType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('annotators')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('state', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('suspended_reason', 'text')
        .addColumn('flagged_reason', 'text')
        .addColumn('controls_seen', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('controls_correct', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('discounted', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('annotator_id', 'text', (col) =>
          col.notNull().references('annotators.id').onDelete('cascade'),
        )
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('queue')
        .addColumn('item_id', idType, (col) =>
          col.primaryKey().references('items.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('zone', 'text')
        .addColumn('priority', 'double precision', (col) => col.notNull().defaultTo(0))
        .addColumn('overlap', 'integer', (col) => col.notNull())
        // Live leases plus answers, kept on the row so that a locked re-check sees the latest value.
        .addColumn('taken', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('gold_label', 'text')
        .addColumn('review_reason', 'text')
        .execute();
      await db.schema
        .createIndex('queue_kind_priority')
        .on('queue')
        .columns(['kind', 'priority', 'item_id'])
        .execute();

      await db.schema
        .createTable('assignments')
        .addColumn('item_id', idType, (col) =>
          col.notNull().references('items.id').onDelete('cascade'),
        )
        .addColumn('annotator_id', 'text', (col) =>
          col.notNull().references('annotators.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('leased_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('state', 'text', (col) => col.notNull())
        .addColumn('vote_id', 'bigint')
        .addPrimaryKeyConstraint('assignments_pk', ['item_id', 'annotator_id'])
        .execute();
      await db.schema
        .createIndex('assignments_state_expiry')
        .on('assignments')
        .columns(['state', 'expires_at'])
        .execute();
      await db.schema
        .createIndex('assignments_annotator')
        .on('assignments')
        .columns(['annotator_id', 'state'])
        .execute();
    },
  };
}

/**
 * Leasing takes the first open entry of a kind in (priority desc, item id) order. The older index
 * sorts priority ascending, so the planner sorted every entry of the kind on each lease; this one
 * holds only open entries (taken < overlap) in lease order, so a lease reads the first few.
 */
function queueOpen(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('queue_open')
        .on('queue')
        .columns(['kind', 'priority desc', 'item_id'])
        .where(sql.ref('taken'), '<', sql.ref('overlap'))
        .execute();
    },
  };
}
