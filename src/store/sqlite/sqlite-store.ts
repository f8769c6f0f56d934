import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { Clock } from '../../core/ports/runtime.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { cachedStatements } from './cached-statements.js';
import { sqliteColumnReads } from './sqlite-column-reads.js';
import { mapDatabaseError } from '../sql/map-database-error.js';
import { openKyselyStore, systemClock } from '../sql/open-kysely-store.js';
import { countForeignWrites } from './sqlite-people-foreign-writes.js';
import { SqlitePeopleServingStore } from './sqlite-people-serving-store.js';
import type { StoreDatabase } from '../sql/store-database.js';

export interface SqliteStoreOptions {
  /** Database file; created if missing (its directory must exist). `:memory:` for a throwaway store. */
  readonly path: string;
  /** Wall-clock for row timestamps; defaults to the system clock. */
  readonly clock?: Clock;
  /** How long a writer waits for another process's lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (and migrates) a SQLite store: one file, WAL journal so readers never block the writer,
 * foreign keys enforced, and a busy timeout so a second process waits instead of failing.
 * @example const store = await openSqliteStore({ path: 'project.hilo.db' })
 * Complexity: O(1) plus pending migrations.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<StoreWithPeople> {
  let database: Database.Database | undefined;
  try {
    database = new Database(options.path);
    // First, so that the pragmas below also wait for another process's lock.
    const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    await enableWal(database, busyTimeoutMs);
    // NORMAL is durable across process crashes in WAL mode and much faster than FULL.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    // 64 MB page cache (default 2 MB): the id index of a million-item table stays in memory.
    database.pragma('cache_size = -65536');
  } catch (error) {
    database?.close();
    throw mapDatabaseError(error, `open ${options.path}`);
  }
  // The people store caches rows; it learns of Kysely's writes on this connection from this count.
  const writes = countForeignWrites(cachedStatements(database));
  const db = new Kysely<StoreDatabase>({
    dialect: new StoreSqliteDialect({ database: writes.database }),
  });
  const connection = database;
  return openKyselyStore(
    db,
    'sqlite',
    options.clock ?? systemClock,
    (kysely) =>
      new SqlitePeopleServingStore(
        { ...kysely, columnReads: sqliteColumnReads(connection) },
        connection,
        writes.count,
      ),
  );
}

/**
 * Two changes to Kysely's SQLite dialect, both for several processes on one file:
 * - transactions start with BEGIN IMMEDIATE: store transactions write, and taking the write lock
 *   up front (waiting up to the busy timeout) avoids failing at the first write with SQLITE_BUSY
 *   when another process committed in between;
 * - migrations run in one such transaction (SQLite DDL is transactional; Kysely assumes not and
 *   takes no lock), so two processes opening a new file cannot both create the tables.
 */
class StoreSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Switches the file to WAL. While another process is switching a new file, SQLite may answer
 * SQLITE_BUSY at once, without waiting out the busy timeout, so the switch is retried until the
 * timeout has passed.
 * Complexity: O(1) per attempt; at most busyTimeoutMs / 10 attempts.
 */
async function enableWal(database: Database.Database, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() >= deadline) throw error;
      await delay(10);
    }
  }
}
