import { HiloError } from '../../core/errors.js';
import { percent } from '../../core/format/format-number.js';
import { humanVote, oneHot } from '../../core/human-vote.js';
import type { Annotator, AnnotatorState } from '../../core/ports/people-store.js';
import type { NewVote } from '../../core/types.js';
import { adjustOverlap } from './adjust-overlap.js';
import { humanSource, isoAt, peopleConfig, type PeopleContext } from './people-context.js';
import { machineChecks } from './machine-checks.js';
import { checkRules } from './quality-rules.js';

export interface Answer {
  readonly itemId: string;
  /** null skips the item. */
  readonly label: string | null;
  readonly timeSpentMs: number;
}

export interface AnswerResult {
  /** The right answer of a control or exam item, when the project gives feedback; else null. */
  readonly feedback: { readonly correct: boolean; readonly goldLabel: string } | null;
  readonly state: AnnotatorState;
  readonly reason: string | null;
}

/**
 * Stores an answer on the annotator's live lease as a `human:<id>` vote with the time spent (or a
 * skip), then: a control or exam answer updates their record (the exam settles onboarding →
 * active or suspended); the rules run on their newest answers; a task answer may raise overlap.
 * Gold is read only after the answer is stored. CONFLICT without a live lease, INVALID_INPUT for
 * a label outside the label set.
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
  const labels = ctx.project.labels.map((l) => l.name);
  if (answer.label !== null && !labels.includes(answer.label)) {
    throw new HiloError('INVALID_INPUT', `label "${answer.label}" is not in the label set`, {
      field: 'label',
    });
  }
  const { store } = ctx;
  const assignment = await store.people.getAssignment(answer.itemId, annotator.id);
  if (assignment === undefined)
    throw new HiloError('CONFLICT', `item "${answer.itemId}" is not leased to you`);
  const now = isoAt(ctx.clock);
  await store.people.completeAssignment({
    itemId: answer.itemId,
    annotatorId: annotator.id,
    now,
    vote:
      answer.label === null ? null : answerVote(annotator.id, answer, answer.label, labels, now),
  });
  let current = annotator;
  let feedback: AnswerResult['feedback'] = null;
  const settings = peopleConfig(ctx.project);
  if (answer.label !== null && assignment.kind !== 'task') {
    const gold = (await store.getItem(answer.itemId))?.goldLabel ?? null;
    if (gold !== null) {
      const correct = gold === answer.label;
      if (settings.controlFeedback) feedback = { correct, goldLabel: gold };
      if (assignment.kind === 'control') {
        current = await store.people.updateAnnotator(annotator.id, {
          controlsSeen: current.controlsSeen + 1,
          controlsCorrect: current.controlsCorrect + (correct ? 1 : 0),
        });
      }
    }
  }
  if (assignment.kind === 'exam') current = await settleExam(ctx, current);
  else if (answer.label !== null) current = await applyRules(ctx, current);
  if (assignment.kind === 'task' && answer.label !== null) await adjustOverlap(ctx, answer.itemId);
  await machineChecks(ctx, annotator.id, answer.itemId);
  return {
    feedback,
    state: current.state,
    reason: current.suspendedReason ?? current.flaggedReason,
  };
}

function answerVote(
  annotatorId: string,
  answer: Answer,
  label: string,
  labels: readonly string[],
  now: string,
): NewVote {
  return humanVote({
    itemId: answer.itemId,
    source: humanSource(annotatorId),
    label,
    probabilities: oneHot(labels, label),
    timeSpentMs: Math.max(0, Math.round(answer.timeSpentMs)),
    createdAt: now,
  });
}

async function settleExam(ctx: PeopleContext, annotator: Annotator): Promise<Annotator> {
  const { store } = ctx;
  const exam = await store.people.listQueue({ kind: 'exam' });
  const examIds = new Set(exam.map((e) => e.itemId));
  const mine = (await store.people.listAssignments({ annotatorId: annotator.id })).filter(
    (a) => examIds.has(a.itemId) && (a.state === 'done' || a.state === 'skipped'),
  );
  if (mine.length < exam.length) return annotator;
  const gold = new Map(exam.map((e) => [e.itemId, e.goldLabel]));
  const votes = await store.listVotes({ source: humanSource(annotator.id), itemIds: [...examIds] });
  const correct = votes.filter((v) => v.label !== null && v.label === gold.get(v.itemId)).length;
  const score = correct / Math.max(1, exam.length);
  const threshold = peopleConfig(ctx.project).exam.threshold;
  if (score >= threshold) return store.people.updateAnnotator(annotator.id, { state: 'active' });
  return store.people.updateAnnotator(annotator.id, {
    state: 'suspended',
    suspendedReason: `exam ${percent(score, 0)} below ${percent(threshold, 0)}`,
  });
}

async function applyRules(ctx: PeopleContext, annotator: Annotator): Promise<Annotator> {
  const rules = peopleConfig(ctx.project).rules;
  const recent = await ctx.store.people.recentVotes(
    humanSource(annotator.id),
    Math.max(rules.fastWindow, rules.sameLabelRun, 1),
  );
  const outcome = checkRules(recent, annotator, rules);
  // A flag already raised for the same reason needs no new action.
  if (
    outcome.suspend === null &&
    (outcome.flag === null || outcome.flag === annotator.flaggedReason)
  ) {
    return annotator;
  }
  const reason = outcome.suspend ?? outcome.flag;
  // Their newest task answers go to a reviewer.
  const taskIds: string[] = [];
  for (const vote of recent) {
    if ((await ctx.store.people.getQueueEntry(vote.itemId))?.kind === 'task')
      taskIds.push(vote.itemId);
  }
  await ctx.store.people.setReviewReason(taskIds, `rule: ${reason ?? ''}`);
  return ctx.store.people.updateAnnotator(annotator.id, {
    ...(outcome.suspend !== null
      ? { state: 'suspended' as const, suspendedReason: outcome.suspend }
      : {}),
    ...(outcome.discount ? { discounted: true } : {}),
    ...(outcome.flag !== null ? { flaggedReason: outcome.flag } : {}),
  });
}
