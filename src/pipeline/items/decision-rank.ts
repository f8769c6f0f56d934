import type { DecidedBy, Decision } from '../../core/types.js';

/** Higher outranks lower: a decision is never overwritten by a lower-ranked source. */
const RANK: Record<DecidedBy, number> = {
  machine: 0,
  auto: 1,
  aggregated: 2,
  human: 2,
  reviewer: 3,
  expert: 4,
  gold: 5,
};

/**
 * Whether a decision made `by` may replace `existing`: only by an equal or higher rank.
 * @example canReplaceDecision({ decidedBy: 'reviewer', … }, 'aggregated') // false
 */
export function canReplaceDecision(
  existing: Pick<Decision, 'decidedBy'> | undefined,
  by: DecidedBy,
): boolean {
  return existing === undefined || RANK[by] >= RANK[existing.decidedBy];
}
