import type { Kysely } from 'kysely';
import type {
  AnswerFlag,
  AnswerFlagCount,
  AnswerFlagKind,
  PredictedLabel,
} from '../../core/ports/answer-checks.js';
import type { LeaseRequest } from '../../core/ports/people-store.js';
import type { StoreDatabase } from './store-database.js';
import type { StoreDialect } from './store-dialect.js';

type Db = Kysely<StoreDatabase>;

/** An open entry the annotator may lease, with what skill matching compares. */
interface Candidate {
  readonly item_id: string;
  readonly priority: number;
  readonly predicted_label: string | null;
}

/**
 * Skill matching inside a lease transaction: when the request prefers labels, the best open
 * entry of the kind, or the best entry of a preferred predicted label whose priority is within
 * `preferWithin` of it (the highest such). Undefined when the request prefers nothing (the
 * caller's own pick runs) or nothing is open. On PostgreSQL the rows read are locked
 * (`FOR UPDATE SKIP LOCKED`) as the plain pick locks its row.
 * @example await pickPreferred(trx, 'sqlite', { ...request, preferLabels: ['spam'], preferWithin: 0.2 })
 * Complexity: one index walk for the best entry plus one per preferred label (queue_open_label).
 */
export async function pickPreferred(
  trx: Db,
  dialect: StoreDialect,
  request: LeaseRequest,
): Promise<string | undefined> {
  const labels = request.preferLabels ?? [];
  if (labels.length === 0 || request.goldLabel !== undefined) return undefined;
  const best = await openHead(trx, dialect, request, undefined);
  if (best === undefined || labels.includes(best.predicted_label ?? '')) return best?.item_id;
  const floor = Number(best.priority) - (request.preferWithin ?? 0);
  let chosen: Candidate | undefined;
  for (const label of labels) {
    const head = await openHead(trx, dialect, request, label);
    if (head === undefined || Number(head.priority) < floor) continue;
    if (chosen === undefined || before(head, chosen)) chosen = head;
  }
  return (chosen ?? best).item_id;
}

function before(a: Candidate, b: Candidate): boolean {
  const pa = Number(a.priority);
  const pb = Number(b.priority);
  return pa > pb || (pa === pb && a.item_id < b.item_id);
}

async function openHead(
  trx: Db,
  dialect: StoreDialect,
  request: LeaseRequest,
  label: string | undefined,
): Promise<Candidate | undefined> {
  let query = trx
    .selectFrom('queue as q')
    .select(['q.item_id', 'q.priority', 'q.predicted_label'])
    .where('q.kind', '=', request.kind)
    .whereRef('q.taken', '<', 'q.overlap')
    .$if(label !== undefined, (qb) => qb.where('q.predicted_label', '=', label ?? ''))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assignments as a')
            .select('a.item_id')
            .whereRef('a.item_id', '=', 'q.item_id')
            .where('a.annotator_id', '=', request.annotatorId),
        ),
      ),
    )
    .orderBy('q.priority', 'desc')
    .orderBy('q.item_id')
    .limit(1);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  return query.executeTakeFirst();
}

/**
 * Inserts the flags that are new, in the caller's transaction; returns how many were.
 * Complexity: one insert per flag.
 */
export async function addAnswerFlags(trx: Db, flags: readonly AnswerFlag[]): Promise<number> {
  let added = 0;
  for (const flag of flags) {
    const result = await trx
      .insertInto('answer_flags')
      .values({
        item_id: flag.itemId,
        annotator_id: flag.annotatorId,
        kind: flag.kind,
        reason: flag.reason,
        created_at: flag.createdAt,
      })
      .onConflict((oc) => oc.columns(['item_id', 'annotator_id', 'kind']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/**
 * Flag counts per person and kind, in annotator then kind order.
 * Complexity: one grouped scan of answer_flags.
 */
export async function answerFlagCounts(db: Db): Promise<AnswerFlagCount[]> {
  const rows = await db
    .selectFrom('answer_flags')
    .select(({ fn }) => ['annotator_id', 'kind', fn.countAll<number | string>().as('count')])
    .groupBy(['annotator_id', 'kind'])
    .orderBy('annotator_id')
    .orderBy('kind')
    .execute();
  return rows.map((row) => ({
    annotatorId: row.annotator_id,
    kind: row.kind as AnswerFlagKind,
    count: Number(row.count),
  }));
}

/**
 * Sets the predicted label of the queue entries that exist, in the caller's transaction.
 * Complexity: one update per entry.
 */
export async function setPredictedLabels(
  trx: Db,
  labels: readonly PredictedLabel[],
): Promise<void> {
  for (const { itemId, label } of labels) {
    await trx
      .updateTable('queue')
      .set({ predicted_label: label })
      .where('item_id', '=', itemId)
      .execute();
  }
}
