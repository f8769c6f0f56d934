import type { Annotator, AnnotatorState } from '../../core/ports/people-store.js';
import { isoAt, type PeopleContext } from './people-context.js';

/** An admin's change to a person: state (with a reason to suspend) and the discount. */
export interface StateChange {
  readonly state?: AnnotatorState;
  readonly reason?: string | null;
  readonly discounted?: boolean;
}

/**
 * Applies an admin's change. Reinstating (state active) clears the reasons and starts a fresh
 * window for the rules (`rulesSince` now): the answers and controls that led to a suspension no
 * longer count towards the next one; lifetime figures stay for the dashboard. NOT_FOUND for an
 * unknown person.
 * @example await changeAnnotatorState(ctx, 'ann', { state: 'active' })
 * Complexity: one statement.
 */
export function changeAnnotatorState(
  ctx: PeopleContext,
  annotatorId: string,
  change: StateChange,
): Promise<Annotator> {
  return ctx.store.people.updateAnnotator(annotatorId, {
    ...(change.state !== undefined ? { state: change.state } : {}),
    ...(change.state === 'active'
      ? { suspendedReason: null, flaggedReason: null, rulesSince: isoAt(ctx.clock) }
      : {}),
    ...(change.state === 'suspended' ? { suspendedReason: change.reason ?? 'by an admin' } : {}),
    ...(change.discounted !== undefined ? { discounted: change.discounted } : {}),
  });
}
