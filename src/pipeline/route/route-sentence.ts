import { count, percent } from '../../core/format/format-number.js';
import { describePolicy } from '../../core/routing/describe-policy.js';
import type { Zone } from '../../core/routing/assign-zones.js';
import type { ChosenPolicy } from './route-policy.js';

const money = (x: number) => `$${count(x)}`;

/**
 * The routing in words, for the terminal and the report: `describePolicy` for a guaranteed
 * policy (per class, the thresholds' labels are named; for the meta-router, the gold that
 * certified it), and for a budget plan without the guarantee, what it buys and that the target
 * is not promised.
 * @example routeSentence({ policy, counts, target: 0.97, delta: 0.05, cost: { plan: 120, allHuman: 400 } })
 * Complexity: O(K).
 */
export function routeSentence(input: {
  readonly policy: ChosenPolicy;
  readonly counts: Record<Zone, number>;
  readonly target: number;
  readonly delta: number;
  readonly cost: { readonly plan: number; readonly allHuman: number };
  /** The people per item the costs were priced with, in words. */
  readonly pricedWith?: string;
  /** The task's measure when it is not plain accuracy (`promiseMeasure`). */
  readonly measure?: string;
}): string {
  const { policy, counts, target, delta, cost } = input;
  const total = counts.accept + counts.overlap + counts.human;
  const budget = policy.budget;
  if (budget && !(policy.certified && counts.accept > 0)) {
    const people = counts.overlap + counts.human;
    const machine =
      counts.accept === 0
        ? `people label all ${count(total)} items`
        : `the machine's label is accepted for ${percent(counts.accept / Math.max(1, total), 0)} of items ` +
          `(${count(counts.accept)} of ${count(total)}), whose labels were ` +
          `${percent(policy.goldAcceptedCorrect / Math.max(1, policy.goldAccepted))} correct on ` +
          `${count(policy.goldAccepted)} gold items; the other ${count(people)} go to people`;
    const expected = budget.expectedAccuracy;
    return (
      `Within the budget of ${money(budget.budget)}, the most accurate plan costs ${money(budget.cost)}: ${machine}. ` +
      `Expected final accuracy ${percent(expected.estimate)} (${percent(expected.lower)}–${percent(expected.upper)}), ` +
      `taking people to be ${percent(budget.humanAccuracy, 0)} accurate.` +
      (counts.accept > 0
        ? ` This plan does not carry the promise that accepted labels are ${percent(target)} correct with ${percent(1 - delta, 0)} confidence.`
        : '')
    );
  }
  let sentence = describePolicy({
    total,
    accepted: counts.accept,
    overlap: counts.overlap,
    human: counts.human,
    goldSize: policy.goldUsed,
    goldAccepted: policy.goldAccepted,
    goldAcceptedCorrect: policy.goldAcceptedCorrect,
    target,
    delta,
    certified: policy.certified,
    goldNeeded: policy.goldNeeded,
    ...(input.measure ? { measure: input.measure } : {}),
    cost: {
      plan: cost.plan,
      allHuman: cost.allHuman,
      ...(input.pricedWith ? { pricedWith: input.pricedWith } : {}),
    },
  });
  if (policy.thresholds && policy.certified) {
    const open = Object.entries(policy.thresholds)
      .filter(([, t]) => t !== null)
      .map(([label]) => label);
    sentence += ` Labels with a certified threshold (each at ${percent(delta / Object.keys(policy.thresholds).length, 2)} error): ${open.join(', ')}.`;
  }
  if (policy.router && policy.certified) {
    sentence += ` A meta-classifier ranks the items; it was fitted on the other gold items, so the promise rests on these ${count(policy.goldUsed)}.`;
  }
  return sentence;
}

/**
 * The people per item a routing's costs were priced with, for its sentence.
 * @example pricedWith(unit, 630, { overlap: 300, human: 0 }) // 'overlap items at 2.10 people each (expected with dynamic overlap), people alone at 1 person per item'
 * Complexity: O(1).
 */
export function pricedWith(
  unit: { overlap: number; overlapZoneHumans: number; dynamicOverlap?: unknown },
  overlapPeople: number,
  counts: { overlap: number; human: number },
): string {
  const parts: string[] = [];
  if (counts.overlap > 0) {
    const each = overlapPeople / counts.overlap;
    parts.push(
      unit.dynamicOverlap
        ? `overlap items at ${each.toFixed(2)} people each (expected with dynamic overlap)`
        : `overlap items at ${unit.overlapZoneHumans} ${unit.overlapZoneHumans === 1 ? 'person' : 'people'} each`,
    );
  }
  parts.push(
    `${counts.human > 0 ? 'human items and ' : ''}people alone at ${unit.overlap} ${unit.overlap === 1 ? 'person' : 'people'} per item`,
  );
  return parts.join(', ');
}
