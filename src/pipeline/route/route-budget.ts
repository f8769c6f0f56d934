import { hybridCost, type UnitCosts } from '../../core/cost/hybrid-cost.js';
import { overlapPeopleOf } from '../../core/cost/overlap-people-of.js';
import { planTable, type PlanTable } from '../../core/cost/plan-table.js';
import { learnThenTest } from '../../core/routing/learn-then-test.js';
import { learnThenTestEveryLabel } from '../../core/routing/learn-then-test-every-label.js';
import { assignZones, countZones } from '../../core/routing/assign-zones.js';
import { chooseWithinBudget } from '../../core/routing/budget-policy.js';
import { candidateThresholds } from '../../core/routing/candidate-thresholds.js';
import { sequenceStart } from '../../core/routing/sequence-start.js';
import type { Interval } from '../../core/routing/clopper-pearson.js';
import { HiloError } from '../../core/errors.js';
import { usd } from '../../core/format/format-number.js';
import type { ScoredItems } from './route-evidence.js';

/** The plan picked for a budget. */
export interface BudgetChoice {
  readonly budget: number;
  /** Accept threshold on calibrated confidence; Infinity when people take every item. */
  readonly threshold: number;
  /** Total cost: machine pass, people, audits, controls. */
  readonly cost: number;
  readonly coverage: number;
  /** Expected accuracy of all final labels, people's assumed accuracy included. */
  readonly expectedAccuracy: Interval;
  /** Accuracy of accepted labels on gold (two-sided interval); null when nothing is accepted. */
  readonly acceptedAccuracy: Interval | null;
  readonly goldAccepted: number;
  readonly goldCorrect: number;
  /** Whether fixed-sequence testing certified this threshold for the target. */
  readonly certified: boolean;
  /** People's accuracy the expected accuracy assumes. */
  readonly humanAccuracy: number;
}

/** Coverage of the strictest extra row of a plan: below it, too few gold items to say much. */
const PLAN_MIN_COVERAGE = 0.05;

/**
 * The cost–accuracy table of candidate thresholds for routed pool items. Two lists are merged:
 * the fixed-sequence candidates `hilo route` tests (pool quantiles from its powered start,
 * `sequenceStart`, up to accepting everything), and an even grid of coverages from 5% so
 * a small gold set still shows the strict end of the curve. Only the first list is tested, as
 * `hilo route` tests it, so a row marked certified carries exactly the default policy's promise
 * and `chosen` is the threshold `hilo route` would pick.
 * @example routePlanTable({ gold, correct, pool, target: 0.97, delta: 0.05, lo: -Infinity, humanAccuracy: 0.95, unit })
 * Complexity: that of `planTable` over about 70 thresholds.
 */
export function routePlanTable(input: {
  readonly gold: ScoredItems;
  readonly correct: Uint8Array;
  readonly pool: ScoredItems;
  readonly target: number;
  readonly delta: number;
  readonly lo: number;
  readonly humanAccuracy: number;
  readonly unit: UnitCosts;
}): PlanTable {
  const { gold, correct, pool, target, delta } = input;
  const reference = pool.confidence.length > 0 ? pool.confidence : gold.confidence;
  const tested = candidateThresholds({
    reference,
    minCoverage: sequenceStart({ pool: reference, goldScores: gold.confidence, target, delta })
      .coverage,
  });
  const grid = candidateThresholds({ reference, minCoverage: PLAN_MIN_COVERAGE, steps: 19 });
  const scores = { scores: gold.confidence, correct };
  // Per-label outcomes (multi-label, per-label measure): every label is tested, as `hilo route` does.
  const tests =
    gold.labelCorrect === null
      ? learnThenTest({ ...scores, thresholds: tested, target, delta }).tests
      : learnThenTestEveryLabel({
          scores: gold.confidence,
          correct: gold.labelCorrect,
          L: gold.labelCorrect.length / Math.max(1, gold.confidence.length),
          thresholds: tested,
          target,
          delta,
        }).tests;
  const certified = new Set(tests.filter((t) => t.certified).map((t) => t.threshold));
  const table = planTable({
    gold: scores,
    pool: pool.confidence,
    thresholds: Float64Array.from(new Set([...tested, ...grid])),
    lo: input.lo,
    target,
    delta,
    humanAccuracy: input.humanAccuracy,
    unit: input.unit,
  });
  const rows = table.rows.map((row) => ({ ...row, certified: certified.has(row.threshold) }));
  let chosen: number | null = null;
  rows.forEach((row, i) => {
    if (row.certified) chosen = i;
  });
  return { ...table, rows, chosen };
}

/**
 * Budget mode: the most accurate plan whose total cost fits the budget, among the candidate
 * thresholds and "people take everything". Items people must take anyway (abstentions) add
 * their cost to every option. Throws BUDGET_EXCEEDED when even the cheapest option is over.
 * @example routeBudgetRow({ gold, correct, pool, request: { budget: 500, unit, target: 0.97, delta: 0.05 }, lo: -Infinity })
 * Complexity: that of `planTable`.
 */
export function routeBudgetRow(input: {
  readonly gold: ScoredItems;
  readonly correct: Uint8Array;
  readonly pool: ScoredItems;
  readonly request: {
    readonly target: number;
    readonly delta: number;
    readonly budget?: number;
    readonly unit?: UnitCosts;
    readonly humanAccuracy?: number;
    readonly fixedHumanItems?: number;
  };
  readonly lo: number;
}): BudgetChoice {
  const { request, lo } = input;
  const { budget, unit } = request;
  if (budget === undefined || unit === undefined) {
    throw new HiloError('INTERNAL', 'budget mode needs a budget and prices');
  }
  const humanAccuracy = request.humanAccuracy ?? 0.95;
  const extra =
    (request.fixedHumanItems ?? 0) * unit.annotation * (1 + unit.controlRate) * unit.overlap;
  const table = routePlanTable({ ...input, ...request, humanAccuracy, unit });
  const options: BudgetChoice[] = table.rows.map((row) => ({
    budget,
    threshold: row.threshold,
    cost: row.cost.total + extra,
    coverage: row.coverage,
    expectedAccuracy: row.expectedAccuracy,
    acceptedAccuracy: row.acceptedAccuracy,
    goldAccepted: row.goldAccepted,
    goldCorrect: row.goldCorrect,
    certified: row.certified,
    humanAccuracy,
  }));
  const zones = assignZones({
    confidence: input.pool.confidence,
    hi: Number.POSITIVE_INFINITY,
    lo,
  });
  const people = {
    ...countZones(zones),
    overlapPeople: overlapPeopleOf(input.pool.confidence, unit).inZone(zones).expected,
  };
  options.push({
    budget,
    threshold: Number.POSITIVE_INFINITY,
    cost: hybridCost(people, unit).total + extra,
    coverage: 0,
    expectedAccuracy: { estimate: humanAccuracy, lower: humanAccuracy, upper: humanAccuracy },
    acceptedAccuracy: null,
    goldAccepted: 0,
    goldCorrect: 0,
    certified: false,
    humanAccuracy,
  });
  const choice = chooseWithinBudget(
    options.map((option) => ({ ...option, accuracy: option.expectedAccuracy })),
    budget,
  );
  if (choice === null) {
    const cheapest = Math.min(...options.map((o) => o.cost));
    throw new HiloError(
      'BUDGET_EXCEEDED',
      `no plan fits a budget of ${usd(budget)}: the cheapest costs ${usd(cheapest)}`,
    );
  }
  const { accuracy: _accuracy, ...chosen } = choice;
  return chosen;
}
