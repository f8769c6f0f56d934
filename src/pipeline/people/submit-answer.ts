import { HiloError } from '../../core/errors.js';
import { humanVote } from '../../core/human-vote.js';
import { answerProbabilities, canonicalAnswer } from '../../core/people-kinds/index.js';
import type { AnnotatorState, Annotator } from '../../core/ports/people-store.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { adjustOverlap } from './adjust-overlap.js';
import { serverTimeSpent } from './answer-timing.js';
import { applyRules } from './apply-rules.js';
import { goldFeedback, type GoldFeedback } from './gold-feedback.js';
import { liveAggregate } from './live-aggregate.js';
import { humanSource, isoAt, peopleConfig, type PeopleContext } from './people-context.js';
import { scoreGoldAnswer } from './score-gold-answer.js';
import { settleExam } from './settle-exam.js';
import { machineChecks } from './machine-checks.js';

export interface Answer {
  readonly itemId: string;
  /**
   * A label of the set, a pairwise verdict or a level of the scale; for a multi-label project
   * the set's names joined by `|` in any order (`''` is the empty set). null skips the item.
   */
  readonly label: string | null;
  /** What the browser measured: kept on the vote as a hint, never used by the rules. */
  readonly timeSpentMs: number;
}

export interface AnswerResult {
  /**
   * On a first answer to a control or exam item, when the project gives feedback: right or wrong,
   * the gold label and, when wrong, why; else null (a second try after an undo is told nothing).
   */
  readonly feedback: GoldFeedback | null;
  readonly state: AnnotatorState;
  readonly reason: string | null;
}

/**
 * Stores an answer on the annotator's live lease as a `human:<id>` vote (or a skip) with the time
 * spent as the server measured it (see serverTimeSpent), then: a control or exam answer is scored
 * once, on the first try (scoreGoldAnswer), and the exam settles onboarding → active or
 * suspended; the rules run on their answers in the window; a task answer may raise overlap.
 * Gold is read only after the answer is stored. CONFLICT without a live lease, INVALID_INPUT for
 * an answer the project's kind does not take (see canonicalAnswer; nothing is stored); a set is
 * stored as its code.
 * @example await submitAnswer(ctx, annotator, { itemId: 'a', label: 'spam', timeSpentMs: 4100 })
 * Complexity: a few statements plus the rules' window.
 */
export async function submitAnswer(
  ctx: PeopleContext,
  annotator: Annotator,
  answer: Answer,
): Promise<AnswerResult> {
  if (annotator.state === 'suspended')
    throw new HiloError('CONFLICT', `suspended: ${annotator.suspendedReason ?? ''}`);
  const shape = taskShapeOf(ctx.project);
  const label = answer.label === null ? null : canonicalAnswer(shape, answer.label);
  const { store } = ctx;
  const assignment = await store.people.getAssignment(answer.itemId, annotator.id);
  if (assignment === undefined)
    throw new HiloError('CONFLICT', `item "${answer.itemId}" is not leased to you`);
  const now = isoAt(ctx.clock);
  const spent = await serverTimeSpent(ctx, assignment);
  await store.people.completeAssignment({
    itemId: answer.itemId,
    annotatorId: annotator.id,
    now,
    vote:
      label === null
        ? null
        : humanVote({
            itemId: answer.itemId,
            source: humanSource(annotator.id),
            label,
            probabilities: answerProbabilities(shape, label),
            timeSpentMs: spent,
            clientMs: Math.max(0, Math.round(answer.timeSpentMs)),
            createdAt: now,
          }),
  });
  let current = annotator;
  let feedback: GoldFeedback | null = null;
  if (label !== null && assignment.kind !== 'task') {
    const scored = await scoreGoldAnswer(ctx, current, {
      itemId: answer.itemId,
      kind: assignment.kind,
      label,
      now,
    });
    if (scored !== undefined) {
      current = scored.annotator;
      if (scored.first && peopleConfig(ctx.project).controlFeedback)
        feedback = goldFeedback(ctx.project, scored.kept);
    }
  }
  if (assignment.kind === 'exam') current = await settleExam(ctx, current);
  else if (label !== null)
    current = await applyRules(ctx, current, { controlAnswered: assignment.kind === 'control' });
  if (assignment.kind === 'task' && label !== null) await adjustOverlap(ctx, answer.itemId);
  if (label !== null) await liveAggregate(ctx, answer.itemId);
  await machineChecks(ctx, annotator.id, answer.itemId);
  return {
    feedback,
    state: current.state,
    reason: current.suspendedReason ?? current.flaggedReason,
  };
}
