import { CompiledQuery } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

export interface BulkUpsert {
  readonly dialect: StoreDialect;
  readonly table: string;
  readonly columns: readonly string[];
  /** One array of values per row, in `columns` order. */
  readonly rows: readonly (readonly unknown[])[];
  /** The unique column whose conflict turns the insert into an update. */
  readonly key: string;
  /** Columns overwritten from the incoming row on conflict. */
  readonly update: readonly string[];
  /**
   * When given, an existing row is rewritten only if one of these columns differs from the
   * incoming row, so re-importing unchanged data writes nothing (and keeps its `updated_at`).
   */
  readonly changedIn?: readonly string[];
}

/**
 * A multi-row `INSERT … ON CONFLICT (key) DO UPDATE` as one compiled query. Written by hand rather
 * than through Kysely's builder because building and compiling a 1000-row insert costs more than
 * SQLite needs to run it; the text is identical for equal row counts, so prepared statements are
 * reused. Both dialects share the syntax; only placeholders differ (`?` vs `$n`).
 * @example await db.executeQuery(bulkUpsertQuery({ dialect, table: 'items', columns, rows, key: 'id', update }))
 * Complexity: O(rows × columns) string and array work.
 */
export function bulkUpsertQuery(upsert: BulkUpsert): CompiledQuery {
  const { dialect, columns, rows } = upsert;
  const width = columns.length;
  const parameters: unknown[] = new Array<unknown>(rows.length * width);
  const tuples: string[] = new Array<string>(rows.length);
  // SQLite's `?` tuple is the same for every row; PostgreSQL numbers its parameters.
  const sqliteTuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r] ?? [];
    const base = r * width;
    for (let c = 0; c < width; c += 1) parameters[base + c] = row[c];
    tuples[r] = dialect === 'sqlite' ? sqliteTuple : numberedTuple(base, width);
  }
  const assignments = upsert.update
    .map((column) => `${quote(column)} = excluded.${quote(column)}`)
    .join(', ');
  const changed = (upsert.changedIn ?? [])
    .map(
      (column) =>
        `${quote(upsert.table)}.${quote(column)} is distinct from excluded.${quote(column)}`,
    )
    .join(' or ');
  const text =
    `insert into ${quote(upsert.table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')} ` +
    `on conflict (${quote(upsert.key)}) do update set ${assignments}` +
    (changed === '' ? '' : ` where ${changed}`);
  return CompiledQuery.raw(text, parameters);
}

function numberedTuple(base: number, width: number): string {
  const marks = new Array<string>(width);
  for (let c = 0; c < width; c += 1) marks[c] = `$${base + c + 1}`;
  return `(${marks.join(', ')})`;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
