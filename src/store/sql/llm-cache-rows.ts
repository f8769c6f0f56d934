import { CompiledQuery } from 'kysely';
import type { StoreSql } from './bulk-writes.js';
import { bulkUpsertQuery } from './bulk-upsert-query.js';
import { chunkForParameters } from './store-dialect.js';

const COLUMNS = ['key', 'value', 'created_at'] as const;

/**
 * The stored response of a request key, or undefined. Written as SQL text rather than through
 * Kysely's builder: it runs once per LLM call, where building the query costs more than running it.
 * @example await readCacheRow({ db, dialect }, key); // '{"v":1,…}' or undefined
 * Complexity: one indexed lookup.
 */
export async function readCacheRow(from: StoreSql, key: string): Promise<string | undefined> {
  const mark = from.dialect === 'sqlite' ? '?' : '$1';
  const result = await from.db.executeQuery<{ value: string }>(
    CompiledQuery.raw(`select "value" from "llm_cache" where "key" = ${mark}`, [key]),
  );
  return result.rows[0]?.value;
}

/**
 * Inserts or replaces response-cache entries, `[key, value]`; of a key given twice the last wins
 * (PostgreSQL refuses to update one row twice in a statement).
 * @example await writeCacheRows({ db, dialect }, [['k1', 'v1'], ['k2', 'v2']], now);
 * Complexity: O(entries), one statement per chunk under the parameter limit.
 */
export async function writeCacheRows(
  to: StoreSql,
  entries: readonly (readonly [string, string])[],
  now: string,
): Promise<void> {
  const byKey = new Map<string, string>(entries);
  const rows = Array.from(byKey, ([key, value]) => [key, value, now]);
  for (const chunk of chunkForParameters(rows, COLUMNS.length)) {
    await to.db.executeQuery(
      bulkUpsertQuery({
        dialect: to.dialect,
        table: 'llm_cache',
        columns: COLUMNS,
        rows: chunk,
        key: 'key',
        update: ['value', 'created_at'],
      }),
    );
  }
}
