import { Kysely } from 'kysely';
import type { Clock } from '../../core/ports/runtime.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { openKyselyStore, systemClock } from '../sql/open-kysely-store.js';
import { PgliteDialect, type PgliteClient } from './pglite-driver.js';
import type { StoreDatabase } from '../sql/store-database.js';

export interface PgliteStoreOptions {
  /** Directory of a persistent database; in memory when omitted. Ignored when `client` is given. */
  readonly dataDir?: string;
  /** An already open PGlite instance; the store then leaves it open on close(). */
  readonly client?: PgliteClient;
  /** Wall-clock for row timestamps; defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * Opens (and migrates) a PostgreSQL store on PGlite, the in-process WASM build: real PostgreSQL
 * semantics without a server, for tests and single-user trials. PGlite is a development
 * dependency, loaded only when this is called.
 * @example const store = await openPgliteStore({ dataDir: '.hilo/pg' })
 * Complexity: starting PGlite takes seconds; afterwards as openPostgresStore.
 */
export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<StoreWithPeople> {
  const dialect =
    options.client !== undefined
      ? new PgliteDialect({ client: options.client, closeOnDestroy: false })
      : new PgliteDialect({ client: () => startPglite(options.dataDir) });
  const db = new Kysely<StoreDatabase>({ dialect });
  return openKyselyStore(db, 'postgres', options.clock ?? systemClock);
}

async function startPglite(dataDir: string | undefined): Promise<PgliteClient> {
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create(dataDir);
}
