import { HiloError } from '../../core/errors.js';
import type { Check, CheckWeight, NewCheck } from '../../core/ports/check-store.js';
import type { StoreSql } from './bulk-writes.js';
import type { ChecksTable } from './store-database.js';
import { chunkForParameters, textSet } from './store-dialect.js';

/** Columns of a `checks` row, in insert order. */
const COLUMNS = 9;

/**
 * Inserts drawn checks; an item already drawn (or twice in `checks`) is refused with CONFLICT
 * before anything is written, an item not stored by the foreign key. Call inside a transaction.
 * @example await insertCheckRows({ db: trx, dialect }, checks)
 * Complexity: one lookup and one insert per chunk of rows.
 */
export async function insertCheckRows(to: StoreSql, checks: readonly NewCheck[]): Promise<void> {
  if (checks.length === 0) return;
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.itemId)) throw alreadyDrawn(check.itemId);
    seen.add(check.itemId);
  }
  const drawn = await drawnIds(to, [...seen]);
  const first = checks.find((check) => drawn.has(check.itemId));
  if (first !== undefined) throw alreadyDrawn(first.itemId);
  for (const chunk of chunkForParameters(checks, COLUMNS)) {
    await to.db.insertInto('checks').values(chunk.map(checkToRow)).execute();
  }
}

/**
 * Replaces the stratum, its size and the probability of drawn items; NOT_FOUND names the first id
 * never drawn, before anything is written. Call inside a transaction.
 * @example await reweighCheckRows({ db: trx, dialect }, [{ itemId: 'a', stratum: 'all', stratumSize: 90, probability: 0.1 }])
 * Complexity: one lookup, then one update per check.
 */
export async function reweighCheckRows(
  to: StoreSql,
  weights: readonly CheckWeight[],
): Promise<void> {
  await requireDrawn(
    to,
    weights.map((w) => w.itemId),
  );
  for (const w of weights) {
    await to.db
      .updateTable('checks')
      .set({ stratum: w.stratum, stratum_size: w.stratumSize, probability: w.probability })
      .where('item_id', '=', w.itemId)
      .execute();
  }
}

/**
 * Sets expert labels; an item already holding that label is left as it is (first answer's who and
 * when), so a repeated import changes nothing. NOT_FOUND names the first id never drawn, before
 * anything is written. Call inside a transaction.
 * @example await labelCheckRows({ db: trx, dialect }, [{ itemId: 'a', label: 'spam' }], 'reviewer:r1', now)
 * Complexity: one lookup, then one update per label.
 */
export async function labelCheckRows(
  to: StoreSql,
  labels: readonly { readonly itemId: string; readonly label: string }[],
  by: string,
  at: string,
): Promise<void> {
  await requireDrawn(
    to,
    labels.map((l) => l.itemId),
  );
  for (const { itemId, label } of labels) {
    await to.db
      .updateTable('checks')
      .set({ label, labelled_by: by, labelled_at: at })
      .where('item_id', '=', itemId)
      .where((eb) => eb.or([eb('label', 'is', null), eb('label', '!=', label)]))
      .execute();
  }
}

/**
 * Every check in item id order, or only those labelled (or not).
 * @example await selectChecks({ db, dialect }, { labelled: false })
 * Complexity: one statement.
 */
export async function selectChecks(
  from: StoreSql,
  query: { readonly labelled?: boolean } = {},
): Promise<Check[]> {
  const rows = await from.db
    .selectFrom('checks')
    .selectAll()
    .$if(query.labelled === true, (qb) => qb.where('label', 'is not', null))
    .$if(query.labelled === false, (qb) => qb.where('label', 'is', null))
    .orderBy('item_id')
    .execute();
  return rows.map(rowToCheck);
}

async function drawnIds(to: StoreSql, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await to.db
    .selectFrom('checks')
    .select('item_id')
    .where('item_id', 'in', textSet(to.dialect, ids))
    .execute();
  return new Set(rows.map((row) => row.item_id));
}

async function requireDrawn(to: StoreSql, ids: readonly string[]): Promise<void> {
  const drawn = await drawnIds(to, ids);
  const missing = ids.find((id) => !drawn.has(id));
  if (missing !== undefined) {
    throw new HiloError('NOT_FOUND', `item "${missing}" was never drawn for a check`, {
      field: 'id',
    });
  }
}

function alreadyDrawn(itemId: string): HiloError {
  return new HiloError('CONFLICT', `item "${itemId}" is already drawn for a check`);
}

function checkToRow(check: NewCheck): ChecksTable {
  return {
    item_id: check.itemId,
    draw: check.draw,
    stratum: check.stratum,
    stratum_size: check.stratumSize,
    probability: check.probability,
    label: null,
    labelled_by: null,
    labelled_at: null,
    drawn_at: check.drawnAt,
  };
}

function rowToCheck(row: ChecksTable): Check {
  return {
    itemId: row.item_id,
    draw: Number(row.draw),
    stratum: row.stratum,
    stratumSize: Number(row.stratum_size),
    probability: Number(row.probability),
    label: row.label,
    labelledBy: row.labelled_by,
    labelledAt: row.labelled_at,
    drawnAt: row.drawn_at,
  };
}
