import type { Selectable } from 'kysely';
import type { Appeal, AppealState, GoldAnswer } from '../../core/ports/gold-answers.js';
import type { AppealsTable, GoldAnswersTable } from './store-database.js';

/**
 * Gold answer and appeal rows ⇄ port types, shared by the Kysely and the SQLite people stores.
 * @example rowToGoldAnswer(db.prepare('select * from gold_answers where …').get(…))
 * Complexity: O(1) each.
 */
export function rowToGoldAnswer(row: Selectable<GoldAnswersTable>): GoldAnswer {
  return {
    annotatorId: row.annotator_id,
    itemId: row.item_id,
    kind: row.kind as GoldAnswer['kind'],
    label: row.label,
    goldLabel: row.gold_label,
    correct: Number(row.correct) !== 0,
    answeredAt: row.answered_at,
  };
}

export function goldAnswerToRow(answer: GoldAnswer): Selectable<GoldAnswersTable> {
  return {
    annotator_id: answer.annotatorId,
    item_id: answer.itemId,
    kind: answer.kind,
    label: answer.label,
    gold_label: answer.goldLabel,
    correct: answer.correct ? 1 : 0,
    answered_at: answer.answeredAt,
  };
}

export function rowToAppeal(row: Selectable<AppealsTable>): Appeal {
  return {
    id: Number(row.id),
    annotatorId: row.annotator_id,
    itemId: row.item_id,
    comment: row.comment,
    state: row.state as AppealState,
    note: row.note,
    createdAt: row.created_at,
    settledAt: row.settled_at,
    settledBy: row.settled_by,
  };
}
