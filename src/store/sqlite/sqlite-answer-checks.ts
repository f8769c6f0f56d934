import type Database from 'better-sqlite3';
import type {
  AnswerFlag,
  AnswerFlagCount,
  AnswerFlagKind,
  PredictedLabel,
} from '../../core/ports/answer-checks.js';
import type { LeaseRequest } from '../../core/ports/people-store.js';

type Statement = Database.Statement<unknown[]>;

/** The open entries of a kind this annotator never had, in lease order. */
const OPEN = `select q.item_id, q.priority, q.predicted_label from queue q where q.kind = ?
  and q.taken < q.overlap
  and not exists (select 1 from assignments a where a.item_id = q.item_id and a.annotator_id = ?)`;

/** The statements of machine checks and skill matching, prepared once per connection. */
export interface AnswerCheckStatements {
  readonly head: Statement;
  readonly labelHead: Statement;
  readonly insertFlag: Statement;
  readonly flagCounts: Statement;
  readonly setPredicted: Statement;
}

interface Candidate {
  readonly item_id: string;
  readonly priority: number;
  readonly predicted_label: string | null;
}

/**
 * Prepares the statements on a migrated connection.
 * @example const checks = prepareAnswerCheckStatements(db)
 * Complexity: O(statements) once.
 */
export function prepareAnswerCheckStatements(db: Database.Database): AnswerCheckStatements {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    head: p(`${OPEN} order by q.priority desc, q.item_id limit 1`),
    labelHead: p(`${OPEN} and q.predicted_label = ? order by q.priority desc, q.item_id limit 1`),
    insertFlag: p(
      `insert into answer_flags (item_id, annotator_id, kind, reason, created_at)
        values (?, ?, ?, ?, ?) on conflict (item_id, annotator_id, kind) do nothing`,
    ),
    flagCounts: p(
      `select annotator_id, kind, count(*) as count from answer_flags
        group by annotator_id, kind order by annotator_id, kind`,
    ),
    setPredicted: p('update queue set predicted_label = ? where item_id = ?'),
  };
}

/**
 * Skill matching inside the lease transaction: when the request prefers labels (and asks for no
 * gold label), the best open entry, or the best entry of a preferred predicted label whose
 * priority is within `preferWithin` of it. Undefined when the request prefers nothing or
 * nothing is open, so the plain pick runs.
 * @example pickPreferredNow(s.checks, { ...request, preferLabels: ['spam'], preferWithin: 0.2 })
 * Complexity: one walk of queue_open plus one of queue_open_label per preferred label.
 */
export function pickPreferredNow(
  s: AnswerCheckStatements,
  request: LeaseRequest,
): string | undefined {
  const labels = request.preferLabels ?? [];
  if (labels.length === 0 || request.goldLabel !== undefined) return undefined;
  const best = s.head.get(request.kind, request.annotatorId) as Candidate | undefined;
  if (best === undefined || labels.includes(best.predicted_label ?? '')) return best?.item_id;
  const floor = best.priority - (request.preferWithin ?? 0);
  let chosen: Candidate | undefined;
  for (const label of labels) {
    const head = s.labelHead.get(request.kind, request.annotatorId, label) as Candidate | undefined;
    if (head === undefined || head.priority < floor) continue;
    if (
      chosen === undefined ||
      head.priority > chosen.priority ||
      (head.priority === chosen.priority && head.item_id < chosen.item_id)
    )
      chosen = head;
  }
  return (chosen ?? best).item_id;
}

/**
 * Inserts the new flags; returns how many were new. Run inside a transaction.
 * Complexity: one statement per flag.
 */
export function addAnswerFlagsNow(s: AnswerCheckStatements, flags: readonly AnswerFlag[]): number {
  let added = 0;
  for (const f of flags)
    added += s.insertFlag.run(f.itemId, f.annotatorId, f.kind, f.reason, f.createdAt).changes;
  return added;
}

/** Flag counts per person and kind. Complexity: one grouped scan. */
export function answerFlagCountsNow(s: AnswerCheckStatements): AnswerFlagCount[] {
  const rows = s.flagCounts.all() as { annotator_id: string; kind: string; count: number }[];
  return rows.map((row) => ({
    annotatorId: row.annotator_id,
    kind: row.kind as AnswerFlagKind,
    count: Number(row.count),
  }));
}

/** Sets predicted labels; run inside a transaction. Complexity: one statement per entry. */
export function setPredictedLabelsNow(
  s: AnswerCheckStatements,
  labels: readonly PredictedLabel[],
): void {
  for (const { itemId, label } of labels) s.setPredicted.run(label, itemId);
}
