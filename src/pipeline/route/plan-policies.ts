import { describeStaffing } from '../../core/cost/describe-staffing.js';
import { compareWithBaselines, type BaselineComparison } from '../../core/cost/hybrid-cost.js';
import type { PlanTable } from '../../core/cost/plan-table.js';
import { HiloError } from '../../core/errors.js';
import type { Store } from '../../core/ports/index.js';
import type { PeopleConfig, Prices } from '../../core/project.js';
import { loadRowCalibrator } from '../calibrate/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import { answerCategories, checkModeForKind, identityRows, planMeasure } from './route-kind.js';
import { voteCommand } from '../label/index.js';
import { planUnitCosts, type PricedUnits, type Staffing } from './plan-unit-costs.js';
import { routePlanTable } from './route-budget.js';
import { checkGoldAgainstPool, goldPoolWarning } from './promise-warnings.js';
import { loadScoredItems } from './route-evidence.js';
import type { GoldPoolCheck } from '../../core/routing/gold-pool-check.js';

export interface PlanPoliciesOptions {
  readonly store: Store;
  readonly source: string;
  readonly labels: readonly string[];
  readonly fields: readonly string[];
  /** The task's shape (default: classify over `labels`): answers and the measure of the promise. */
  readonly shape?: TaskShape;
  readonly prices: Prices;
  /** The project's `people` settings: people per item, dynamic overlap, controls. */
  readonly people: PeopleConfig;
  readonly target: number;
  readonly delta: number;
  /** Below this calibrated confidence, people alone; default: every unaccepted item overlaps. */
  readonly lo?: number;
  /** Accuracy assumed for labels people decide (until annotator data exists). */
  readonly humanAccuracy: number;
  readonly staffing?: Staffing;
}

export interface PlanReport {
  readonly source: string;
  /** The calibration method applied; `none` when no calibrator is stored yet. */
  readonly calibrator: string;
  readonly calibrated: boolean;
  readonly goldItems: number;
  /** Pool items priced (those with a machine label), and abstentions (people must take them). */
  readonly poolItems: number;
  readonly abstained: number;
  readonly unlabelled: number;
  readonly unit: PricedUnits;
  /** The staffing in words, for the guaranteed row (else the settings alone). */
  readonly staffing: string;
  readonly humanAccuracy: number;
  readonly table: PlanTable;
  /** Return on the guaranteed row (the loosest certified), null when none is certified. */
  readonly roi: BaselineComparison | null;
  /** Gold compared with the pool, and the warning when gold does not look like a sample of it. */
  readonly goldCheck: GoldPoolCheck | null;
  readonly goldWarning: string | null;
  /** What the accuracy figures count as right, when it is not one label per item; else null. */
  readonly measure: string | null;
}

/**
 * `hilo plan`: the cost–accuracy table of candidate thresholds before anyone is paid: for
 * each, the pool's zones, accepted accuracy on gold with its interval, expected final accuracy
 * (people taken at `humanAccuracy`), the cost at the project's prices and `people` staffing
 * (dynamic overlap priced at its expectation, with its range), and whether it is
 * certified for the target; with the all-human and all-machine baselines and the return on the
 * guaranteed row. Uses the stored calibrator, or raw confidence before `hilo calibrate`.
 * @example const plan = await planPolicies({ store, source, labels, fields, prices, target: 0.97, delta: 0.05, humanAccuracy: 0.95 });
 * Complexity: O((g + p) log(g + p) + m·p) for g gold, p pool items and m candidate thresholds.
 */
export async function planPolicies(options: PlanPoliciesOptions): Promise<PlanReport> {
  const { store, source, labels, target, delta, humanAccuracy } = options;
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  checkModeForKind(shape, 'fixed-sequence');
  const stored = await loadRowCalibrator(store, source, shape);
  const calibrator = stored?.calibrator ?? identityRows(shape);
  const load = { store, source, labels, fields: options.fields, calibrator, shape };
  const gold = await loadScoredItems({ ...load, roles: ['gold'], trusted: true });
  if (gold.ids.length === 0 || gold.correct === null) {
    throw new HiloError(
      'NOT_FOUND',
      `no gold items with a vote from ${source}: import gold with --role gold and label it`,
    );
  }
  const pool = await loadScoredItems({ ...load, roles: ['pool'], undecidedOnly: true });
  if (pool.ids.length === 0) {
    throw new HiloError(
      'NOT_FOUND',
      `no pool items with a vote from ${source}: run ${voteCommand(source)} first`,
    );
  }
  const unit = await planUnitCosts({
    store,
    source,
    prices: options.prices,
    people: options.people,
    humanAccuracy,
    ...(options.staffing ? { staffing: options.staffing } : {}),
  });
  const table = routePlanTable({
    gold,
    correct: gold.correct,
    pool,
    target,
    delta,
    lo: options.lo ?? Number.NEGATIVE_INFINITY,
    humanAccuracy,
    unit,
  });
  const chosen = table.chosen === null ? undefined : table.rows[table.chosen];
  const answers = answerCategories(shape, gold, pool);
  const goldCheck = checkGoldAgainstPool({ ...answers, K: answers.labels.length });
  return {
    goldCheck,
    goldWarning: goldPoolWarning(goldCheck, answers.labels),
    measure: planMeasure(shape),
    source,
    calibrator: calibrator.method,
    calibrated: stored !== undefined,
    goldItems: gold.ids.length,
    poolItems: pool.ids.length,
    abstained: pool.abstained.ids.length,
    unlabelled: pool.missing,
    unit,
    staffing: describeStaffing(unit, chosen?.overlapPeople ?? null, chosen?.counts.overlap ?? 0),
    humanAccuracy,
    table,
    roi: chosen
      ? compareWithBaselines({
          counts: chosen.counts,
          unit,
          planAccuracy: chosen.expectedAccuracy,
          machineAccuracy: table.allMachine.accuracy,
          humanAccuracy,
        })
      : null,
  };
}
