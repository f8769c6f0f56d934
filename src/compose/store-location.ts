import { isAbsolute, join } from 'node:path';
import { HiloError } from '../core/errors.js';

/** Where a project's store lives: a PostgreSQL server, or a SQLite file. */
export type StoreLocation = { readonly url: string } | { readonly path: string };

const POSTGRES = /^postgres(ql)?:\/\//i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Reads `HILO_DATABASE_URL` (first) or hilo.yaml's `database`: a `postgres://` or
 * `postgresql://` URL is a PostgreSQL server; a value without a scheme is a SQLite file (relative
 * to the project directory), never a host to look up; no value is `defaultFile` in the project
 * directory. Any other scheme is refused with the key it came from.
 * @example storeLocation({ database: 'data/labels.db', dir: '/p', defaultFile: 'hilo.db' }) // { path: '/p/data/labels.db' }
 * Complexity: O(length of the value).
 */
export function storeLocation(input: {
  readonly envUrl?: string | undefined;
  readonly database: string | null;
  readonly dir: string;
  readonly defaultFile: string;
}): StoreLocation {
  const fromEnv = input.envUrl !== undefined && input.envUrl.trim() !== '';
  const value = (fromEnv ? (input.envUrl as string) : (input.database ?? '')).trim();
  const key = fromEnv ? 'HILO_DATABASE_URL' : 'hilo.yaml database';
  if (value === '') return { path: join(input.dir, input.defaultFile) };
  if (POSTGRES.test(value)) return { url: value };
  if (SCHEME.test(value)) {
    const scheme = value.slice(0, value.indexOf(':'));
    throw new HiloError(
      'INVALID_INPUT',
      `${key}: "${scheme}" is not a database hilo opens; give a postgres:// URL or a SQLite file path`,
    );
  }
  return { path: isAbsolute(value) ? value : join(input.dir, value) };
}
