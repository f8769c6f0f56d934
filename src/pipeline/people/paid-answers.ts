import type { Assignment, QueueKind } from '../../core/ports/people-store.js';
import type { PayPeriod } from '../../core/pay/pay-period.js';
import type { WorkInterval } from '../../core/pay/worked-time.js';
import type { DecidedBy, Vote } from '../../core/types.js';
import type { PeopleContext } from './people-context.js';

/** One person's answers in a period, as pay counts them. */
export interface PersonWork {
  /** Paid answers: to tasks and controls, given in `hilo serve` within the period. */
  answers: number;
  /** Answers on items with a final label: a people's decision, or a control's gold label. */
  decided: number;
  /** Decided answers that agree with the final label. */
  accepted: number;
  /** First answers to controls in the period, and how many were right. */
  controls: number;
  controlsCorrect: number;
  /** Lease to answer of each paid answer, clipped to the period's start. */
  readonly intervals: WorkInterval[];
}

/** Decisions that people or experts reached; a machine's label is not a verdict on an answer. */
const FINAL: ReadonlySet<DecidedBy> = new Set([
  'human',
  'aggregated',
  'reviewer',
  'expert',
  'gold',
]);

/**
 * Each person's paid work in the period, by annotator id. An answer counts when it was stored on
 * a lease in the period (`start ≤ answered at < end`): skips store no answer, exam answers are
 * not paid, votes imported with `import-votes` or cast by a reviewer settling an item had no
 * lease. A control counts the person's first answer to it, so an answer given again after an
 * undo does not change the score.
 * @example const work = await paidAnswers(ctx, payPeriod('2026-12-01', '2026-12-31'))
 * Complexity: O(human votes + assignments + queue + decided items), one pass each.
 */
export async function paidAnswers(
  ctx: PeopleContext,
  period: PayPeriod,
): Promise<Map<string, PersonWork>> {
  const { store } = ctx;
  const leases = new Map<string, Assignment>();
  for (const lease of await store.people.listAssignments({ state: 'done' }))
    leases.set(leaseKey(lease.itemId, lease.annotatorId), lease);
  const kinds = new Map<string, { kind: QueueKind; gold: string | null }>();
  for (const entry of await store.people.listQueue({}))
    kinds.set(entry.itemId, { kind: entry.kind, gold: entry.goldLabel });

  const inPeriod: { vote: Vote; annotatorId: string; lease: Assignment; kind: QueueKind }[] = [];
  const firstControl = new Map<string, Vote>();
  for (const vote of await store.listVotes({ sourcePrefix: 'human:' })) {
    if (vote.label === null || vote.rationale === 'review') continue;
    const annotatorId = vote.source.slice('human:'.length);
    const lease = leases.get(leaseKey(vote.itemId, annotatorId));
    if (lease === undefined || lease.kind === 'exam') continue;
    if (lease.kind === 'control') {
      const key = leaseKey(vote.itemId, annotatorId);
      const seen = firstControl.get(key);
      if (seen === undefined || vote.createdAt < seen.createdAt) firstControl.set(key, vote);
    }
    if (vote.createdAt >= period.start && vote.createdAt < period.end)
      inPeriod.push({ vote, annotatorId, lease, kind: lease.kind });
  }

  const taskIds = [...new Set(inPeriod.filter((a) => a.kind === 'task').map((a) => a.vote.itemId))];
  const finals = new Map<string, string>();
  for (const decision of await store.listDecisions({ itemIds: taskIds }))
    if (decision.label !== null && FINAL.has(decision.decidedBy))
      finals.set(decision.itemId, decision.label);

  const startMs = Date.parse(period.start);
  const work = new Map<string, PersonWork>();
  for (const { vote, annotatorId, lease, kind } of inPeriod) {
    const row = work.get(annotatorId) ?? newWork();
    work.set(annotatorId, row);
    row.answers += 1;
    row.intervals.push({
      start: Math.max(startMs, Date.parse(lease.leasedAt)),
      end: Date.parse(vote.createdAt),
    });
    const final =
      kind === 'control' ? (kinds.get(vote.itemId)?.gold ?? null) : finals.get(vote.itemId);
    if (final !== null && final !== undefined) {
      row.decided += 1;
      if (final === vote.label) row.accepted += 1;
    }
    if (kind === 'control' && firstControl.get(leaseKey(vote.itemId, annotatorId)) === vote) {
      row.controls += 1;
      if (final === vote.label) row.controlsCorrect += 1;
    }
  }
  return work;
}

function newWork(): PersonWork {
  return { answers: 0, decided: 0, accepted: 0, controls: 0, controlsCorrect: 0, intervals: [] };
}

function leaseKey(itemId: string, annotatorId: string): string {
  return `${annotatorId}\u0000${itemId}`;
}
