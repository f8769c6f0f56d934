import { sql } from 'kysely';
import type {
  LabelLeaseQuery,
  LabelWorker,
  RunProgress,
} from '../../core/ports/label-work-store.js';
import type { Run, RunStatus } from '../../core/runs/run-records.js';
import type { Item } from '../../core/types.js';
import type { StoreSql } from './bulk-writes.js';
import { chunkForParameters, textSet } from './store-dialect.js';
import { rowToItem, runToRow } from './store-rows.js';

/*
 * Work sharing between label workers (see LabelWorkStore). Every function that reads and then
 * writes runs inside a store transaction: on SQLite that is BEGIN IMMEDIATE, which serialises
 * processes on one file; on PostgreSQL leasing skips rows other transactions hold (SKIP LOCKED)
 * and the lease table's primary key settles any race, while run membership is serialised by a
 * transaction-scoped advisory lock.
 */

/** Serialises join/leave/sweep of label runs between PostgreSQL sessions; a no-op on SQLite. */
async function lockLabelRuns(to: StoreSql): Promise<void> {
  if (to.dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext('hilo:label-runs'))`.execute(to.db);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Registers the worker on the live run of the same labeller and roles, or creates `run`. Call
 * inside a transaction.
 * @example await joinLabelRunRows({ db: trx, dialect }, run, { worker: 'w1', now, expiresAt })
 * Complexity: one scan of running label runs (few), two writes.
 */
export async function joinLabelRunRows(
  to: StoreSql,
  run: Run,
  worker: LabelWorker,
): Promise<{ runId: string; joined: boolean }> {
  await lockLabelRuns(to);
  const live = await to.db
    .selectFrom('runs')
    .select(['id', 'config'])
    .where('kind', '=', run.kind)
    .where('status', '=', 'running')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('run_workers')
          .select('run_workers.worker')
          .whereRef('run_workers.run_id', '=', 'runs.id')
          .where('run_workers.ended_at', 'is', null)
          .where('run_workers.expires_at', '>', worker.now),
      ),
    )
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const match = live.find((row) => sameLabelWork(row.config, run));
  const runId = match?.id ?? run.id;
  if (match === undefined) await to.db.insertInto('runs').values(runToRow(run)).execute();
  await to.db
    .insertInto('run_workers')
    .values({
      run_id: runId,
      worker: worker.worker,
      started_at: iso(worker.now),
      beat_at: worker.now,
      expires_at: worker.expiresAt,
      ended_at: null,
    })
    .execute();
  return { runId, joined: match !== undefined };
}

/** True when a stored run's config names the same labeller source and roles as `run`'s. */
function sameLabelWork(storedConfig: string, run: Run): boolean {
  const key = (config: unknown): string => {
    const c = config as { labeller?: unknown; roles?: unknown };
    return JSON.stringify([c.labeller ?? null, c.roles ?? null]);
  };
  try {
    return key(JSON.parse(storedConfig)) === key(run.config);
  } catch {
    return false;
  }
}

/**
 * Leases up to `limit` items for the worker. Call inside a transaction.
 * @example await leaseLabelRows({ db: trx, dialect }, { source, runId, worker, now, expiresAt, roles, limit: 256 })
 * Complexity: one indexed scan in id order past voted and leased items, one upsert.
 */
export async function leaseLabelRows(to: StoreSql, query: LabelLeaseQuery): Promise<Item[]> {
  if (query.limit <= 0 || query.roles.length === 0) return [];
  const rows = await to.db
    .selectFrom('items')
    .selectAll('items')
    .where('items.role', 'in', [...query.roles])
    .$if(query.afterId !== undefined, (qb) => qb.where('items.id', '>', query.afterId ?? ''))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('votes')
            .select('votes.id')
            .whereRef('votes.item_id', '=', 'items.id')
            .where('votes.source', '=', query.source),
        ),
      ),
    )
    // Items marked as duplicates (`hilo dedup --apply`) share their representative's label.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('duplicates')
            .select('duplicates.item_id')
            .whereRef('duplicates.item_id', '=', 'items.id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('label_leases')
            .select('label_leases.item_id')
            .whereRef('label_leases.item_id', '=', 'items.id')
            .where('label_leases.source', '=', query.source)
            .where('label_leases.expires_at', '>', query.now),
        ),
      ),
    )
    .orderBy('items.id')
    .limit(query.limit)
    // No KEY update: inserting a vote (a foreign key check) on a leased item does not wait.
    .$if(to.dialect === 'postgres', (qb) => qb.forNoKeyUpdate().skipLocked())
    .execute();
  if (rows.length === 0) return [];
  const taken = new Set<string>();
  for (const chunk of chunkForParameters(rows, 5)) {
    const returned = await to.db
      .insertInto('label_leases')
      .values(
        chunk.map((row) => ({
          source: query.source,
          item_id: row.id,
          run_id: query.runId,
          worker: query.worker,
          expires_at: query.expiresAt,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['source', 'item_id'])
          .doUpdateSet((eb) => ({
            run_id: eb.ref('excluded.run_id'),
            worker: eb.ref('excluded.worker'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where('label_leases.expires_at', '<=', query.now),
      )
      .returning('item_id')
      .execute();
    for (const row of returned) taken.add(row.item_id);
  }
  return rows.filter((row) => taken.has(row.id)).map(rowToItem);
}

/**
 * Moves the expiry of the worker's registration and of its leases on the run.
 * @example await renewLabelRows({ db, dialect }, runId, { worker: 'w1', now, expiresAt })
 * Complexity: two indexed updates.
 */
export async function renewLabelRows(
  to: StoreSql,
  runId: string,
  worker: LabelWorker,
): Promise<number> {
  await to.db
    .updateTable('run_workers')
    .set({ beat_at: worker.now, expires_at: worker.expiresAt })
    .where('run_id', '=', runId)
    .where('worker', '=', worker.worker)
    .where('ended_at', 'is', null)
    .execute();
  const result = await to.db
    .updateTable('label_leases')
    .set({ expires_at: worker.expiresAt })
    .where('run_id', '=', runId)
    .where('worker', '=', worker.worker)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes the worker's leases on these items (another worker's lease on one is left alone).
 * @example await releaseLabelRows({ db, dialect }, 'llm:m#1', 'w1', ['a', 'b'])
 * Complexity: one delete over the primary key.
 */
export async function releaseLabelRows(
  to: StoreSql,
  source: string,
  worker: string,
  itemIds: readonly string[],
): Promise<void> {
  if (itemIds.length === 0) return;
  await to.db
    .deleteFrom('label_leases')
    .where('source', '=', source)
    .where('worker', '=', worker)
    .where('item_id', 'in', textSet(to.dialect, itemIds))
    .execute();
}

/**
 * Live leases on `source` held by workers other than `worker`.
 * @example await countLiveLeaseRows({ db, dialect }, 'llm:m#1', 'w1', Date.now())
 * Complexity: one scan of the source's leases.
 */
export async function countLiveLeaseRows(
  to: StoreSql,
  source: string,
  worker: string,
  now: number,
): Promise<number> {
  const row = await to.db
    .selectFrom('label_leases')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('source', '=', source)
    .where('worker', '!=', worker)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Adds a worker's progress to the run's totals in one statement, so concurrent workers never
 * overwrite each other's figures. Returns false when the run does not exist.
 * @example await addRunProgressRow({ db, dialect }, runId, { itemsDone: 64, itemsFailed: 0, tokensIn: 9000, tokensOut: 64, costUsd: 0.01 })
 * Complexity: one update by primary key.
 */
export async function addRunProgressRow(
  to: StoreSql,
  runId: string,
  progress: RunProgress,
): Promise<boolean> {
  const result = await to.db
    .updateTable('runs')
    .set({
      items_done: sql`items_done + ${progress.itemsDone}`,
      items_failed: sql`items_failed + ${progress.itemsFailed}`,
      tokens_in: sql`tokens_in + ${progress.tokensIn}`,
      tokens_out: sql`tokens_out + ${progress.tokensOut}`,
      cost_usd: sql`cost_usd + ${progress.costUsd}`,
    })
    .where('id', '=', runId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Ends the worker and its leases; ends the run with `status` when no live worker is left. Call
 * inside a transaction. Returns the run's status afterwards (undefined: no such run).
 * @example await leaveLabelRunRows({ db: trx, dialect }, runId, 'w1', { status: 'done', now })
 * Complexity: a few indexed statements.
 */
export async function leaveLabelRunRows(
  to: StoreSql,
  runId: string,
  worker: string,
  end: { readonly status: Exclude<RunStatus, 'running'>; readonly now: number },
): Promise<RunStatus | undefined> {
  await lockLabelRuns(to);
  await to.db
    .updateTable('run_workers')
    .set({ ended_at: iso(end.now), expires_at: end.now })
    .where('run_id', '=', runId)
    .where('worker', '=', worker)
    .execute();
  await to.db
    .deleteFrom('label_leases')
    .where('run_id', '=', runId)
    .where('worker', '=', worker)
    .execute();
  const others = await to.db
    .selectFrom('run_workers')
    .select('worker')
    .where('run_id', '=', runId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', end.now)
    .executeTakeFirst();
  if (others === undefined)
    await to.db
      .updateTable('runs')
      .set({ status: end.status, ended_at: iso(end.now) })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .execute();
  const run = await to.db
    .selectFrom('runs')
    .select('status')
    .where('id', '=', runId)
    .executeTakeFirst();
  return run?.status as RunStatus | undefined;
}

/**
 * Marks `interrupted` the running runs whose workers have all stopped beating, ending each at its
 * last heartbeat. Call inside a transaction.
 * @example await markInterruptedRunRows({ db: trx, dialect }, Date.now())
 * Complexity: one grouped scan of the running runs' workers, one update per run found.
 */
export async function markInterruptedRunRows(to: StoreSql, now: number): Promise<string[]> {
  await lockLabelRuns(to);
  const rows = await to.db
    .selectFrom('run_workers')
    .innerJoin('runs', 'runs.id', 'run_workers.run_id')
    .select((eb) => [
      'run_workers.run_id as runId',
      eb.fn.max('run_workers.beat_at').as('lastBeat'),
      eb.fn
        .sum(
          eb
            .case()
            .when(
              eb.and([
                eb('run_workers.ended_at', 'is', null),
                eb('run_workers.expires_at', '>', now),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('live'),
    ])
    .where('runs.status', '=', 'running')
    .groupBy('run_workers.run_id')
    .execute();
  const gone = rows.filter((row) => Number(row.live) === 0);
  for (const row of gone)
    await to.db
      .updateTable('runs')
      .set({ status: 'interrupted', ended_at: iso(Number(row.lastBeat)) })
      .where('id', '=', row.runId)
      .where('status', '=', 'running')
      .execute();
  return gone.map((row) => row.runId).sort();
}
