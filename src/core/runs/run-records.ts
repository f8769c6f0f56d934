/**
 * Runs as the store keeps them: one record per machine pass or experiment, a union over the kinds
 * of run hilo writes, each with its own config. The step that writes a run builds its config
 * with these types and the steps that read it use the same fields, so a renamed key is a compile
 * error, not a blank figure. Records are checked once when read from the store (`parseRun`).
 */
import type { CalibrationMethod } from '../calibration/calibrator.js';
import type { ConfidenceSetting } from '../project.js';
import type { Interval } from '../routing/clopper-pearson.js';
import type { GoldNeeded } from '../routing/gold-needed.js';
import type { GoldPoolCheck } from '../routing/gold-pool-check.js';
import type { MetaRouterParams } from '../routing/meta-router.js';
import type { ConfidenceMethod, ItemRole } from '../types.js';

export type RunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'done', 'failed', 'interrupted'];

/** What every run records besides its config: progress, spend and time. */
export interface RunRecord {
  readonly id: string;
  readonly status: RunStatus;
  readonly itemsDone: number;
  readonly itemsFailed: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  /** ISO-8601 timestamps. */
  readonly startedAt: string;
  readonly endedAt: string | null;
}

/** How an LLM labeller was set up: the model, the demonstrations and how confidence is read. */
export interface LlmLabellerDescription {
  readonly kind: 'llm';
  readonly model: string;
  /** Ids of the gold items shown as demonstrations. */
  readonly fewShot: readonly string[];
  readonly chainOfThought: boolean;
  readonly confidence: ConfidenceSetting;
  readonly samples: number;
  readonly temperature: number;
  /** A pairwise judge asked in both orders: the position bias the run measured. */
  readonly positionBias?: MeasuredPositionBias;
}

/**
 * What a label run measured of a pairwise judge asked in both orders (`positionBias` in
 * `src/core/pairwise`), over the items it read in both orders.
 */
export interface MeasuredPositionBias {
  readonly items: number;
  /** Share of items whose verdict flips when the order is swapped. */
  readonly flipRate: number;
  /** Share of decisive (not tie) verdicts, over both orders, won by the response shown first; null when every verdict was a tie. */
  readonly firstPositionWinRate: number | null;
  /** Mean probability the judge moves towards whichever response it sees first. */
  readonly positionShift: number;
}

/** Which local model version labelled, and how many items it was trained on. */
export interface LocalLabellerDescription {
  readonly kind: 'local';
  readonly version: number;
  readonly trainedOn: number;
}

/** Predictions made elsewhere, read from a file by `hilo import-predictions`. */
export interface ImportedLabellerDescription {
  readonly kind: 'import';
  /** The name given with `--model`; the votes' source is `import:<model>`. */
  readonly model: string;
  /** The file the predictions were read from. */
  readonly file: string;
  /** How the file's confidence was read: one method, or `mixed` when rows differ. */
  readonly method: ConfidenceMethod | 'mixed';
  /** The price per item given with `--cost-per-item` (0 without it). */
  readonly costPerItem: number;
}

/** What a first-pass labeller says about itself; a label run records it. */
export type LabellerDescription =
  LlmLabellerDescription | LocalLabellerDescription | ImportedLabellerDescription;

/** `hilo label`: the labeller's description, the vote source it wrote, and what it was asked to label. */
export type LabelRunConfig = LabellerDescription & {
  /**
   * The vote source of every vote of the run, e.g. `llm:gpt-4o-mini#ab12cd34`, `model:local@2`
   * or `import:my-model`.
   */
  readonly labeller: string;
  readonly roles: readonly ItemRole[];
  readonly limit: number | null;
};

/** How `hilo route` chose its thresholds. */
export type RoutePolicyMode = 'fixed-sequence' | 'per-class' | 'meta' | 'budget';

/** Items per routing zone. */
export interface ZoneCounts {
  readonly accept: number;
  readonly overlap: number;
  readonly human: number;
}

/** What the routing plan costs, and the per-item prices and staffing it was priced with. */
export interface RouteRunCost {
  readonly plan: number;
  readonly allHuman: number;
  readonly allMachine: number;
  /** ISO 4217 code of every amount (`USD`). */
  readonly currency: string;
  readonly machinePerItem: number;
  readonly annotation: number;
  readonly overlap: number;
  /** People first asked per overlap item. */
  readonly overlapZoneHumans: number;
  /** Dynamic overlap as priced; null without it (and in runs recorded before it was priced). */
  readonly dynamicOverlap: {
    readonly max: number;
    readonly targetPosterior: number;
    readonly humanAccuracy: number;
  } | null;
  /** Expected people-answers on the overlap zone; null in older runs. */
  readonly overlapPeople: number | null;
  /** `plan` with the fewest and the most people dynamic overlap may ask; null in older runs. */
  readonly planLow: number | null;
  readonly planHigh: number | null;
  readonly controlRate: number;
  readonly auditRate: number;
  /** The staffing in words, naming the settings; null in older runs. */
  readonly staffing: string | null;
}

/** The chosen policy applied to held-out test items; `estimate` is null when none was accepted. */
export interface RouteTestCheck {
  readonly items: number;
  readonly accepted: number;
  readonly correct: number;
  readonly accuracy: { readonly estimate: number | null } & Omit<Interval, 'estimate'>;
}

/** `hilo route`: the policy, the promise and the evidence behind it, its cost, and what it left out. */
export interface RouteRunConfig {
  /** The labeller whose votes were routed. */
  readonly source: string;
  /** The method stored; `per-label` for a multi-label task (one calibrator per label). */
  readonly calibrator: CalibrationMethod | 'per-label';
  readonly calibratorVersion: number;
  readonly policy: RoutePolicyMode;
  /** What the accept threshold is on: calibrated confidence, or the meta-router's P(right). */
  readonly score: 'confidence' | 'router';
  /** Promised accuracy of accepted labels, and the chance (delta) that the promise fails. */
  readonly target: number;
  readonly delta: number;
  /** The accept threshold; null when nothing is accepted or thresholds are per class. */
  readonly threshold: number | null;
  /** Per-class mode: each label's threshold (null: never accepted). */
  readonly thresholds: Readonly<Record<string, number | null>> | null;
  readonly lo: number | null;
  readonly budget: number | null;
  readonly humanAccuracy: number;
  readonly counts: ZoneCounts;
  /** The promise in words. */
  readonly sentence: string;
  readonly certified: boolean;
  /** Gold items with a vote, those the promise rests on, and how the accepted ones fared. */
  readonly goldItems: number;
  readonly goldUsed: number;
  readonly goldAccepted: number;
  readonly goldAcceptedCorrect: number;
  /** How much more gold a promise would need, when none could be given. */
  readonly goldNeededDetail: GoldNeeded | null;
  readonly cost: RouteRunCost;
  readonly testCheck: RouteTestCheck | null;
  /** Pool items without a vote from the source, and pool items already decided by people. */
  readonly unlabelled: number;
  readonly decided: number;
  readonly router: MetaRouterParams | null;
  /** The audit run drawn with this routing, if any. */
  readonly auditRun: string | null;
  /** Gold compared with the pool; null when not compared (or recorded before the check). */
  readonly goldCheck: GoldPoolCheck | null;
  /** Warnings printed with the routing (gold unlike the pool, a broken promise); null: none recorded. */
  readonly warnings: readonly string[] | null;
  /**
   * What was promised: the accuracy of accepted labels (`accepted-accuracy`, older runs: null) or
   * the error of the whole final data set (`whole-set`, with `wholeSet`).
   */
  readonly promise?: 'accepted-accuracy' | 'whole-set' | null;
  readonly wholeSet?: WholeSetRouteFigures | null;
}

/** `hilo route --max-error`: the whole-data-set promise and what it rests on. */
export interface WholeSetRouteFigures {
  /** ε: most wrong labels allowed in the final data set, as a share; α: the chance it fails. */
  readonly maxError: number;
  readonly alpha: number;
  /** Pool items, the final data set's size. */
  readonly items: number;
  /** Upper bound and estimate of the final error share at the chosen threshold. */
  readonly bound: number;
  readonly estimate: number;
  readonly kept: boolean;
  /** Items keeping the machine's label (never a checked one), and the rest. */
  readonly spared: number;
  readonly toPeople: number;
  /** Checks: all labelled ones, those that fitted the order, those that carried the bound. */
  readonly checks: number;
  readonly fittedChecks: number;
  readonly boundChecks: number;
  readonly design: 'uniform' | 'stratified';
  readonly boundKind: 'exact' | 'weighted';
  /** People's error rate bound used, and where it came from. */
  readonly peopleError: number;
  readonly peopleErrorFrom: string;
}

/** One accepted item drawn for people to check, with the label the machine gave it. */
export interface AuditDraw {
  readonly id: string;
  /** The item's import batch (`(no batch)` when it had none). */
  readonly batch: string;
  readonly label: string;
}

/** `hilo route --audit-rate`: the accepted items drawn for audit, and how they were drawn. */
export interface AuditRunConfig {
  readonly routeRun: string;
  readonly source: string;
  readonly rate: number;
  readonly seed: number;
  readonly target: number;
  readonly delta: number;
  /** Accepted items not drawn before, the draw's population. */
  readonly eligible: number;
  readonly items: readonly AuditDraw[];
}

/** A first pass over items by one labeller. */
export interface LabelRun extends RunRecord {
  readonly kind: 'label';
  readonly config: LabelRunConfig;
}

/** A routing of the pool into accept / overlap / human. */
export interface RouteRun extends RunRecord {
  readonly kind: 'route';
  readonly config: RouteRunConfig;
}

/** A draw of accepted items for audit. */
export interface AuditRun extends RunRecord {
  readonly kind: 'audit';
  readonly config: AuditRunConfig;
}

/** One machine pass or experiment. */
export type Run = LabelRun | RouteRun | AuditRun;

export type RunKind = Run['kind'];

export const RUN_KINDS: readonly RunKind[] = ['label', 'route', 'audit'];

/** The run record of one kind. */
export type RunOfKind<K extends RunKind> = Extract<Run, { readonly kind: K }>;

/**
 * The runs of one kind, narrowed to its type, in the given order.
 * @example runsOfKind(await store.listRuns({ kind: 'label' }), 'label')[0]?.config.labeller
 * Complexity: O(runs).
 */
export function runsOfKind<K extends RunKind>(runs: readonly Run[], kind: K): RunOfKind<K>[] {
  return runs.filter((run): run is RunOfKind<K> => run.kind === kind);
}
