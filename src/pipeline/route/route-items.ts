import { humanBaselineCost } from '../../core/cost/cost-model.js';
import { hybridCost } from '../../core/cost/hybrid-cost.js';
import { describeStaffing } from '../../core/cost/describe-staffing.js';
import { overlapPeopleOf } from '../../core/cost/overlap-people-of.js';
import type { GoldNeeded } from '../../core/routing/gold-needed.js';
import type { GoldPoolCheck } from '../../core/routing/gold-pool-check.js';
import { HiloError } from '../../core/errors.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { PeopleConfig, Prices } from '../../core/project.js';
import type { RouteRunConfig } from '../../core/runs/run-records.js';
import { drawAudit } from '../audit/index.js';
import { loadRowCalibrator } from '../calibrate/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import { answerCategories, checkModeForKind, promiseMeasure } from './route-kind.js';
import { voteCommand } from '../label/index.js';
import { planUnitCosts, type Staffing } from './plan-unit-costs.js';
import { writeRouteDecisions } from './route-decisions.js';
import { finishedRouteRun, nextRouteRunId } from './route-run.js';
import { loadScoredItems } from './route-evidence.js';
import { choosePolicy, type ChosenPolicy, type PolicyMode } from './route-policy.js';
import {
  brokenPromiseWarning,
  checkGoldAgainstPool,
  goldPoolWarning,
  isBroken,
} from './promise-warnings.js';
import { pricedWith, routeSentence } from './route-sentence.js';
import { routeTestCheck, type TestCheck } from './route-test-check.js';

export interface RouteItemsOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly source: string;
  /** The project's labels and fields. */
  readonly labels: readonly string[];
  readonly fields: readonly string[];
  /** The task's shape (default: classify over `labels`): answers and the measure of the promise. */
  readonly shape?: TaskShape;
  readonly prices: Prices;
  /** The project's `people` settings: people per item, dynamic overlap, controls. */
  readonly people: PeopleConfig;
  /** Required accuracy of accepted labels, and the allowed chance (delta) that the promise fails. */
  readonly target: number;
  readonly delta: number;
  /** `fixed-sequence` (default), `per-class`, `meta`, or `budget` (with `budget`). */
  readonly mode?: PolicyMode;
  readonly budget?: number;
  /** Below this calibrated confidence, people alone; default: every unaccepted item overlaps. */
  readonly lo?: number;
  /** People's accuracy, for expected final accuracy in budget mode (default 0.95). */
  readonly humanAccuracy?: number;
  readonly staffing?: Staffing;
  /** Share of accepted items drawn for audit by people (default 0). */
  readonly auditRate?: number;
  readonly seed?: number;
}

export interface RouteReport {
  readonly runId: string;
  readonly calibrator: string;
  readonly policy: Omit<ChosenPolicy, 'zones'>;
  /** Zones of every routed item, abstentions (people only) included. */
  readonly counts: { readonly accept: number; readonly overlap: number; readonly human: number };
  readonly sentence: string;
  readonly goldItems: number;
  readonly goldNeeded: GoldNeeded | null;
  /** `plan` is expected; `planRange` spans the fewest and most people dynamic overlap may ask. */
  readonly cost: {
    readonly plan: number;
    readonly planRange: { readonly low: number; readonly high: number };
    readonly allHuman: number;
    readonly allMachine: number;
  };
  /** The staffing every cost figure assumes, in words naming its settings. */
  readonly staffing: string;
  /** Pool items without a vote from the source (not routed), and decisions left to people's rank. */
  readonly unlabelled: number;
  /** Pool items already decided by people (or aggregation), not routed. */
  readonly decided: number;
  readonly kept: number;
  readonly testCheck: TestCheck | null;
  readonly audit: { readonly runId: string; readonly items: number } | null;
  /** Gold compared with the pool (null without pool items to compare with). */
  readonly goldCheck: GoldPoolCheck | null;
  /** True when the test items refute a certified promise (`isBroken`). */
  readonly brokenPromise: boolean;
  /** Lines to print loudly: gold unlike the pool, a broken promise. */
  readonly warnings: readonly string[];
}

/**
 * `hilo route`: applies the stored calibrator to a labeller's votes, chooses a policy on gold
 * (by default the loosest threshold that fixed-sequence testing certifies for the target),
 * writes every pool item's zone into its decision (accepted ones decided `auto`), optionally
 * draws a seeded share of accepted items for audit, and records a `route` run (and an `audit`
 * run) whose config the report reads. Everything is written in one transaction.
 * @example const report = await routeItems({ store, clock, source, labels, fields, prices, target: 0.97, delta: 0.05 });
 * Complexity: O((g + p) log(g + p)) for g gold and p pool items, plus store reads and writes in pages.
 */
export async function routeItems(options: RouteItemsOptions): Promise<RouteReport> {
  const { store, source, labels, target, delta } = options;
  const mode = options.mode ?? 'fixed-sequence';
  const shape: TaskShape = options.shape ?? { kind: 'classify', labels };
  checkModeForKind(shape, mode);
  const started = options.clock.now();
  const stored = await loadRowCalibrator(store, source, shape);
  if (!stored) {
    throw new HiloError('NOT_FOUND', `no calibrator for ${source}: run \`hilo calibrate\` first`);
  }
  const { calibrator } = stored;
  const load = {
    store,
    source,
    labels,
    fields: options.fields,
    calibrator,
    shape,
    keepProbabilities: mode === 'meta',
  };
  const gold = await loadScoredItems({ ...load, roles: ['gold'], trusted: true });
  if (gold.ids.length === 0) {
    throw new HiloError(
      'NOT_FOUND',
      `no gold items with a vote from ${source}: import gold with --role gold and label it`,
    );
  }
  const pool = await loadScoredItems({ ...load, roles: ['pool'], undecidedOnly: true });
  const abstained = pool.abstained.ids.length;
  if (pool.ids.length + abstained === 0) {
    throw new HiloError(
      'NOT_FOUND',
      `no pool items to route with a vote from ${source}` +
        (pool.missing > 0 ? `: ${pool.missing} await ${voteCommand(source)}` : ''),
    );
  }
  const unit = await planUnitCosts({
    store,
    source,
    prices: options.prices,
    people: options.people,
    humanAccuracy: options.humanAccuracy ?? 0.95,
    staffing: { ...options.staffing, auditRate: options.auditRate ?? 0 },
  });
  const policy = choosePolicy({
    gold,
    pool,
    labels,
    request: {
      mode,
      target,
      delta,
      ...(options.lo === undefined ? {} : { lo: options.lo }),
      seed: options.seed ?? 1,
      ...(options.budget === undefined ? {} : { budget: options.budget }),
      unit,
      humanAccuracy: options.humanAccuracy ?? 0.95,
      fixedHumanItems: abstained,
    },
  });
  const counts = { ...policy.counts, human: policy.counts.human + abstained };
  const total = counts.accept + counts.overlap + counts.human;
  const overlapPeople = overlapPeopleOf(pool.confidence, unit).inZone(policy.zones);
  const priced = { ...counts, overlapPeople: overlapPeople.expected };
  const cost = {
    plan: hybridCost(priced, unit).total,
    planRange: {
      low: hybridCost({ ...priced, overlapPeople: overlapPeople.fewest }, unit).total,
      high: hybridCost({ ...priced, overlapPeople: overlapPeople.most }, unit).total,
    },
    allHuman: humanBaselineCost({
      items: total,
      controlRate: unit.controlRate,
      overlap: unit.overlap,
      annotationCost: unit.annotation,
    }),
    allMachine: total * unit.machinePerItem,
  };
  const staffing = describeStaffing(unit, overlapPeople, counts.overlap);
  const measure = promiseMeasure(shape);
  const sentence = routeSentence({
    policy,
    counts,
    target,
    delta,
    cost,
    pricedWith: pricedWith(unit, overlapPeople.expected, counts),
    ...(measure === undefined ? {} : { measure }),
  });
  const testItems = await loadScoredItems({ ...load, roles: ['test'], trusted: true });
  const testCheck = routeTestCheck({ policy, test: testItems, labels, delta });
  const answers = answerCategories(shape, gold, pool);
  const goldCheck = checkGoldAgainstPool({ ...answers, K: answers.labels.length });
  const brokenPromise = policy.certified && isBroken(testCheck, target);
  const warnings = [
    goldPoolWarning(goldCheck, answers.labels),
    brokenPromise ? brokenPromiseWarning(testCheck, target, delta) : null,
  ].filter((w): w is string => w !== null);

  const ids = [...pool.ids, ...pool.abstained.ids];
  const zones = new Uint8Array(ids.length).fill(2);
  zones.set(policy.zones);
  const runId = await nextRouteRunId(store, started);
  const auditRate = options.auditRate ?? 0;
  const { zones: _zones, ...policyFigures } = policy;
  const result = await store.transaction(async (tx) => {
    const now = new Date(options.clock.now()).toISOString();
    const written = await writeRouteDecisions({
      store: tx,
      source,
      labels,
      shape,
      calibrator,
      ids,
      zones,
      now,
    });
    let audit: RouteReport['audit'] = null;
    if (auditRate > 0)
      audit = await drawAudit(tx, {
        runId,
        ids,
        zones,
        batches: pool.batches,
        labels: answers.labels,
        predicted: answers.pool.predicted,
        rate: auditRate,
        seed: options.seed ?? 1,
        source,
        target,
        delta,
        now,
      });
    const config: RouteRunConfig = {
      source,
      calibrator: calibrator.method,
      calibratorVersion: stored.version,
      policy: mode,
      score: policy.score,
      target,
      delta,
      threshold: policy.threshold,
      thresholds: policy.thresholds,
      lo: options.lo ?? null,
      budget: options.budget ?? null,
      humanAccuracy: options.humanAccuracy ?? 0.95,
      counts,
      sentence,
      certified: policy.certified,
      goldItems: gold.ids.length,
      goldUsed: policy.goldUsed,
      goldAccepted: policy.goldAccepted,
      goldAcceptedCorrect: policy.goldAcceptedCorrect,
      goldNeededDetail: policy.goldNeeded,
      cost: {
        plan: cost.plan,
        allHuman: cost.allHuman,
        allMachine: cost.allMachine,
        planLow: cost.planRange.low,
        planHigh: cost.planRange.high,
        currency: 'USD',
        machinePerItem: unit.machinePerItem,
        annotation: unit.annotation,
        overlap: unit.overlap,
        overlapZoneHumans: unit.overlapZoneHumans,
        dynamicOverlap: unit.dynamicOverlap ?? null,
        overlapPeople: overlapPeople.expected,
        controlRate: unit.controlRate,
        auditRate,
        staffing,
      },
      testCheck: testCheck && {
        ...testCheck,
        // No accepted test item: no estimate (NaN in memory, which JSON cannot hold).
        accuracy: {
          ...testCheck.accuracy,
          estimate: Number.isNaN(testCheck.accuracy.estimate) ? null : testCheck.accuracy.estimate,
        },
      },
      unlabelled: pool.missing,
      decided: pool.decided,
      router: policy.router,
      auditRun: audit?.runId ?? null,
      promise: 'accepted-accuracy',
      wholeSet: null,
      goldCheck,
      warnings,
    };
    await tx.createRun(
      finishedRouteRun({
        id: runId,
        config,
        itemsDone: written.written,
        startedMs: started,
        endedAt: now,
      }),
    );
    return { kept: written.kept, audit };
  });
  return {
    runId,
    calibrator: calibrator.method,
    policy: policyFigures,
    counts,
    sentence,
    goldItems: gold.ids.length,
    goldNeeded: policy.goldNeeded,
    cost,
    staffing,
    unlabelled: pool.missing,
    decided: pool.decided,
    kept: result.kept,
    testCheck,
    audit: result.audit,
    goldCheck,
    brokenPromise,
    warnings,
  };
}
