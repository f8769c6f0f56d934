import type { StoreSql } from './bulk-writes.js';

/** Ids per DELETE statement, well under every dialect's parameter limit. */
const CHUNK = 1000;

/**
 * Deletes votes by id and returns how many were stored. Call inside a transaction when there
 * may be more than one chunk.
 * @example await deleteVoteRows({ db: trx, dialect }, [12, 13]) // 2
 * Complexity: O(n) ids, one statement per 1,000.
 */
export async function deleteVoteRows(to: StoreSql, ids: readonly number[]): Promise<number> {
  let deleted = 0;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const result = await to.db
      .deleteFrom('votes')
      .where('id', 'in', unique.slice(i, i + CHUNK))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
