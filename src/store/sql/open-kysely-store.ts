import type { Kysely } from 'kysely';
import type { Clock } from '../../core/ports/runtime.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import { mapDatabaseError } from './map-database-error.js';
import type { StoreDatabase } from './store-database.js';
import type { StoreDialect } from './store-dialect.js';
import { migrateStore } from './store-migrations.js';

/** Wall-clock time for row timestamps when the caller passes no Clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Migrates `db` to the latest schema and wraps it as a Store; destroys `db` if migrating fails,
 * so a failed open leaks no connection. Errors surface as HiloError. `make` builds a Store of a
 * dialect's own (KyselyStore by default) once the schema is there, so it may prepare statements.
 * @example const store = await openKyselyStore(new Kysely({ dialect }), 'postgres', systemClock)
 * Complexity: one migration check (plus any pending migrations).
 */
export async function openKyselyStore(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  clock: Clock,
  make: (options: KyselyStoreOptions) => KyselyStore = (options) => new KyselyStore(options),
): Promise<StoreWithPeople> {
  try {
    await migrateStore(db as Kysely<unknown>, dialect);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw mapDatabaseError(error, 'open');
  }
  try {
    return make({ db, dialect, clock });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw mapDatabaseError(error, 'open');
  }
}
