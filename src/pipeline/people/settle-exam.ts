import { percent } from '../../core/format/format-number.js';
import type { Annotator } from '../../core/ports/people-store.js';
import { peopleConfig, type PeopleContext } from './people-context.js';

/** How a suspension by the exam starts its reason. */
export const EXAM_REASON = 'exam ';

/** A person's exam so far: items answered (or skipped) and first answers right, of all items. */
export interface ExamScore {
  readonly answered: number;
  readonly correct: number;
  readonly total: number;
}

/**
 * Scores a person's exam from their first answers (kept gold answers; an upheld appeal counts as
 * right); a skipped item counts as answered and wrong.
 * @example await examScore(ctx, 'ann') // { answered: 5, correct: 4, total: 5 }
 * Complexity: O(exam + the person's gold answers and assignments).
 */
export async function examScore(ctx: PeopleContext, annotatorId: string): Promise<ExamScore> {
  const people = ctx.store.people;
  const exam = await people.listQueue({ kind: 'exam' });
  const firsts = new Map(
    (await people.listGoldAnswers({ annotatorId })).map((g) => [g.itemId, g.correct]),
  );
  const skipped = new Set(
    (await people.listAssignments({ annotatorId, state: 'skipped' })).map((a) => a.itemId),
  );
  let answered = 0;
  let correct = 0;
  for (const entry of exam) {
    const first = firsts.get(entry.itemId);
    if (first !== undefined || skipped.has(entry.itemId)) answered += 1;
    if (first === true) correct += 1;
  }
  return { answered, correct, total: exam.length };
}

/**
 * Settles an onboarding person's exam once every item is answered: active at or above the
 * threshold, else suspended with the score. Anyone else, or an unfinished exam, is returned as is.
 * @example const after = await settleExam(ctx, annotator)
 * Complexity: see examScore.
 */
export async function settleExam(ctx: PeopleContext, annotator: Annotator): Promise<Annotator> {
  if (annotator.state !== 'onboarding') return annotator;
  const score = await examScore(ctx, annotator.id);
  if (score.answered < score.total) return annotator;
  const verdict = examVerdict(ctx, score);
  if (verdict === null) return ctx.store.people.updateAnnotator(annotator.id, { state: 'active' });
  return ctx.store.people.updateAnnotator(annotator.id, {
    state: 'suspended',
    suspendedReason: verdict,
  });
}

/** Null when the score passes, else the reason to suspend. */
export function examVerdict(ctx: PeopleContext, score: ExamScore): string | null {
  const share = score.correct / Math.max(1, score.total);
  const threshold = peopleConfig(ctx.project).exam.threshold;
  return share >= threshold
    ? null
    : `${EXAM_REASON}${percent(share, 0)} below ${percent(threshold, 0)}`;
}
