import type { Selectable } from 'kysely';
import type {
  Annotator,
  Assignment,
  AssignmentState,
  QueueEntry,
  QueueKind,
} from '../../core/ports/people-store.js';
import type { AnnotatorsTable, AssignmentsTable, QueueTable } from './store-database.js';

/**
 * People rows ⇄ port types, shared by the Kysely and the SQLite people stores. Counts arrive as
 * strings from PostgreSQL's bigint columns, hence the Number() calls.
 * @example rowToAnnotator(db.prepare('select * from annotators where id = ?').get(id))
 * Complexity: O(1) each.
 */
export function rowToAnnotator(row: Selectable<AnnotatorsTable>): Annotator {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Annotator['role'],
    state: row.state as Annotator['state'],
    createdAt: row.created_at,
    suspendedReason: row.suspended_reason,
    flaggedReason: row.flagged_reason,
    controlsSeen: Number(row.controls_seen),
    controlsCorrect: Number(row.controls_correct),
    discounted: Number(row.discounted) !== 0,
    rulesSince: row.rules_since ?? null,
  };
}

export function queueToRow(
  entry: QueueEntry,
): Omit<Selectable<QueueTable>, 'taken' | 'predicted_label'> {
  return {
    item_id: entry.itemId,
    kind: entry.kind,
    zone: entry.zone,
    priority: entry.priority,
    overlap: entry.overlap,
    gold_label: entry.goldLabel,
    review_reason: entry.reviewReason,
  };
}

export function rowToQueue(row: Selectable<QueueTable>): QueueEntry {
  return {
    itemId: row.item_id,
    kind: row.kind as QueueKind,
    zone: row.zone as QueueEntry['zone'],
    priority: Number(row.priority),
    overlap: Number(row.overlap),
    goldLabel: row.gold_label,
    reviewReason: row.review_reason,
  };
}

export function rowToAssignment(row: Selectable<AssignmentsTable>): Assignment {
  return {
    itemId: row.item_id,
    annotatorId: row.annotator_id,
    kind: row.kind as QueueKind,
    leasedAt: row.leased_at,
    expiresAt: row.expires_at,
    state: row.state as AssignmentState,
  };
}
