import type { AggregationMethod } from '../core/aggregation/aggregation-types.js';
import type { CalibrationMethod } from '../core/calibration/calibrator.js';
import type { Annotator, AnnotatorRole } from '../core/ports/people-store.js';
import type { Clock, HeldLock, Logger, StoreWithPeople } from '../core/ports/index.js';
import type { ProjectConfig } from '../core/project.js';
import type { ItemRole } from '../core/types.js';
import type { TextEncoding } from '../files/input-limits.js';
import type { CalibrateReport, Evaluation } from '../pipeline/calibrate/index.js';
import type { ExportReport, ImportReport } from '../pipeline/items/index.js';
import type { CostEstimate, LabelReport } from '../pipeline/label/index.js';
import type { LearnLoopReport, LearnLoopRound, LearnRoundReport } from '../pipeline/learn/index.js';
import type { TournamentResult } from '../pipeline/learn/index.js';
import type {
  CascadeRouteOptions,
  CascadeRouteReport,
  EnsembleReport,
  EnsembleVotesOptions,
  PlanReport,
  PolicyMode,
  RouteReport,
  RouteWholeSetReport,
  Staffing,
} from '../pipeline/route/index.js';
import type { QueueSuspectsReport, SuspectsReport } from '../pipeline/suspects/index.js';
import type {
  AggregateDecide,
  AggregateReport,
  ImportVotesReport,
} from '../pipeline/votes/index.js';
import type { ImportPredictionsReport } from '../pipeline/predictions/index.js';
import type { FirstPassChoice } from './first-pass.js';
import type { ImportPredictionsFileOptions } from './prediction-files.js';
import type { ProjectChecks } from './project-checks.js';
import type { Env } from './model-clients.js';
import type { DedupOptions, DedupRun } from './project-dedup.js';

/**
 * An open project: its hilo.yaml, its store, and the steps a user runs, wired to the store, the
 * model clients and the files. Every step is a pipeline function with the project filled in.
 * @example
 * const project = await openProject({ dir: 'spam' });
 * try {
 *   await project.importItems({ file: 'gold.jsonl', role: 'gold' });
 *   await project.learn();
 *   const run = await project.label({ labeller: 'local' });
 *   await project.export({ file: 'labels.csv' });
 * } finally {
 *   await project.close();
 * }
 */
export interface Project {
  /** The project directory, absolute. */
  readonly dir: string;
  readonly config: ProjectConfig;
  readonly store: StoreWithPeople;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The environment the model clients read (OPENAI_BASE_URL, OPENAI_API_KEY, …). */
  readonly env: Env;

  /**
   * Imports items (or gold/control/test items with their labels) from JSONL, CSV/TSV or Parquet;
   * re-importing updates by id.
   * @example await project.importItems({ file: 'pool.jsonl' })
   */
  importItems(options: ImportFileOptions): Promise<ImportReport>;
  /**
   * Imports people's votes in crowd-kit's long format (worker, task, label).
   * @example await project.importVotes({ file: 'answers.csv' })
   */
  importVotes(options: ImportVotesFileOptions): Promise<ImportVotesReport>;
  /**
   * Imports predictions made elsewhere (a label with a confidence, a distribution or token
   * logprobs per item) as votes of `import:<model>`; re-importing the same file writes nothing.
   * @example await project.importPredictions({ file: 'preds.csv', model: 'gpt-4o' })
   */
  importPredictions(options: ImportPredictionsFileOptions): Promise<ImportPredictionsReport>;
  /**
   * Sets the trusted label of items from a file with columns task, label.
   * @example await project.importTruth({ file: 'truth.csv', role: 'test' })
   */
  importTruth(options: {
    readonly file: string;
    readonly role: 'gold' | 'test';
    readonly encoding?: TextEncoding;
  }): Promise<{ updated: number; created: number }>;
  /**
   * Trains a new version of the local model on gold and verified labels, then re-scores the
   * people queue. One trainer at a time per database (the `learn` lock): while another holds it,
   * this fails with CONFLICT naming the holder, or waits with `wait: true`.
   * @example const { learn } = await project.learn({ folds: 5 })
   */
  learn(options?: LearnOptions): Promise<LearnRoundReport>;
  /**
   * Keeps training whenever `every` new verified labels arrived, until `signal` aborts; holds the
   * `learn` lock all along (see `learn`).
   * @example await project.learnLoop({ every: 50, intervalMs: 30_000, signal })
   */
  learnLoop(options: LearnLoopOptions): Promise<LearnLoopReport>;
  /**
   * The first pass: labels every item without a vote from the labeller, with a probability per
   * label. Resumable: a stopped run continues where it stopped.
   * @example const run = await project.label({ labeller: 'llm', model: 'gpt-4o-mini', limit: 100 })
   */
  label(options?: LabelOptions): Promise<LabelRun>;
  /**
   * What `label` would spend, sending nothing; null for the local labeller (it costs nothing).
   * @example const estimate = await project.estimateLabel({ labeller: 'llm' })
   */
  estimateLabel(options?: LabelOptions): Promise<CostEstimate | null>;
  /**
   * Scores a labeller's votes on items with trusted labels.
   * @example const ev = await project.evaluate({ source: 'model:local@2', roles: ['test'] })
   */
  evaluate(options: {
    readonly source: string;
    readonly roles?: readonly ItemRole[];
  }): Promise<Evaluation>;
  /**
   * Fits calibrators on gold by cross-fitting and stores the best (or the chosen) one.
   * @example await project.calibrate({ source: 'model:local@2' })
   */
  calibrate(options: CalibrateOptions): Promise<CalibrateReport>;
  /**
   * The cost–accuracy table of candidate routing policies at the project's prices.
   * @example await project.plan({ source, target: 0.97, delta: 0.05, humanAccuracy: 0.95 })
   */
  plan(options: PlanOptions): Promise<PlanReport>;
  /**
   * Chooses accept/overlap/human zones with a guaranteed lower bound and writes them into
   * decisions.
   * @example await project.route({ source, target: 0.97, delta: 0.05 })
   */
  route(options: RouteOptions): Promise<RouteReport>;
  /**
   * Pools several machine labellers' calibrated votes into one more labeller, `ensemble:<name>`,
   * with weights learned on gold.
   * @example const { source } = await project.ensemble({ sources: ['llm:a#1', 'llm:b#2'], pooling: 'log' })
   */
  ensemble(options: EnsembleOptions): Promise<EnsembleReport>;
  /**
   * Cheap model → stronger model → people under one whole-data-set promise, from labelled expert
   * checks; kept items are decided `auto` by their stage, the rest go to people.
   * @example await project.cascade({ stages: ['model:local@3', 'llm:big#1'], maxError: 0.05, alpha: 0.05 })
   */
  cascade(options: CascadeOptions): Promise<CascadeRouteReport>;
  /**
   * The whole-data-set promise: chooses which items keep the machine's label so that the final
   * data set (machine, expert and people's labels together) has at most `maxError` wrong labels
   * with confidence 1 − `alpha`, from the expert checks drawn from the pool; people's error is
   * declared or measured on control answers.
   * @example await project.routeWholeSet({ source, maxError: 0.05, alpha: 0.05 })
   */
  routeWholeSet(options: RouteWholeSetRequest): Promise<RouteWholeSetReport>;
  /**
   * Combines all votes (people and models) into one decision per item.
   * @example await project.aggregate({ method: 'recommended' })
   */
  aggregate(options: AggregateOptions): Promise<AggregateReport>;
  /**
   * Likely mislabelled items among the final labels (confident learning over out-of-fold
   * predictions of the local model), with the votes behind each; `queue` sends them to review.
   * @example const { suspects } = await project.suspects({ top: 20, queue: true })
   */
  suspects(options?: SuspectsOptions): Promise<SuspectsRun>;
  /**
   * Ranks every machine labeller by accuracy and cost on items with trusted labels; with `apply`,
   * makes the best per cost the first pass in hilo.yaml.
   * @example const { result, applied } = await project.tournament({ apply: true })
   */
  tournament(options?: TournamentOptions): Promise<TournamentRun>;
  /**
   * Creates a person and returns their invitation link: shown once (only its hash is stored),
   * it signs in once, until `expiresAt` (`hours`, default `people.invitationHours`).
   * @example const { link } = await project.invite({ name: 'Ada', role: 'annotator', baseUrl })
   */
  invite(options: {
    readonly name: string;
    readonly role: AnnotatorRole;
    readonly baseUrl: string;
    readonly hours?: number;
  }): Promise<{ annotator: Annotator; link: string; expiresAt: string }>;
  /**
   * A new invitation link for an existing person, named by id or by a name no one else has;
   * their earlier unused links stop working. NOT_FOUND when no one matches, INVALID_INPUT when a
   * name is shared.
   * @example const { link } = await project.reinvite({ who: 'a1b2c3d4', baseUrl })
   */
  reinvite(options: {
    readonly who: string;
    readonly baseUrl: string;
    readonly hours?: number;
  }): Promise<{ annotator: Annotator; link: string; expiresAt: string }>;
  /**
   * Writes every item with its current label, distribution, confidence and how it was decided;
   * the format follows the extension (.jsonl, .csv, .tsv, .parquet).
   * @example await project.export({ file: 'labels.parquet' })
   */
  export(options: { readonly file: string }): Promise<ExportReport>;
  /** Expert checks drawn from the pool: draw, status, export, and import of the answers. */
  readonly checks: ProjectChecks;
  /**
   * Exact and near duplicates among the items (`hilo dedup`): clusters, representatives, leaks
   * of test items; with `apply`, duplicates are marked and share their representative's decision.
   * @example const run = await project.dedup({ threshold: 0.9, apply: true })
   */
  dedup(options?: DedupOptions): Promise<DedupRun>;
  /** Closes the store. */
  close(): Promise<void>;
}

/** @example const options: ImportFileOptions = { file: 'gold.csv', role: 'gold', labelField: 'category' } */
export interface ImportFileOptions {
  /** JSONL, CSV/TSV (header row) or Parquet; `.gz` text files too. */
  readonly file: string;
  /** Default `pool`. */
  readonly role?: ItemRole;
  /** Column with the item id; default `id`. */
  readonly idField?: string;
  /** Column with the expert label (gold, control, test); default `label`. */
  readonly labelField?: string;
  /** Store the good records and report the bad ones instead of stopping; default false. */
  readonly skipInvalid?: boolean;
  readonly batch?: string;
  /**
   * Clean-up rules (`--clean`): `html,entities` for every text field, `text=whitespace` for one,
   * `all`; added to hilo.yaml `import.clean`. A changed field keeps its original in `<field>_original`.
   */
  readonly clean?: readonly string[];
  /** The text encoding of a JSONL, CSV or TSV file; default UTF-8. */
  readonly encoding?: TextEncoding;
}

/** @example const options: ImportVotesFileOptions = { file: 'answers.csv', taskField: 'item' } */
export interface ImportVotesFileOptions {
  readonly file: string;
  readonly workerField?: string;
  readonly taskField?: string;
  readonly labelField?: string;
  readonly skipInvalid?: boolean;
  /** The text encoding of a JSONL, CSV or TSV file; default UTF-8. */
  readonly encoding?: TextEncoding;
}

/** @example const options: LearnOptions = { folds: 5, seed: 1 } */
export interface LearnOptions {
  /** Folds for out-of-fold votes on the training items (0 = none); default 5. */
  readonly folds?: number;
  /** Seed of the random queue strategy; default 1. */
  readonly seed?: number;
  /** Wait for another trainer to finish instead of failing with CONFLICT; default false. */
  readonly wait?: boolean;
  /** Called once when waiting starts, with the lock as held by the other trainer. */
  readonly onWaiting?: (held: HeldLock) => void;
  /** Stops waiting for the lock (INTERRUPTED), and a loop after the step in progress. */
  readonly signal?: AbortSignal;
}

/** @example const options: LearnLoopOptions = { every: 50, intervalMs: 30_000, signal: controller.signal } */
export interface LearnLoopOptions extends LearnOptions {
  /** Retrain whenever this many new verified labels arrived. */
  readonly every: number;
  /** Time between looks at the store. */
  readonly intervalMs: number;
  readonly onRound?: (round: LearnLoopRound) => void;
}

/** @example const options: LabelOptions = { labeller: 'llm', model: 'gpt-4o-mini', roles: ['pool'], limit: 100 } */
export interface LabelOptions extends FirstPassChoice {
  /** Item roles to label; default pool, gold and test. */
  readonly roles?: readonly ItemRole[];
  /** At most this many items this run. */
  readonly limit?: number;
  /** Stops the run after the requests in flight; the report says `stopped`. */
  readonly signal?: AbortSignal;
}

/**
 * A label run's report with the vote source of its labeller.
 * @example const { labelled, source } = await project.label()
 */
export interface LabelRun extends LabelReport {
  readonly source: string;
}

/** @example const options: CalibrateOptions = { source: 'model:local@2', method: 'auto', folds: 5 } */
export interface CalibrateOptions {
  /** The labeller whose votes to calibrate, e.g. `model:local@2`. */
  readonly source: string;
  /** Default `auto`: the lowest held-out NLL. */
  readonly method?: CalibrationMethod | 'auto';
  readonly folds?: number;
  readonly seed?: number;
}

/** @example const options: PlanOptions = { source: 'model:local@2', target: 0.97, delta: 0.05, humanAccuracy: 0.95 } */
export interface PlanOptions {
  readonly source: string;
  /** Required accuracy of accepted labels. */
  readonly target: number;
  /** 1 − the confidence of that promise. */
  readonly delta: number;
  readonly lo?: number;
  readonly humanAccuracy: number;
  readonly staffing?: Staffing;
  /** The measure of the promise instead of hilo.yaml's (`--measure`): see `withMeasure`. */
  readonly measure?: string;
  /** A rating's ±k (`--within`). */
  readonly withinK?: number;
}

/** @example const options: RouteWholeSetRequest = { source: 'model:local@2', maxError: 0.05, alpha: 0.05, peopleError: 0.02 } */
export interface RouteWholeSetRequest {
  readonly source: string;
  readonly maxError: number;
  readonly alpha: number;
  /** People's error rate as declared; absent: measured on people's control answers. */
  readonly peopleError?: number;
  readonly seed?: number;
}

/** @example const options: RouteOptions = { source: 'model:local@2', target: 0.97, delta: 0.05, auditRate: 0.02 } */
export interface RouteOptions {
  readonly source: string;
  readonly target: number;
  readonly delta: number;
  /** The measure of the promise instead of hilo.yaml's (`--measure`): see `withMeasure`. */
  readonly measure?: string;
  /** A rating's ±k (`--within`). */
  readonly withinK?: number;
  readonly mode?: PolicyMode;
  readonly budget?: number;
  readonly lo?: number;
  readonly humanAccuracy?: number;
  readonly staffing?: Staffing;
  readonly auditRate?: number;
  readonly seed?: number;
}

/** @example const options: AggregateOptions = { method: 'dawid-skene', includeMachines: false } */
export interface AggregateOptions {
  readonly method: AggregationMethod;
  /** A rating's level: the posterior median (default) or its mode; other kinds refuse `median`. */
  readonly decide?: AggregateDecide;
  /** Count machine labellers as annotators; default true. */
  readonly includeMachines?: boolean;
  /** Keep the votes of people a control-accuracy rule discounted; default false. */
  readonly keepDiscounted?: boolean;
  readonly seed?: number;
  readonly maxIterations?: number;
}

/** @example const options: TournamentOptions = { roles: ['test'], minItems: 30, apply: true } */
export interface TournamentOptions {
  /** Roles whose trusted labels judge the labellers; default gold and test. */
  readonly roles?: readonly ItemRole[];
  /** Labellers scored on fewer items are listed but not ranked; default 30. */
  readonly minItems?: number;
  /** Write the winner into hilo.yaml as the first pass. */
  readonly apply?: boolean;
}

/** @example const { result, applied } = await project.tournament({ apply: true }) */
export interface TournamentRun {
  readonly result: TournamentResult;
  /** What a person's answer costs: the price of a machine's mistake. */
  readonly humanCostPerItem: number;
  /** What `apply` changed in hilo.yaml, or null. */
  readonly applied: string | null;
}

/** @example const options: SuspectsOptions = { top: 20, folds: 5, rankBy: 'self-confidence', queue: true } */
export interface SuspectsOptions {
  /** Suspects listed with evidence; default 20. */
  readonly top?: number;
  /** Folds of the cross-fit; default 5. */
  readonly folds?: number;
  /** Default `self-confidence`. */
  readonly rankBy?: 'self-confidence' | 'normalized-margin';
  /** Send the listed suspects to people review. */
  readonly queue?: boolean;
}

/** @example const { suspects, queued } = await project.suspects({ queue: true }) */
export interface SuspectsRun extends SuspectsReport {
  /** What `queue` did, or null without it. */
  readonly queued: QueueSuspectsReport | null;
}

/**
 * `project.ensemble`: the members and how to pool them; the store, clock and labels are the project's.
 * @example await project.ensemble({ sources: ['llm:a#1', 'llm:b#2'], pooling: 'log' })
 */
export type EnsembleOptions = Omit<EnsembleVotesOptions, 'store' | 'clock' | 'labels'>;

/**
 * `project.cascade`: the stages and the promise; store, checks, clock, labels, prices and people are the project's.
 * @example await project.cascade({ stages: ['model:local@1', 'llm:big#1'], maxError: 0.05, alpha: 0.05 })
 */
export type CascadeOptions = Omit<
  CascadeRouteOptions,
  'store' | 'checks' | 'clock' | 'labels' | 'prices' | 'people'
>;
