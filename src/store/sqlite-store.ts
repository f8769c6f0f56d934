import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { Clock } from '../core/ports/runtime.js';
import type { Store } from '../core/ports/store.js';
import { cachedStatements } from './cached-statements.js';
import { mapDatabaseError } from './map-database-error.js';
import { openKyselyStore, systemClock } from './open-kysely-store.js';
import type { StoreDatabase } from './store-database.js';

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
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let database: Database.Database;
  try {
    database = new Database(options.path);
    database.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode and much faster than FULL.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('cache_size = -65536');
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  } catch (error) {
    throw mapDatabaseError(error, `open ${options.path}`);
  }
  const db = new Kysely<StoreDatabase>({
    dialect: new ImmediateSqliteDialect({ database: cachedStatements(database) }),
  });
  return openKyselyStore(db, 'sqlite', options.clock ?? systemClock);
}

/**
 * Store transactions write, so they start with BEGIN IMMEDIATE: the write lock is taken up front
 * (waiting up to the busy timeout) instead of at the first write, where another process's commit
 * in between would fail the transaction with SQLITE_BUSY regardless of the timeout.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
