import { annotationCost } from '../../core/cost/cost-model.js';
import type { UnitCosts } from '../../core/cost/hybrid-cost.js';
import { planTable } from '../../core/cost/plan-table.js';
import type { Prices } from '../../core/project.js';
import { candidateThresholds } from '../../core/routing/candidate-thresholds.js';
import type { Run } from '../../core/types.js';
import type { PlanAssumptions, PlanData, PolicyData, SpendData } from './report-data-types.js';

/** Defaults of a plan when no routing run says otherwise (those of `hilo route`). */
const DEFAULTS = {
  target: 0.97,
  delta: 0.05,
  overlap: 1,
  overlapZoneHumans: 1,
  controlRate: 0.1,
  auditRate: 0,
  humanAccuracy: 0.95,
};

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The first of several keys that holds a value of the wanted kind. */
function pick<T>(
  json: Json | null,
  keys: readonly string[],
  read: (v: unknown) => T | null,
): T | null {
  if (!json) return null;
  for (const key of keys) {
    const value = read(json[key]);
    if (value !== null) return value;
  }
  return null;
}

/**
 * A routing run's configuration as the report shows it. The run was written by another step and
 * read back from the store, so every field is checked and a missing or odd one becomes null.
 * @example policyFromRun(run, 'model:local@2').threshold
 * Complexity: O(K) for per-class thresholds.
 */
export function policyFromRun(run: Run, scoredSource: string): PolicyData {
  const c = run.config;
  const source = str(c.source);
  // `hilo route` writes per-class thresholds under `thresholds` (null: label never accepted).
  const perClassJson = record(c.thresholds) ?? record(c.perClass);
  let perClass: Record<string, number | null> | null = null;
  if (perClassJson) {
    perClass = {};
    for (const [label, t] of Object.entries(perClassJson)) perClass[label] = num(t);
  }
  const countsJson = record(c.counts);
  const counts = countsJson
    ? {
        accept: num(countsJson.accept) ?? 0,
        overlap: num(countsJson.overlap) ?? 0,
        human: num(countsJson.human) ?? 0,
      }
    : null;
  const needJson = record(c.goldNeededDetail) ?? record(c.goldNeeded);
  const needNumber = num(c.goldNeeded);
  const goldNeeded = needJson
    ? { additional: num(needJson.additionalGold), total: num(needJson.totalGold) }
    : needNumber !== null
      ? { additional: needNumber, total: null }
      : null;
  const check = record(c.testCheck);
  const checkAccuracy = record(check?.accuracy);
  const checkNumbers = [check?.items, check?.accepted, check?.correct].map(num);
  const testCheck =
    check && checkAccuracy && checkNumbers.every((v) => v !== null)
      ? {
          items: checkNumbers[0] as number,
          accepted: checkNumbers[1] as number,
          correct: checkNumbers[2] as number,
          accuracy: {
            estimate: num(checkAccuracy.estimate),
            lower: num(checkAccuracy.lower) ?? 0,
            upper: num(checkAccuracy.upper) ?? 1,
          },
        }
      : null;
  const costJson = record(c.cost);
  const plan = pick(costJson, ['plan', 'total', 'planCost'], num);
  const allHuman = pick(costJson, ['allHuman', 'allHumanCost', 'baseline'], num);
  return {
    runId: run.id,
    at: run.endedAt ?? run.startedAt,
    source,
    appliesToSource: source === null || source === scoredSource,
    calibrator:
      pick(c, ['calibrator', 'calibratorMethod', 'method'], str) ??
      pick(record(c.calibrator), ['method'], str),
    score: c.score === 'router' ? 'router' : 'confidence',
    target: num(c.target),
    delta: num(c.delta),
    threshold: num(c.threshold),
    lo: num(c.lo),
    perClass,
    counts,
    sentence: str(c.sentence),
    goldItems: pick(c, ['goldItems', 'goldUsed', 'goldSize'], num),
    goldNeeded,
    cost:
      plan !== null && allHuman !== null
        ? { plan, allHuman, currency: currencySymbol(pick(costJson, ['currency'], str)) }
        : null,
    testCheck,
  };
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** 'USD' → '$'; an unknown code is kept with a space ('CHF '); none → '$'. */
function currencySymbol(code: string | null): string {
  if (code === null) return '$';
  return SYMBOLS[code] ?? (code.length === 3 ? `${code} ` : code);
}

/**
 * Per-item prices and staffing for the cost–accuracy curve: the routing run's when it recorded
 * them (`cost.unit` or `unit`), else the defaults of `hilo route` with the project's prices and
 * the machine cost per item the source's label runs actually had.
 * @example planAssumptions({ run: null, prices, spend }).overlap // 1
 * Complexity: O(1).
 */
export function planAssumptions(input: {
  readonly run: Run | null;
  readonly prices: Prices;
  readonly spend: SpendData;
}): PlanAssumptions {
  const c = input.run?.config ?? null;
  // `hilo route` keeps the unit prices beside the totals in `cost`.
  const costJson = record(c?.cost);
  const unit =
    record(costJson?.unit) ??
    record(c?.unit) ??
    (num(costJson?.machinePerItem) !== null ? costJson : null);
  const machine = input.spend.items > 0 ? input.spend.costUsd / input.spend.items : 0;
  const read = (key: string, fallback: number) => pick(unit, [key], num) ?? fallback;
  return {
    machinePerItem: read('machinePerItem', machine),
    annotation: read(
      'annotation',
      annotationCost({
        hourlyRate: input.prices.humanHourlyUsd,
        itemsPerHour: input.prices.humanItemsPerHour,
      }),
    ),
    overlap: read('overlap', DEFAULTS.overlap),
    overlapZoneHumans: read('overlapZoneHumans', DEFAULTS.overlapZoneHumans),
    controlRate: read('controlRate', DEFAULTS.controlRate),
    auditRate: read('auditRate', DEFAULTS.auditRate),
    humanAccuracy:
      pick(c, ['humanAccuracy'], num) ??
      pick(record(c?.cost), ['humanAccuracy'], num) ??
      DEFAULTS.humanAccuracy,
    lo: pick(c, ['lo'], num),
    from: unit ? 'route' : 'defaults',
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
  return {
    target,
    delta,
    currency: policy?.cost?.currency ?? '$',
    assumptions: a,
    poolSize: pool.length,
    poolFrom,
    points,
    chosen: chosen < 0 ? null : chosen,
    allHuman: { cost: table.allHumanCost, accuracy: a.humanAccuracy },
    allMachine: table.allMachine,
  };
}
