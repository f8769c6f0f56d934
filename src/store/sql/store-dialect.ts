import { sql, type RawBuilder } from 'kysely';

/** The two SQL flavours the store speaks; every difference between them lives in this file or the migrations. */
export type StoreDialect = 'sqlite' | 'postgres';

/**
 * A one-parameter subquery yielding each string of `values`, for `column in (…)` filters of any
 * length: a list of bound parameters would hit SQLite's variable limit on large id sets.
 * @example db.selectFrom('items').where('id', 'in', textSet('sqlite', ids))
 * Complexity: O(n) to encode; the database scans the set once.
 */
export function textSet(dialect: StoreDialect, values: readonly string[]): RawBuilder<string> {
  const json = JSON.stringify(values);
  return dialect === 'sqlite'
    ? sql<string>`(select value from json_each(${json}))`
    : sql<string>`(select jsonb_array_elements_text(cast(${json} as jsonb)))`;
}

/**
 * Largest number of bound parameters per statement: under SQLite's 32766 and PostgreSQL's 65535,
 * so one chunking rule serves both.
 */
export const MAX_PARAMETERS = 30_000;

/** Splits `rows` into chunks of at most MAX_PARAMETERS / columns rows. O(n). */
export function chunkForParameters<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size)
    chunks.push(rows.slice(start, start + size));
  return chunks;
}
