import type { Annotator, RecentVote } from '../../core/ports/people-store.js';
import { humanSource, peopleConfig, type PeopleContext } from './people-context.js';
import { checkRules, type ControlCounts } from './quality-rules.js';

/**
 * Runs the rules on a person after an answer, over their answers since the rules' window started
 * (`rulesSince`, set when a suspension is lifted): suspends, discounts or flags them as the rules
 * say, and sends their newest task answers in the window to a reviewer. The control-accuracy rule
 * runs only when `controlAnswered` (nothing else changes it).
 * @example const after = await applyRules(ctx, annotator, { controlAnswered: false })
 * Complexity: the rules' window, plus the person's controls in the window after a control.
 */
export async function applyRules(
  ctx: PeopleContext,
  annotator: Annotator,
  options: { readonly controlAnswered: boolean },
): Promise<Annotator> {
  const rules = peopleConfig(ctx.project).rules;
  const recent = await recentInWindow(
    ctx,
    annotator,
    Math.max(rules.fastWindow, rules.sameLabelRun, 1),
  );
  const controls =
    options.controlAnswered && rules.minControls > 0 ? await windowControls(ctx, annotator) : null;
  const outcome = checkRules(recent, controls, rules);
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

/**
 * A person's control answers in the rules' window, from their kept first answers (an upheld
 * appeal counts as right).
 * @example await windowControls(ctx, annotator) // { seen: 10, correct: 8 }
 * Complexity: O(the person's controls in the window).
 */
export async function windowControls(
  ctx: PeopleContext,
  annotator: Annotator,
): Promise<ControlCounts> {
  const answers = await ctx.store.people.listGoldAnswers({
    annotatorId: annotator.id,
    kind: 'control',
    ...(annotator.rulesSince !== null ? { since: annotator.rulesSince } : {}),
  });
  return { seen: answers.length, correct: answers.filter((a) => a.correct).length };
}

async function recentInWindow(
  ctx: PeopleContext,
  annotator: Annotator,
  limit: number,
): Promise<RecentVote[]> {
  const recent = await ctx.store.people.recentVotes(humanSource(annotator.id), limit);
  const since = annotator.rulesSince;
  return since === null ? recent : recent.filter((vote) => vote.createdAt >= since);
}
