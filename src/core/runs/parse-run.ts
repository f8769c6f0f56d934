import { CALIBRATION_METHODS } from '../calibration/calibrator.js';
import { HiloError } from '../errors.js';
import type { ConfidenceSetting } from '../project.js';
import type { GoldNeeded } from '../routing/gold-needed.js';
import type { GoldPoolCheck } from '../routing/gold-pool-check.js';
import type { MetaRouterParams } from '../routing/meta-router.js';
import { ITEM_ROLES, MACHINE_CONFIDENCE_METHODS } from '../types.js';
import {
  absentAsNull,
  booleanShape,
  byKindShape,
  listOf,
  nullable,
  numberShape,
  objectShape,
  oneOfShape,
  recordOf,
  ShapeMismatch,
  stringShape,
  type FieldShapes,
  type JsonShape,
} from './json-shape.js';
import {
  RUN_KINDS,
  RUN_STATUSES,
  type AuditRunConfig,
  type LabelRunConfig,
  type MeasuredPositionBias,
  type RouteRunConfig,
  type Run,
  type RunRecord,
  type WholeSetRouteFigures,
} from './run-records.js';

/** The shape, or undefined when the key is absent (a field only some runs record). */
function absentAsUndefined<T>(shape: JsonShape<T>): JsonShape<T | undefined> {
  return (value, path) => (value === undefined ? undefined : shape(value, path));
}

const CONFIDENCE_SETTINGS: readonly ConfidenceSetting[] = [
  'logprobs',
  'self-consistency',
  'auto',
  'verbalized',
];

const labelCommon = {
  labeller: stringShape,
  roles: listOf(oneOfShape(ITEM_ROLES)),
  limit: nullable(numberShape),
};

const labelConfig = byKindShape<LabelRunConfig>({
  llm: objectShape<Extract<LabelRunConfig, { kind: 'llm' }>>({
    kind: oneOfShape(['llm']),
    model: stringShape,
    fewShot: listOf(stringShape),
    chainOfThought: booleanShape,
    confidence: oneOfShape(CONFIDENCE_SETTINGS),
    samples: numberShape,
    temperature: numberShape,
    positionBias: absentAsUndefined(
      objectShape<MeasuredPositionBias>({
        items: numberShape,
        flipRate: numberShape,
        firstPositionWinRate: nullable(numberShape),
        positionShift: numberShape,
      }),
    ),
    ...labelCommon,
  }),
  local: objectShape<Extract<LabelRunConfig, { kind: 'local' }>>({
    kind: oneOfShape(['local']),
    version: numberShape,
    trainedOn: numberShape,
    ...labelCommon,
  }),
  import: objectShape<Extract<LabelRunConfig, { kind: 'import' }>>({
    kind: oneOfShape(['import']),
    model: stringShape,
    file: stringShape,
    method: oneOfShape([...MACHINE_CONFIDENCE_METHODS, 'mixed']),
    costPerItem: numberShape,
    ...labelCommon,
  }),
});

const goldNeeded = objectShape<GoldNeeded>({
  threshold: numberShape,
  observedAccuracy: numberShape,
  goldCoverage: numberShape,
  acceptedNeeded: nullable(numberShape),
  totalGold: nullable(numberShape),
  additionalGold: nullable(numberShape),
});

const goldCheck = objectShape<GoldPoolCheck>({
  goldItems: numberShape,
  poolItems: numberShape,
  confidence: objectShape({ statistic: numberShape, pValue: numberShape }),
  labels: objectShape({ statistic: numberShape, df: numberShape, pValue: numberShape }),
  level: numberShape,
  suspicious: booleanShape,
  largestGap: nullable(objectShape({ label: numberShape, gold: numberShape, pool: numberShape })),
});

const metaRouter = objectShape<MetaRouterParams>({
  names: listOf(stringShape),
  mean: listOf(numberShape),
  scale: listOf(numberShape),
  weights: listOf(numberShape),
  bias: numberShape,
});

const routeConfig = objectShape<RouteRunConfig>({
  source: stringShape,
  calibrator: oneOfShape([...CALIBRATION_METHODS, 'per-label' as const]),
  calibratorVersion: numberShape,
  policy: oneOfShape(['fixed-sequence', 'per-class', 'meta', 'budget']),
  score: oneOfShape(['confidence', 'router']),
  target: numberShape,
  delta: numberShape,
  threshold: nullable(numberShape),
  thresholds: nullable(recordOf(nullable(numberShape))),
  lo: nullable(numberShape),
  budget: nullable(numberShape),
  humanAccuracy: numberShape,
  counts: objectShape({ accept: numberShape, overlap: numberShape, human: numberShape }),
  sentence: stringShape,
  certified: booleanShape,
  goldItems: numberShape,
  goldUsed: numberShape,
  goldAccepted: numberShape,
  goldAcceptedCorrect: numberShape,
  goldNeededDetail: nullable(goldNeeded),
  cost: objectShape({
    plan: numberShape,
    allHuman: numberShape,
    allMachine: numberShape,
    currency: stringShape,
    machinePerItem: numberShape,
    annotation: numberShape,
    overlap: numberShape,
    overlapZoneHumans: numberShape,
    dynamicOverlap: absentAsNull(
      objectShape({ max: numberShape, targetPosterior: numberShape, humanAccuracy: numberShape }),
    ),
    overlapPeople: absentAsNull(numberShape),
    planLow: absentAsNull(numberShape),
    planHigh: absentAsNull(numberShape),
    controlRate: numberShape,
    auditRate: numberShape,
    staffing: absentAsNull(stringShape),
  }),
  testCheck: nullable(
    objectShape({
      items: numberShape,
      accepted: numberShape,
      correct: numberShape,
      accuracy: objectShape({
        estimate: nullable(numberShape),
        lower: numberShape,
        upper: numberShape,
      }),
    }),
  ),
  unlabelled: numberShape,
  decided: numberShape,
  router: nullable(metaRouter),
  auditRun: nullable(stringShape),
  promise: absentAsNull(
    oneOfShape<'accepted-accuracy' | 'whole-set'>(['accepted-accuracy', 'whole-set']),
  ),
  wholeSet: absentAsNull(
    objectShape<WholeSetRouteFigures>({
      maxError: numberShape,
      alpha: numberShape,
      items: numberShape,
      bound: numberShape,
      estimate: numberShape,
      kept: booleanShape,
      spared: numberShape,
      toPeople: numberShape,
      checks: numberShape,
      fittedChecks: numberShape,
      boundChecks: numberShape,
      design: oneOfShape(['uniform', 'stratified']),
      boundKind: oneOfShape(['exact', 'weighted']),
      peopleError: numberShape,
      peopleErrorFrom: stringShape,
    }),
  ),
  goldCheck: absentAsNull(goldCheck),
  warnings: absentAsNull(listOf(stringShape)),
});

const auditConfig = objectShape<AuditRunConfig>({
  routeRun: stringShape,
  source: stringShape,
  rate: numberShape,
  seed: numberShape,
  target: numberShape,
  delta: numberShape,
  eligible: numberShape,
  items: listOf(objectShape({ id: stringShape, batch: stringShape, label: stringShape })),
});

const recordFields: FieldShapes<Omit<RunRecord, 'id'>> = {
  status: oneOfShape(RUN_STATUSES),
  itemsDone: numberShape,
  itemsFailed: numberShape,
  tokensIn: numberShape,
  tokensOut: numberShape,
  costUsd: numberShape,
  startedAt: stringShape,
  endedAt: nullable(stringShape),
};

/** A run as storage holds it: kind, status and config not checked yet. */
export interface StoredRun {
  readonly id: string;
  readonly kind: string;
  readonly config: unknown;
  readonly status: string;
  readonly itemsDone: number;
  readonly itemsFailed: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

/**
 * Checks a run read back from storage against the record of its kind and returns it typed, with
 * only the config fields that kind declares (records as hilo 0.1.0 wrote them parse: see
 * `testing/fixtures/stored-runs.ts`). A field missing or of the wrong type is an error naming the
 * run and the field, so a report never shows a blank figure for a damaged record.
 * @example parseRun({ ...row, config: JSON.parse(row.config) }).config
 * @throws HiloError INTERNAL naming the run id and the field that does not fit.
 * Complexity: O(size of the config).
 */
export function parseRun(stored: StoredRun): Run {
  try {
    const kind = oneOfShape(RUN_KINDS)(stored.kind, 'kind');
    const run = { id: stored.id, ...objectShape(recordFields)(stored, '') };
    switch (kind) {
      case 'label':
        return { ...run, kind, config: labelConfig(stored.config, 'config') };
      case 'route':
        return { ...run, kind, config: routeConfig(stored.config, 'config') };
      case 'audit':
        return { ...run, kind, config: auditConfig(stored.config, 'config') };
    }
  } catch (error) {
    if (!(error instanceof ShapeMismatch)) throw error;
    const message = `stored run "${stored.id}" is malformed: ${error.message}`;
    throw new HiloError('INTERNAL', message, undefined, { cause: error });
  }
}
