import { assignZones, countZones } from '../routing/assign-zones.js';
import { clopperPearson, type Interval } from '../routing/clopper-pearson.js';
import { countAccepted, descendingThresholds, learnThenTest } from '../routing/learn-then-test.js';
import { hybridCost, type PlanCost, type UnitCosts, type ZoneCounts } from './hybrid-cost.js';
import { humanBaselineCost } from './cost-model.js';
import { overlapPeopleOf, type OverlapPeople } from './overlap-people-of.js';

export interface PlanTableInput {
  /** Gold items' calibrated confidence and whether the machine was right. */
  readonly gold: { readonly scores: ArrayLike<number>; readonly correct: ArrayLike<number> };
  /** Calibrated confidence of the pool items the plan is for. */
  readonly pool: ArrayLike<number>;
  /** Candidate accept thresholds (any order; rows come out strictest first). */
  readonly thresholds: ArrayLike<number>;
  /** Items below this go to people alone; between it and the row's threshold, overlap. Default: no overlap zone. */
  readonly lo?: number;
  readonly target: number;
  /** Level of the guarantee (certified rows) and of the two-sided intervals. */
  readonly delta: number;
  /** Expected accuracy of labels decided by people (overlap and human zones), e.g. from controls. */
  readonly humanAccuracy: number;
  readonly unit: UnitCosts;
}

interface PlanRow {
  readonly threshold: number;
  /** Share of pool items accepted. */
  readonly coverage: number;
  readonly counts: ZoneCounts;
  readonly goldAccepted: number;
  readonly goldCorrect: number;
  /** Accuracy of accepted labels on gold, with a two-sided Clopper–Pearson interval at 1 − delta. */
  readonly acceptedAccuracy: Interval;
  /** Expected accuracy of all final labels: accepted ones plus people's. */
  readonly expectedAccuracy: Interval;
  /** People-answers on the overlap zone: expected, fewest and most (see `overlapPeopleOf`). */
  readonly overlapPeople: OverlapPeople;
  /** Expected cost; `costRange` with the fewest and the most people dynamic overlap may ask. */
  readonly cost: PlanCost;
  readonly costRange: { readonly low: number; readonly high: number };
  /** Saving against people alone, in money and as a share. */
  readonly saving: number;
  readonly savingFraction: number;
  /** Certified by fixed-sequence testing: accepted accuracy ≥ target with confidence 1 − delta. */
  readonly certified: boolean;
}

export interface PlanTable {
  readonly rows: readonly PlanRow[];
  /** Index of the guaranteed choice (the loosest certified row), or null. */
  readonly chosen: number | null;
  readonly allHumanCost: number;
  readonly allMachine: { readonly cost: number; readonly accuracy: Interval };
}

/**
 * The cost–accuracy table behind `hilo route`: for each candidate threshold, coverage of the
 * pool, accepted accuracy on gold with its interval, expected final accuracy, cost and saving
 * against people alone, and whether fixed-sequence testing certified it. Intervals of single
 * rows are not simultaneous; only `certified` carries the guarantee (see `learnThenTest`).
 * @example planTable({ gold, pool, thresholds, lo: 0.6, target: 0.97, delta: 0.05, humanAccuracy: 0.96, unit }).rows
 * Complexity: O((n + p) log(n + p) + m·p) for n gold, p pool items and m thresholds.
 */
export function planTable(input: PlanTableInput): PlanTable {
  const { gold, pool, target, delta, unit } = input;
  const thresholds = descendingThresholds(input.thresholds);
  const selection = learnThenTest({
    scores: gold.scores,
    correct: gold.correct,
    thresholds,
    target,
    delta,
  });
  const { accepted, right } = countAccepted(gold.scores, gold.correct, thresholds);
  const n = pool.length;
  const allHumanCost = humanBaselineCost({
    items: n,
    controlRate: unit.controlRate,
    overlap: unit.overlap,
    annotationCost: unit.annotation,
  });
  const people = overlapPeopleOf(pool, unit);
  let goldRight = 0;
  for (let i = 0; i < gold.correct.length; i++) goldRight += gold.correct[i] as number;
  const rows: PlanRow[] = [];
  let chosen: number | null = null;
  thresholds.forEach((threshold, t) => {
    const zones = assignZones({ confidence: pool, hi: threshold, lo: input.lo ?? threshold });
    const overlapPeople = people.inZone(zones);
    const counts = { ...countZones(zones), overlapPeople: overlapPeople.expected };
    const coverage = n > 0 ? counts.accept / n : 0;
    const acceptedAccuracy = clopperPearson(right[t] as number, accepted[t] as number, delta);
    const mix = (a: number) => coverage * a + (1 - coverage) * input.humanAccuracy;
    const cost = hybridCost(counts, unit);
    const costRange = {
      low: hybridCost({ ...counts, overlapPeople: overlapPeople.fewest }, unit).total,
      high: hybridCost({ ...counts, overlapPeople: overlapPeople.most }, unit).total,
    };
    const certified = selection.tests[t]?.certified ?? false;
    if (certified) chosen = t;
    rows.push({
      threshold,
      coverage,
      counts,
      goldAccepted: accepted[t] as number,
      goldCorrect: right[t] as number,
      acceptedAccuracy,
      expectedAccuracy: {
        estimate: coverage === 0 ? input.humanAccuracy : mix(acceptedAccuracy.estimate),
        lower: mix(acceptedAccuracy.lower),
        upper: mix(acceptedAccuracy.upper),
      },
      overlapPeople,
      cost,
      costRange,
      saving: allHumanCost - cost.total,
      savingFraction: allHumanCost > 0 ? (allHumanCost - cost.total) / allHumanCost : 0,
      certified,
    });
  });
  return {
    rows,
    chosen,
    allHumanCost,
    allMachine: {
      cost: n * unit.machinePerItem,
      accuracy: clopperPearson(goldRight, gold.correct.length, delta),
    },
  };
}
