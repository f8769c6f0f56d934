import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../core/ports/runtime.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { openKyselyStore, systemClock } from '../sql/open-kysely-store.js';
import type { StoreDatabase } from '../sql/store-database.js';

export interface PostgresStoreOptions {
  /** Connection string, e.g. `postgres://user:pass@host:5432/hilo`. */
  readonly url: string;
  /** Wall-clock for row timestamps; defaults to the system clock. */
  readonly clock?: Clock;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
}

/**
 * Opens (and migrates) a PostgreSQL store over a `pg` connection pool. Several processes may open
 * the same database at once: migrations take a lock.
 * @example const store = await openPostgresStore({ url: process.env.DATABASE_URL })
 * Complexity: one connection round trip plus pending migrations.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<StoreWithPeople> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  return openKyselyStore(db, 'postgres', options.clock ?? systemClock);
}
