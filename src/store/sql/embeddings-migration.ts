import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

/**
 * `0003_embeddings`: the embedding cache, one row per (model, sha256 of the text) with the
 * vector as a blob of little-endian float32 (4 bytes a dimension, a third of JSON's size).
 * The text itself is not kept: the items hold it, and the hash is all a lookup needs.
 * @example storeMigrations(dialect)['0003_embeddings'] = embeddingsMigration(dialect)
 * Complexity: one table, no index beyond its key.
 */
export function embeddingsMigration(dialect: StoreDialect): Migration {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('embeddings')
        .addColumn('model', 'text', (col) => col.notNull())
        .addColumn('text_hash', 'text', (col) => col.notNull())
        .addColumn('dimensions', 'integer', (col) => col.notNull())
        .addColumn('vector', bytes, (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('embeddings_pk', ['model', 'text_hash'])
        .execute();
    },
  };
}
