import { HiloError } from '../core/errors.js';
import type { Clock } from '../core/ports/runtime.js';
import type { StoreWithPeople } from '../core/ports/people-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface OpenStoreOptions {
  /** SQLite database file. */
  readonly path?: string;
  /** PostgreSQL connection string. */
  readonly url?: string;
  readonly clock?: Clock;
}

/**
 * Opens the project's store: PostgreSQL when `url` is given, else SQLite at `path`. Exactly one
 * of them must be set (HiloError INVALID_INPUT otherwise).
 * @example const store = await openStore({ path: 'project.hilo.db' })
 * Complexity: that of the chosen factory.
 */
export function openStore(options: OpenStoreOptions): Promise<StoreWithPeople> {
  const { path, url, clock } = options;
  if (url !== undefined && path !== undefined) {
    return Promise.reject(
      new HiloError('INVALID_INPUT', 'give either a database path or a url, not both'),
    );
  }
  if (url !== undefined) {
    // PostgreSQL's driver is loaded only for a project that uses it.
    return import('./postgres/postgres-store.js').then(({ openPostgresStore }) =>
      openPostgresStore(clock === undefined ? { url } : { url, clock }),
    );
  }
  if (path !== undefined) return openSqliteStore(clock === undefined ? { path } : { path, clock });
  return Promise.reject(new HiloError('INVALID_INPUT', 'a store needs a database path or a url'));
}
