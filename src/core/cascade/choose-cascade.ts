import { HiloError } from '../errors.js';
import { cascadeOrdering, type CascadeOrdering, type StageAnswers } from './cascade-ordering.js';

/**
 * Price per item of each stage, in USD: running stage 1, running stage 2, and people.
 * @example const prices: CascadePrices = { stage1: 0.0001, stage2: 0.002, people: 0.125 }
 */
export interface CascadePrices {
  readonly stage1: number;
  readonly stage2: number;
  readonly people: number;
}

/**
 * The whole-data-set promise over one ordering: which items may keep the cascade's label, as
 * the fixed-sequence test along `ordering.score` certifies them at level `alpha` (final error
 * ≤ ε with probability ≥ 1 − α, from the expert checks): 1 per kept item, never a checked one.
 * The caller binds ε and the checks (see `certifyWithChecks`); the cascade only chooses among
 * orderings.
 * @example const certify: CertifyOrdering = certifyWithChecks({ checks, maxError: 0.05 })
 */
export type CertifyOrdering = (ordering: CascadeOrdering, alpha: number) => Uint8Array;

/**
 * What `chooseCascade` needs: both stages' calibrated answers on the n pool items, the pre-set
 * grid of stage-1 thresholds, the test (which knows the checks), α and the prices.
 * @example chooseCascade({ stage1, stage2, t1Grid: [0.5, 0.7, 0.9], alpha: 0.05, certify, prices })
 */
export interface CascadeInput {
  readonly stage1: StageAnswers;
  readonly stage2: StageAnswers;
  /**
   * Stage-1 thresholds to try, fixed before the checks are seen (never chosen from their labels).
   * A value above 1 means stage 1 keeps nothing.
   */
  readonly t1Grid: readonly number[];
  readonly alpha: number;
  readonly certify: CertifyOrdering;
  readonly prices: CascadePrices;
}

/**
 * Counts and cost of the cascade at (t1, t2).
 * @example const plan = chooseCascade(input).chosen; plan?.keptByStage1
 */
export interface CascadePlan {
  readonly t1: number;
  /** The lowest score kept, i.e. the certified threshold on the ordering; null when nothing is kept. */
  readonly t2: number | null;
  /** Items kept by stage 1 and by stage 2 (checked items excluded: experts label those). */
  readonly keptByStage1: number;
  readonly keptByStage2: number;
  /** Items stage 2 is run on (stage 1 did not keep them, checked or not). */
  readonly stage2Runs: number;
  /** Items labelled by people, checks included. */
  readonly people: number;
  readonly cost: number;
}

/**
 * The chosen plan, every plan tried, and the level each t1 was tested at.
 * @example const { chosen, plans, alphaPerT1 } = chooseCascade(input)
 */
export interface CascadeChoice {
  /** The cheapest plan that keeps anything; null when no t1 certified anything. */
  readonly chosen: CascadePlan | null;
  readonly plans: readonly CascadePlan[];
  /** α / |grid|: Bonferroni over the grid of t1. */
  readonly alphaPerT1: number;
}

/**
 * Chooses the cascade cheap model → stronger model → people under one whole-data-set promise at
 * the least cost (HyPAC-style).
 *
 * Why the promise holds although (t1, t2) are chosen on the same checks that carry it: for each
 * t1 of a grid fixed in advance, `cascadeOrdering` gives one ordering of the items whose
 * thresholds are nested, and `certify` runs a fixed-sequence test on it at level α / |grid|,
 * so the chance that this t1 certifies a threshold whose final error exceeds ε is at most
 * α / |grid|. By the union bound, with probability ≥ 1 − α no t1 does, and then every certified
 * plan keeps the promise simultaneously, so picking the cheapest of them (from label-free
 * counts) keeps it too. Choosing t1 by looking at each test's outcome without the split of α
 * would not (`choose-cascade.simulation.test.ts` shows both).
 * @example chooseCascade({ stage1, stage2, t1Grid: [0.7, 0.8, 0.9, 0.95], alpha: 0.05, certify, prices })
 * Complexity: O(|grid| · (n + cost of certify)).
 */
export function chooseCascade(input: CascadeInput): CascadeChoice {
  const { t1Grid, alpha } = input;
  if (t1Grid.length === 0)
    throw new HiloError('INVALID_INPUT', 'the grid of stage-1 thresholds is empty');
  if (!(alpha > 0 && alpha < 1))
    throw new HiloError('INVALID_INPUT', `α must be in (0, 1), got ${alpha}`);
  const alphaPerT1 = alpha / t1Grid.length;
  const plans = t1Grid.map((t1) => {
    const ordering = cascadeOrdering({ stage1: input.stage1, stage2: input.stage2, t1 });
    return cascadePlan(ordering, input.certify(ordering, alphaPerT1), input.prices);
  });
  let chosen: CascadePlan | null = null;
  for (const plan of plans) {
    if (plan.t2 !== null && (chosen === null || plan.cost < chosen.cost)) chosen = plan;
  }
  return { chosen, plans, alphaPerT1 };
}

/**
 * Counts and cost of the cascade at one t1 when the items of `keep` keep its label: stage 1 is
 * run on every item, stage 2 on those stage 1 did not keep, people label the rest (checked
 * items included, since `keep` never holds one).
 * @example cascadePlan(ordering, keep, { stage1: 0.0002, stage2: 0.002, people: 0.125 })
 * Complexity: O(n).
 */
export function cascadePlan(
  ordering: CascadeOrdering,
  keep: Uint8Array,
  prices: CascadePrices,
): CascadePlan {
  const { score, stage } = ordering;
  const n = score.length;
  let keptByStage1 = 0;
  let keptByStage2 = 0;
  let stage2Runs = 0;
  let t2 = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (stage[i] === 2) stage2Runs++;
    if (keep[i] !== 1) continue;
    if (stage[i] === 1) keptByStage1++;
    else keptByStage2++;
    t2 = Math.min(t2, score[i] as number);
  }
  const people = n - keptByStage1 - keptByStage2;
  return {
    t1: ordering.t1,
    t2: Number.isFinite(t2) ? t2 : null,
    keptByStage1,
    keptByStage2,
    stage2Runs,
    people,
    cost: n * prices.stage1 + stage2Runs * prices.stage2 + people * prices.people,
  };
}
