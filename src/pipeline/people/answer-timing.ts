import type { Assignment } from '../../core/ports/people-store.js';
import { humanSource, type PeopleContext } from './people-context.js';

/**
 * The time a person spent on an item as the server sees it: from the lease, or from their previous
 * answer when that came later (two leases held at once earn no double credit), to now. The
 * browser's own figure is never used for it.
 * @example const ms = await serverTimeSpent(ctx, assignment) // 4100
 * Complexity: one read of the person's newest vote.
 */
export async function serverTimeSpent(ctx: PeopleContext, assignment: Assignment): Promise<number> {
  const [previous] = await ctx.store.people.recentVotes(humanSource(assignment.annotatorId), 1);
  const leased = Date.parse(assignment.leasedAt);
  const from = previous === undefined ? leased : Math.max(leased, Date.parse(previous.createdAt));
  return Math.max(0, ctx.clock.now() - from);
}
