import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** A database for Kysely that counts the writes it runs, and that count. */
export interface CountedWrites {
  readonly database: SqliteDatabase;
  /** Writing statements run through `database` so far. */
  count(): number;
}

const WRITE = /^\s*(insert|update|delete|replace)\b/i;

/**
 * Counts the writes Kysely runs on the connection it shares with the SQLite people store, so the
 * people store's cache learns of them by comparing a number instead of asking SQLite for
 * total_changes() on every request. A statement counts when it is not a reader (DDL, BEGIN,
 * COMMIT too) or starts with INSERT, UPDATE, DELETE or REPLACE (those with RETURNING read).
 * @example const writes = countForeignWrites(cachedStatements(database)); new Kysely({ dialect: new SqliteDialect({ database: writes.database }) })
 * Complexity: O(1) per statement run; a regular-expression test per statement prepared.
 */
export function countForeignWrites(database: SqliteDatabase): CountedWrites {
  let writes = 0;
  const wrapped = new WeakMap<SqliteStatement, SqliteStatement>();
  const counted = (statement: SqliteStatement, sql: string): SqliteStatement => {
    if (statement.reader && !WRITE.test(sql)) return statement;
    let counting = wrapped.get(statement);
    if (counting !== undefined) return counting;
    counting = {
      reader: statement.reader,
      all: (parameters) => {
        writes += 1;
        return statement.all(parameters);
      },
      run: (parameters) => {
        writes += 1;
        return statement.run(parameters);
      },
      iterate: (parameters) => {
        writes += 1;
        return statement.iterate(parameters);
      },
    };
    wrapped.set(statement, counting);
    return counting;
  };
  return {
    database: {
      close: () => database.close(),
      prepare: (sql) => counted(database.prepare(sql), sql),
    },
    count: () => writes,
  };
}
