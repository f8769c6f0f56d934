import { HiloError } from '../../core/errors.js';
import { markProblem } from '../../core/near-duplicates/index.js';
import type { DuplicateMark } from '../../core/ports/duplicate-store.js';
import type { StoreSql } from './bulk-writes.js';
import { chunkForParameters, textSet } from './store-dialect.js';

/** Columns of a `duplicates` row. */
const COLUMNS = 3;

/**
 * Replaces every duplicate mark; refuses (before writing) what `markProblem` refuses
 * (INVALID_INPUT) and an item not stored (NOT_FOUND, naming the first). Call inside a transaction.
 * @example await replaceDuplicateRows({ db: trx, dialect }, [{ itemId: 'b', duplicateOf: 'a', similarity: 0.9 }])
 * Complexity: one lookup of the ids, one delete, one insert per chunk of rows.
 */
export async function replaceDuplicateRows(
  to: StoreSql,
  marks: readonly DuplicateMark[],
): Promise<void> {
  const problem = markProblem(marks);
  if (problem !== null) throw new HiloError('INVALID_INPUT', problem);
  const ids = [...new Set(marks.flatMap((mark) => [mark.itemId, mark.duplicateOf]))];
  if (ids.length > 0) {
    const rows = await to.db
      .selectFrom('items')
      .select('id')
      .where('id', 'in', textSet(to.dialect, ids))
      .execute();
    const stored = new Set(rows.map((row) => row.id));
    const missing = ids.find((id) => !stored.has(id));
    if (missing !== undefined) throw new HiloError('NOT_FOUND', `no item "${missing}" to mark`);
  }
  await to.db.deleteFrom('duplicates').execute();
  for (const chunk of chunkForParameters(marks, COLUMNS)) {
    await to.db
      .insertInto('duplicates')
      .values(
        chunk.map((mark) => ({
          item_id: mark.itemId,
          duplicate_of: mark.duplicateOf,
          similarity: mark.similarity,
        })),
      )
      .execute();
  }
}

/**
 * Duplicate marks in item id order, of every marked item or of these.
 * @example await selectDuplicates({ db, dialect }, { itemIds: ['b'] })
 * Complexity: one statement.
 */
export async function selectDuplicates(
  from: StoreSql,
  query: { readonly itemIds?: readonly string[] } = {},
): Promise<DuplicateMark[]> {
  if (query.itemIds?.length === 0) return [];
  const rows = await from.db
    .selectFrom('duplicates')
    .selectAll()
    .$if(query.itemIds !== undefined, (qb) =>
      qb.where('item_id', 'in', textSet(from.dialect, query.itemIds ?? [])),
    )
    .orderBy('item_id')
    .execute();
  return rows.map((row) => ({
    itemId: row.item_id,
    duplicateOf: row.duplicate_of,
    similarity: Number(row.similarity),
  }));
}

/**
 * Stored ids among these, by first import (`created_at`, kept on re-import) then id.
 * @example await idsByImport({ db, dialect }, ['b', 'a']) // ['b', 'a'] when b came first
 * Complexity: one statement.
 */
export async function idsByImport(from: StoreSql, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await from.db
    .selectFrom('items')
    .select('id')
    .where('id', 'in', textSet(from.dialect, ids))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
