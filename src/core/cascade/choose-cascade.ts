import { HiloError } from '../errors.js';
import { cascadeOrdering, type CascadeOrdering, type StageAnswers } from './cascade-ordering.js';

/** Price per item of each stage, in USD: running stage 1, running stage 2, and people. */
export interface CascadePrices {
  readonly stage1: number;
  readonly stage2: number;
  readonly people: number;
}

/**
 * The whole-data-set promise over one ordering: the loosest threshold on `ordering.score` that
 * a fixed-sequence test certifies at level `alpha` (final error ≤ ε with probability ≥ 1 − α,
 * from the expert checks), or null when none is. The caller binds ε, the checks and their
 * labels; the cascade only chooses among orderings.
 */
export type CertifyOrdering = (ordering: CascadeOrdering, alpha: number) => number | null;

/**
 * What `chooseCascade` needs: both stages' calibrated answers on the n pool items, the pre-set
 * grid of stage-1 thresholds, the test, α, the checked items (labelled by experts whatever the
 * cascade decides) and the prices.
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
  /** 1 for items drawn as expert checks: they are never spared and cost people's price. */
  readonly checked: ArrayLike<number>;
  readonly prices: CascadePrices;
}

/** Counts and cost of the cascade at (t1, t2). */
export interface CascadePlan {
  readonly t1: number;
  /** The certified threshold on the ordering's score; null when none (people take everything). */
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

/** The chosen plan, every plan tried, and the level each t1 was tested at. */
export interface CascadeChoice {
  /** The cheapest certified plan; null when no t1 certified anything. */
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
 * @example chooseCascade({ stage1, stage2, t1Grid: [0.7, 0.8, 0.9, 0.95], alpha: 0.05, certify, checked, prices })
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
    return cascadePlan(ordering, input.certify(ordering, alphaPerT1), input);
  });
  let chosen: CascadePlan | null = null;
  for (const plan of plans) {
    if (plan.t2 !== null && (chosen === null || plan.cost < chosen.cost)) chosen = plan;
  }
  return { chosen, plans, alphaPerT1 };
}

/**
 * Counts and cost of keeping the items whose score clears t2 in one ordering.
 * @example cascadePlan(ordering, 0.85, { checked, prices })
 * Complexity: O(n).
 */
export function cascadePlan(
  ordering: CascadeOrdering,
  t2: number | null,
  input: Pick<CascadeInput, 'checked' | 'prices'>,
): CascadePlan {
  const { score, stage } = ordering;
  const n = score.length;
  let keptByStage1 = 0;
  let keptByStage2 = 0;
  let stage2Runs = 0;
  for (let i = 0; i < n; i++) {
    if (stage[i] === 2) stage2Runs++;
    if (t2 === null || (input.checked[i] as number) === 1 || !((score[i] as number) >= t2))
      continue;
    if (stage[i] === 1) keptByStage1++;
    else keptByStage2++;
  }
  const people = n - keptByStage1 - keptByStage2;
  const { prices } = input;
  return {
    t1: ordering.t1,
    t2,
    keptByStage1,
    keptByStage2,
    stage2Runs,
    people,
    cost: n * prices.stage1 + stage2Runs * prices.stage2 + people * prices.people,
  };
}
