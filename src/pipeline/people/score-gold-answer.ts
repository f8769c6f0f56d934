import type { GoldAnswer } from '../../core/ports/gold-answers.js';
import type { Annotator } from '../../core/ports/people-store.js';
import { answerScore, taskShapeOf } from '../../core/task-kind/index.js';
import type { PeopleContext } from './people-context.js';

/** A scored gold answer: the kept (first) one, whether it is this one, and the person after it. */
export interface ScoredAnswer {
  readonly kept: GoldAnswer;
  readonly first: boolean;
  readonly annotator: Annotator;
}

/**
 * Scores an answer to a control or exam item: only a person's first answer to a gold item is
 * kept and counted (an undo and a second try change nothing); a first control answer also moves
 * their lifetime control counts. Right means right in the kind's terms (`answerScore` equal to
 * 1): the same label, verdict or level; a level within ±k for `rating.measure: within-k`; the
 * exact set for multi-label, whatever `multilabel.measure` says (a set half right is wrong, so
 * the exam and the control-accuracy rule judge exact sets). Returns undefined when the item has
 * no gold label.
 * @example const scored = await scoreGoldAnswer(ctx, annotator, { itemId: 'c1', kind: 'control', label: 'spam', now })
 * Complexity: a few statements.
 */
export async function scoreGoldAnswer(
  ctx: PeopleContext,
  annotator: Annotator,
  answer: {
    readonly itemId: string;
    readonly kind: GoldAnswer['kind'];
    readonly label: string;
    readonly now: string;
  },
): Promise<ScoredAnswer | undefined> {
  const gold = (await ctx.store.getItem(answer.itemId))?.goldLabel ?? null;
  if (gold === null) return undefined;
  const { kept, first } = await ctx.store.people.recordGoldAnswer({
    annotatorId: annotator.id,
    itemId: answer.itemId,
    kind: answer.kind,
    label: answer.label,
    goldLabel: gold,
    correct: answerScore(taskShapeOf(ctx.project), answer.label, gold) === 1,
    answeredAt: answer.now,
  });
  if (!first || kept.kind !== 'control') return { kept, first, annotator };
  const updated = await ctx.store.people.updateAnnotator(annotator.id, {
    controlsSeen: annotator.controlsSeen + 1,
    controlsCorrect: annotator.controlsCorrect + (kept.correct ? 1 : 0),
  });
  return { kept, first, annotator: updated };
}
