import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** The slice of a better-sqlite3 database the store's SQLite dialect needs. */
export interface PreparingDatabase {
  close(): void;
  prepare(sql: string): SqliteStatement;
}

/**
 * Wraps a SQLite database so that `prepare` reuses statements by SQL text. Kysely prepares every
 * query anew; bulk upserts repeat the same 1000-row statement, whose preparation otherwise costs
 * about as much as running it. Least-recently-used statements beyond `capacity` are dropped.
 * @example new SqliteDialect({ database: cachedStatements(new Database(path)) })
 * Complexity: O(1) per prepare (Map order gives the LRU).
 */
export function cachedStatements(database: PreparingDatabase, capacity = 64): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string) => {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
