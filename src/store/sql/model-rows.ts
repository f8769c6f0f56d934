import type { Kysely } from 'kysely';
import type { StoredModel } from '../../core/types.js';
import type { StoreDatabase } from './store-database.js';
import { rowToModel } from './store-rows.js';

/**
 * Stores a trained model as the next version of its name (1 for the first); run it inside a
 * transaction so two savers never take the same version.
 * @example const version = await insertNextModelRow(trx, model)
 * Complexity: one indexed max and one insert.
 */
export async function insertNextModelRow(
  db: Kysely<StoreDatabase>,
  model: Omit<StoredModel, 'version'>,
): Promise<number> {
  const latest = await db
    .selectFrom('models')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('name', '=', model.name)
    .executeTakeFirst();
  const version = Number(latest?.v ?? 0) + 1;
  await db
    .insertInto('models')
    .values({
      name: model.name,
      version,
      payload: model.payload,
      metrics: JSON.stringify(model.metrics),
      trained_on: model.trainedOn,
      created_at: model.createdAt,
    })
    .execute();
  return version;
}

/**
 * The model of that name at `version`, or its latest version when none is given.
 * @example await selectModelRow(db, 'local', 3)
 * Complexity: one indexed lookup.
 */
export async function selectModelRow(
  db: Kysely<StoreDatabase>,
  name: string,
  version?: number,
): Promise<StoredModel | undefined> {
  const row = await db
    .selectFrom('models')
    .selectAll()
    .where('name', '=', name)
    .$if(version !== undefined, (qb) => qb.where('version', '=', version ?? 0))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : rowToModel(row);
}
