import type { Kysely, Migration } from 'kysely';

/**
 * `0006_invitations`: single-use invitations, one row per link by the SHA-256 of its token, with
 * when it expires and when it was used (null until then). The annotators' own token hashes stop
 * being credentials: links printed before this migration no longer sign anyone in, and
 * `hilo annotators invite` issues new ones.
 * @example storeMigrations(dialect)['0006_invitations'] = invitationsMigration()
 * Complexity: one table and one index on the person.
 */
export function invitationsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('invitations')
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('annotator_id', 'text', (col) =>
          col.notNull().references('annotators.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createIndex('invitations_annotator')
        .on('invitations')
        .columns(['annotator_id'])
        .execute();
    },
  };
}
