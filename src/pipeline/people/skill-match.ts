import type { Decision } from '../../core/types.js';
import type { Assignment, LeaseRequest } from '../../core/ports/people-store.js';
import { humanSource, peopleConfig, type PeopleContext } from './people-context.js';
import type { CrowdSnapshot } from './crowd-snapshot.js';

/** The span of priority the active-learning score moves a task within its zone (queuePriority). */
const ZONE_SPAN = 0.5;

/**
 * Leases with skill matching (`people.skillMatching` > 0): a task lease prefers, among open
 * entries within `skillMatching × 0.5` of the best one's priority (the whole active-learning
 * span of a zone at 1, so a zone is never skipped), those whose predicted label the person is
 * good at (see {@link skilledLabels}). Without `ctx.crowd`, for people the crowd model knows too
 * little about, and for controls and exam items it leases as the store would.
 * @example await leaseMatched(ctx, { annotatorId, kind: 'task', now, expiresAt })
 * Complexity: O(K) plus the store's lease (one index walk per preferred label).
 */
export async function leaseMatched(
  ctx: PeopleContext,
  request: LeaseRequest,
): Promise<Assignment | undefined> {
  const strength = peopleConfig(ctx.project).skillMatching;
  if (request.kind !== 'task' || strength <= 0 || ctx.crowd === undefined)
    return ctx.store.people.leaseNext(request);
  const labels = skilledLabels(await ctx.crowd.current(), humanSource(request.annotatorId));
  if (labels.length === 0) return ctx.store.people.leaseNext(request);
  return ctx.store.people.leaseNext({
    ...request,
    preferLabels: labels,
    preferWithin: strength * ZONE_SPAN,
  });
}

/**
 * The labels a person is better at than the crowd, best advantage first: those whose diagonal
 * cell P(says k | is k) of their Dawid-Skene confusion matrix is above the crowd's pooled
 * matrix's. None for someone the fit judges by the pooled matrix (too few votes) or does not
 * know.
 * @example skilledLabels(crowd, 'human:ann-7') // ['spam']
 * Complexity: O(K).
 */
export function skilledLabels(crowd: CrowdSnapshot, source: string): string[] {
  const row = crowd.rowOf.get(source);
  if (row === undefined || row === crowd.pooledRow) return [];
  const K = crowd.numClasses;
  const diagonal = (r: number, k: number): number => crowd.confusion[(r * K + k) * K + k] ?? 0;
  const better: { label: string; advantage: number }[] = [];
  crowd.labels.forEach((label, k) => {
    const advantage = diagonal(row, k) - diagonal(crowd.pooledRow, k);
    if (advantage > 0) better.push({ label, advantage });
  });
  return better.sort((a, b) => b.advantage - a.advantage).map((b) => b.label);
}

/**
 * Records the machine's label of each routed decision as its queue entry's predicted label,
 * which skill matching leases on.
 * @example await storePredictedLabels(ctx, routed)
 * Complexity: one store write over the decisions.
 */
export async function storePredictedLabels(
  ctx: PeopleContext,
  decisions: readonly Decision[],
): Promise<void> {
  await ctx.store.people.setPredictedLabels(
    decisions.map((d) => ({ itemId: d.itemId, label: d.label })),
  );
}
