import type { Interval } from './clopper-pearson.js';

/** Anything with a cost and an expected accuracy with an interval. */
export interface PricedPolicy {
  readonly cost: number;
  readonly accuracy: Interval;
}

/**
 * Budget mode: among candidate policies, the most accurate (by expected accuracy; ties go to
 * the higher lower bound, then to the cheaper) whose cost fits the budget; null if none fits.
 * @example chooseWithinBudget(plan.rows.map((r) => ({ ...r, accuracy: r.expectedAccuracy })), 2000)
 * Complexity: O(m).
 */
export function chooseWithinBudget<T extends PricedPolicy>(
  policies: readonly T[],
  budget: number,
): T | null {
  let best: T | null = null;
  for (const policy of policies) {
    if (!(policy.cost <= budget) || Number.isNaN(policy.accuracy.estimate)) continue;
    if (
      best === null ||
      policy.accuracy.estimate > best.accuracy.estimate ||
      (policy.accuracy.estimate === best.accuracy.estimate &&
        (policy.accuracy.lower > best.accuracy.lower ||
          (policy.accuracy.lower === best.accuracy.lower && policy.cost < best.cost)))
    ) {
      best = policy;
    }
  }
  return best;
}
