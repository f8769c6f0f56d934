import { dynamicOverlapOf } from '../../core/cost/dynamic-overlap.js';
import { annotationCost, controlsPerTask } from '../../core/cost/cost-model.js';
import { describeStaffing } from '../../core/cost/describe-staffing.js';
import type { UnitCosts } from '../../core/cost/hybrid-cost.js';
import { planTable } from '../../core/cost/plan-table.js';
import { percent } from '../../core/format/format-number.js';
import type { PeopleConfig, Prices } from '../../core/project.js';
import { candidateThresholds } from '../../core/routing/candidate-thresholds.js';
import type { RouteRun } from '../../core/runs/run-records.js';
import type { PlanAssumptions, PlanData, PolicyData, SpendData } from './report-data-types.js';

/** Defaults of a plan when no routing run says otherwise (those of `hilo route`). */
const DEFAULTS = {
  target: 0.97,
  delta: 0.05,
  auditRate: 0,
  humanAccuracy: 0.95,
};

/**
 * A routing run's policy as the report shows it, from the run's typed config.
 * @example policyFromRun(run, 'model:local@2').threshold
 * Complexity: O(1).
 */
export function policyFromRun(run: RouteRun, scoredSource: string): PolicyData {
  const c = run.config;
  const need = c.goldNeededDetail;
  return {
    runId: run.id,
    at: run.endedAt ?? run.startedAt,
    source: c.source,
    appliesToSource: c.source === scoredSource,
    calibrator: c.calibrator,
    score: c.score,
    // A whole-data-set promise bounds the final data's error, not accepted labels' accuracy: its
    // sentence says it, with what it rests on.
    target: c.wholeSet ? null : c.target,
    delta: c.delta,
    threshold: c.threshold,
    lo: c.lo,
    perClass: c.thresholds,
    counts: c.counts,
    sentence: c.sentence,
    goldItems: c.wholeSet ? null : c.goldItems,
    goldNeeded: need && { additional: need.additionalGold, total: need.totalGold },
    cost: {
      plan: c.cost.plan,
      allHuman: c.cost.allHuman,
      currency: currencySymbol(c.cost.currency),
    },
    testCheck: c.testCheck,
    warnings: c.warnings ?? [],
    wholeSet: c.wholeSet
      ? {
          maxError: c.wholeSet.maxError,
          items: c.wholeSet.items,
          spared: c.wholeSet.spared,
          checks: c.wholeSet.checks,
          toPeople: c.wholeSet.toPeople,
        }
      : null,
  };
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** 'USD' → '$'; an unknown code is kept with a space ('CHF '). */
function currencySymbol(code: string): string {
  return SYMBOLS[code] ?? (code.length === 3 ? `${code} ` : code);
}

/**
 * Per-item prices and staffing for the cost–accuracy curve: the routing run's, else the defaults
 * of `hilo route`: the project's prices and `people` settings (people per item, dynamic
 * overlap, controls) and the machine cost per item the source's label runs actually had.
 * @example planAssumptions({ run: null, prices, people, spend }).overlap // 1
 * Complexity: O(1).
 */
export function planAssumptions(input: {
  readonly run: RouteRun | null;
  readonly prices: Prices;
  readonly people: PeopleConfig;
  readonly spend: SpendData;
}): PlanAssumptions {
  const c = input.run?.config;
  if (c) {
    const { machinePerItem, annotation, overlap, overlapZoneHumans, controlRate, auditRate } =
      c.cost;
    return {
      machinePerItem,
      annotation,
      overlap,
      overlapZoneHumans,
      dynamicOverlap: c.cost.dynamicOverlap,
      controlRate,
      auditRate,
      humanAccuracy: c.humanAccuracy,
      lo: c.lo,
      staffing: c.cost.staffing,
      from: 'route',
    };
  }
  const { people } = input;
  return {
    machinePerItem: input.spend.items > 0 ? input.spend.costUsd / input.spend.items : 0,
    annotation: annotationCost({
      hourlyRate: input.prices.humanHourlyUsd,
      itemsPerHour: input.prices.humanItemsPerHour,
    }),
    overlap: people.overlap.human,
    overlapZoneHumans: people.overlap.overlap,
    dynamicOverlap: dynamicOverlapOf(people, DEFAULTS.humanAccuracy),
    controlRate: controlsPerTask(people.controlRate),
    auditRate: DEFAULTS.auditRate,
    humanAccuracy: DEFAULTS.humanAccuracy,
    lo: null,
    staffing: null,
    from: 'defaults',
  };
}

/**
 * The cost–accuracy curve of single-threshold policies over the pool, with accepted accuracy
 * measured on held-out items, and the routing run's threshold marked when there is one.
 * @example planData({ heldOut: { scores, correct }, pool, policy, assumptions }).chosen
 * Complexity: O((n + p) log(n + p) + m·p) for m ≤ 42 thresholds (see `planTable`).
 */
export function planData(input: {
  readonly heldOut: { readonly scores: ArrayLike<number>; readonly correct: ArrayLike<number> };
  readonly pool: Float64Array;
  readonly policy: PolicyData | null;
  readonly assumptions: PlanAssumptions;
}): PlanData | null {
  const { heldOut, policy, assumptions: a } = input;
  if (heldOut.scores.length === 0) return null;
  const poolFrom = input.pool.length > 0 ? 'pool' : 'held-out';
  const pool = input.pool.length > 0 ? input.pool : Float64Array.from(heldOut.scores);
  const thresholds = Array.from(
    candidateThresholds({ reference: pool, minCoverage: 0.02, steps: 40 }),
  );
  // A meta-router's threshold is on its own score, not on confidence: it has no place here.
  const chosenThreshold =
    policy?.appliesToSource && policy.score === 'confidence' ? policy.threshold : null;
  if (chosenThreshold !== null && !thresholds.includes(chosenThreshold))
    thresholds.push(chosenThreshold);
  const unit: UnitCosts = {
    machinePerItem: a.machinePerItem,
    annotation: a.annotation,
    overlap: a.overlap,
    overlapZoneHumans: a.overlapZoneHumans,
    dynamicOverlap: a.dynamicOverlap,
    controlRate: a.controlRate,
    auditRate: a.auditRate,
  };
  const target = policy?.target ?? DEFAULTS.target;
  const delta = policy?.delta ?? DEFAULTS.delta;
  const table = planTable({
    gold: heldOut,
    pool,
    thresholds: Float64Array.from(thresholds),
    ...(a.lo !== null ? { lo: a.lo } : {}),
    target,
    delta,
    humanAccuracy: a.humanAccuracy,
    unit,
  });
  // A threshold no held-out item reaches has no accuracy to show.
  const points = table.rows
    .filter((row) => row.goldAccepted > 0)
    .map((row) => ({
      threshold: row.threshold,
      coverage: row.coverage,
      cost: row.cost.total,
      accuracy: row.expectedAccuracy,
      acceptedAccuracy: row.acceptedAccuracy,
    }));
  const chosen =
    chosenThreshold === null ? -1 : points.findIndex((p) => p.threshold === chosenThreshold);
  const chosenRow = table.rows.find((row) => row.threshold === chosenThreshold);
  const staffing =
    a.staffing ??
    describeStaffing(
      {
        ...unit,
        overlapBasis: 'people.overlap.human',
        controlBasis: `people.controlRate: ${percent(a.controlRate / (1 + a.controlRate), 0)} of served items`,
      },
      chosenRow?.overlapPeople ?? null,
      chosenRow?.counts.overlap ?? 0,
    );
  return {
    staffing,
    target,
    delta,
    currency: policy?.cost.currency ?? '$',
    assumptions: a,
    poolSize: pool.length,
    poolFrom,
    points,
    chosen: chosen < 0 ? null : chosen,
    allHuman: { cost: table.allHumanCost, accuracy: a.humanAccuracy },
    allMachine: table.allMachine,
  };
}
