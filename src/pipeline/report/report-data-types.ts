import type { DynamicOverlap } from '../../core/cost/hybrid-cost.js';
import type { KindFigures } from './report-data-kind.js';
import type { CalibrationMethod } from '../../core/calibration/calibrator.js';
import type { Interval } from '../../core/routing/clopper-pearson.js';
import type { DecidedBy, ItemRole, TaskKind } from '../../core/types.js';
import type { LabellerChoice } from '../label/index.js';
import type { RankReport } from '../votes/index.js';

/**
 * Every number the HTML report (and later the dashboard) shows, as plain JSON-ready data: no
 * typed arrays, no NaN (a missing value is null), no rendering. Intervals are 95% unless said.
 */
export interface ReportData {
  /** Multi-label and rating projects: their own figures (`kindFigures`); null for the others. */
  readonly kindFigures: KindFigures | null;
  readonly project: {
    readonly name: string;
    readonly kind: TaskKind;
    readonly labels: readonly string[];
  };
  /** ISO-8601 time the numbers were gathered. */
  readonly generatedAt: string;
  /** The labeller whose votes are scored, and why it was picked (`currentLabeller`). */
  readonly source: LabellerChoice;
  /** Items per role in the project. */
  readonly items: Readonly<Record<ItemRole, number>>;
  /** Scores on held-out items with trusted labels; null when none has a vote from the source. */
  readonly heldOut: HeldOutData | null;
  /** Reliability before and after calibration; null when there is too little gold to calibrate. */
  readonly calibration: CalibrationReport | null;
  readonly histogram: ConfidenceHistogramData | null;
  readonly coverage: CoverageData | null;
  /** The cost–accuracy curve of single-threshold policies. */
  readonly plan: PlanData | null;
  /** The newest routing policy (`hilo route`); null when none was chosen yet. */
  readonly policy: PolicyData | null;
  /** What the source's labelling runs cost so far. */
  readonly spend: SpendData;
  /** Where the pool's labels stand: routing zones and who decided them. */
  readonly decisions: DecisionCounts;
  readonly examples: {
    /** Held-out items the machine got wrong with the highest confidence. */
    readonly mistakes: readonly ExampleItem[];
    /** Pool items the machine is least sure of. */
    readonly unsure: readonly ExampleItem[];
  };
  /** Pairwise projects that name their systems: the Bradley–Terry ranking of the systems. */
  readonly ranking?: RankReport | null;
  /** Caveats found while gathering, in plain words. */
  readonly notes: readonly string[];
}

/** `test`: items held out from everything; `gold`: gold items' votes (out-of-fold for the local model). */
export type HeldOutSet = 'test' | 'gold';

interface ClassRow {
  readonly label: string;
  /** Held-out items of the class, and items predicted as it. */
  readonly support: number;
  readonly predicted: number;
  /** Clopper–Pearson intervals; estimate null when the denominator is 0. */
  readonly precision: NullableInterval;
  readonly recall: NullableInterval;
  readonly f1: number;
}

export interface NullableInterval {
  readonly estimate: number | null;
  readonly lower: number;
  readonly upper: number;
}

export interface HeldOutData {
  readonly set: HeldOutSet;
  /** Items scored (with a non-abstaining vote), abstentions, and items with no vote yet. */
  readonly scored: number;
  readonly abstained: number;
  readonly unlabelled: number;
  /** Clopper–Pearson interval over the scored items. */
  readonly accuracy: Interval;
  /** Percentile bootstrap interval (seeded). */
  readonly macroF1: Interval;
  readonly weightedF1: number;
  readonly perClass: readonly ClassRow[];
  /** Counts, rows gold and columns predicted, in label order. */
  readonly confusion: readonly (readonly number[])[];
  readonly confusedPairs: readonly {
    readonly gold: string;
    readonly predicted: string;
    readonly count: number;
    readonly rate: number;
  }[];
}

/** One non-empty bar of a reliability diagram (equal-width bins). */
interface ReliabilityBar {
  readonly lower: number;
  readonly upper: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
  readonly count: number;
}

export interface CalibrationScores {
  /** Top-label ECE, 15 equal-width bins, with a bootstrap interval. */
  readonly ece: Interval;
  readonly brier: number;
  readonly nll: number;
  readonly bins: readonly ReliabilityBar[];
}

export interface CalibrationReport {
  readonly method: CalibrationMethod;
  /** `stored`: the calibrator `hilo calibrate` saved; `fitted`: cross-fitted by the report itself. */
  readonly origin: 'stored' | 'fitted';
  /** Gold items the calibrator was fitted on, when known. */
  readonly fittedOn: number | null;
  /** `test`: applied to test items; `gold-cross-fitted`: each gold item calibrated by a map fitted without it. */
  readonly evaluatedOn: 'test' | 'gold-cross-fitted';
  readonly n: number;
  readonly before: CalibrationScores;
  readonly after: CalibrationScores;
  /** Held-out scores of every method on gold (cross-fitted), when the report fitted them. */
  readonly methods: readonly {
    readonly method: CalibrationMethod;
    readonly nll: number;
    readonly ece: number;
    readonly brier: number;
  }[];
}

/** Counts per equal-width confidence bin; `edges` has one more entry than each count list. */
export interface ConfidenceHistogramData {
  readonly calibrated: boolean;
  readonly edges: readonly number[];
  readonly right: readonly number[];
  readonly wrong: readonly number[];
  readonly pool: readonly number[];
}

export interface CoveragePoint {
  /** Accept every item with confidence ≥ threshold. */
  readonly threshold: number;
  readonly coverage: number;
  readonly accepted: number;
  readonly accuracy: number;
  /** Pointwise two-sided Clopper–Pearson interval of the accuracy. */
  readonly lower: number;
  readonly upper: number;
}

export interface CoverageData {
  readonly calibrated: boolean;
  readonly n: number;
  readonly points: readonly CoveragePoint[];
}

interface PlanPoint {
  readonly threshold: number;
  /** Share of pool items accepted. */
  readonly coverage: number;
  readonly cost: number;
  /** Expected accuracy of all final labels (accepted + people's). */
  readonly accuracy: Interval;
  /** Accuracy of accepted labels on held-out items. */
  readonly acceptedAccuracy: Interval;
}

export interface PlanAssumptions {
  readonly machinePerItem: number;
  readonly annotation: number;
  /** People per item in the human zone, per audit, and in the all-human baseline. */
  readonly overlap: number;
  /** People first asked per overlap item, and the raise of dynamic overlap (null: none). */
  readonly overlapZoneHumans: number;
  readonly dynamicOverlap: DynamicOverlap | null;
  readonly controlRate: number;
  readonly auditRate: number;
  readonly humanAccuracy: number;
  /** Below this confidence items go to people alone; null: every unaccepted item goes to people alone. */
  readonly lo: number | null;
  /** The staffing in words as the routing run printed it; null without one (or in older runs). */
  readonly staffing: string | null;
  /** `route`: from the routing run; `defaults`: hilo's defaults and the project's prices. */
  readonly from: 'route' | 'defaults';
}

export interface PlanData {
  /** The staffing every cost assumes, in words naming the settings. */
  readonly staffing: string;
  readonly target: number;
  readonly delta: number;
  readonly currency: string;
  readonly assumptions: PlanAssumptions;
  readonly poolSize: number;
  /** `pool`: the pool's confidence; `held-out`: no pool votes yet, so the held-out items stand in. */
  readonly poolFrom: 'pool' | 'held-out';
  /** Strictest first. */
  readonly points: readonly PlanPoint[];
  /** Index in `points` of the chosen policy's threshold, or null. */
  readonly chosen: number | null;
  readonly allHuman: { readonly cost: number; readonly accuracy: number };
  readonly allMachine: { readonly cost: number; readonly accuracy: Interval };
}

export interface PolicyData {
  readonly runId: string;
  readonly at: string;
  /** The labeller whose votes were routed. */
  readonly source: string;
  /** False when the policy was chosen for another labeller than the one scored here. */
  readonly appliesToSource: boolean;
  readonly calibrator: CalibrationMethod | 'per-label';
  /** What the threshold is on: calibrated confidence, or a meta-router's P(right). */
  readonly score: 'confidence' | 'router';
  /** Promised accuracy of accepted labels; null for a whole-data-set promise (see `sentence`). */
  readonly target: number | null;
  readonly delta: number;
  readonly threshold: number | null;
  readonly lo: number | null;
  /** Per-class thresholds by predicted label; null: that label is never accepted. */
  readonly perClass: Readonly<Record<string, number | null>> | null;
  readonly counts: {
    readonly accept: number;
    readonly overlap: number;
    readonly human: number;
  };
  readonly sentence: string;
  /** Gold items the promise rests on; null for a whole-data-set promise (it rests on checks). */
  readonly goldItems: number | null;
  readonly goldNeeded: { readonly additional: number | null; readonly total: number | null } | null;
  readonly cost: {
    readonly plan: number;
    readonly allHuman: number;
    /** Symbol or code to print amounts with (`$`, `CHF `). */
    readonly currency: string;
  };
  /** Warnings the routing printed: gold unlike the pool, a promise the test items broke. */
  readonly warnings: readonly string[];
  /** A whole-data-set promise (`hilo route --max-error`): what it bounds and rests on; else null. */
  readonly wholeSet: {
    readonly maxError: number;
    readonly items: number;
    readonly spared: number;
    readonly checks: number;
    readonly toPeople: number;
  } | null;
  /** The routing step's own check of the policy on test items, when it made one. */
  readonly testCheck: {
    readonly items: number;
    readonly accepted: number;
    readonly correct: number;
    readonly accuracy: NullableInterval;
  } | null;
}

export interface SpendData {
  readonly runs: number;
  readonly items: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
}

export interface DecisionCounts {
  readonly pool: number;
  readonly zones: {
    readonly accept: number;
    readonly overlap: number;
    readonly human: number;
    readonly unrouted: number;
  };
  readonly decidedBy: Readonly<Record<DecidedBy | 'none', number>>;
}

export interface ExampleItem {
  readonly id: string;
  /** The item's text fields, cut to 280 characters. Untrusted: escape before display. */
  readonly text: string;
  readonly gold: string | null;
  readonly predicted: string;
  readonly confidence: number;
}
