import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateStore, storeMigrations } from './store-migrations.js';

let db: Kysely<unknown> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('migrateStore', () => {
  it('runs a migration numbered below one the database already ran', async () => {
    db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    const all = storeMigrations('sqlite');
    const names = Object.keys(all).sort();
    const late = names[names.length - 2]!;
    // A database that ran every migration but one that sorts before the newest.
    const without = Object.fromEntries(Object.entries(all).filter(([name]) => name !== late));
    const partial = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(without) },
    }).migrateToLatest();
    expect(partial.error).toBeUndefined();

    await migrateStore(db, 'sqlite');

    const ran = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(db);
    expect(ran.rows.map((r) => r.name)).toEqual(names);
  });
});
