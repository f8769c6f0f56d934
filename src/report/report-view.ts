import type { RankingView } from './ranking-section.js';
/**
 * What the HTML report shows, declared here so the report depends on nothing but the core: the
 * pipeline's `ReportData` fits this shape (the CLI passes one to the other, and the compiler
 * checks they still agree). Every string in it is untrusted text.
 */

import type { KindFiguresView } from './kind-section.js';

interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

interface MaybeInterval {
  readonly estimate: number | null;
  readonly lower: number;
  readonly upper: number;
}

interface Bin {
  readonly lower: number;
  readonly upper: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
  readonly count: number;
}

interface Scores {
  readonly ece: Interval;
  readonly brier: number;
  readonly nll: number;
  readonly bins: readonly Bin[];
}

interface Example {
  readonly id: string;
  readonly text: string;
  readonly gold: string | null;
  readonly predicted: string;
  readonly confidence: number;
}

interface Counts {
  readonly accept: number;
  readonly overlap: number;
  readonly human: number;
}

export interface ReportView {
  /** Multi-label and rating projects: their own figures (absent or null for the others). */
  readonly kindFigures?: KindFiguresView | null;
  readonly project: {
    readonly name: string;
    readonly kind: string;
    readonly labels: readonly string[];
  };
  readonly generatedAt: string;
  readonly source: { readonly id: string; readonly chosenBy: string };
  readonly items: {
    readonly pool: number;
    readonly gold: number;
    readonly control: number;
    readonly test: number;
  };
  readonly heldOut: {
    readonly set: 'test' | 'gold';
    readonly scored: number;
    readonly abstained: number;
    readonly unlabelled: number;
    readonly accuracy: Interval;
    readonly macroF1: Interval;
    readonly weightedF1: number;
    readonly perClass: readonly {
      readonly label: string;
      readonly support: number;
      readonly predicted: number;
      readonly precision: MaybeInterval;
      readonly recall: MaybeInterval;
      readonly f1: number;
    }[];
    readonly confusion: readonly (readonly number[])[];
    readonly confusedPairs: readonly {
      readonly gold: string;
      readonly predicted: string;
      readonly count: number;
      readonly rate: number;
    }[];
  } | null;
  readonly calibration: {
    readonly method: string;
    readonly origin: 'stored' | 'fitted';
    readonly fittedOn: number | null;
    readonly evaluatedOn: 'test' | 'gold-cross-fitted';
    readonly n: number;
    readonly before: Scores;
    readonly after: Scores;
    readonly methods: readonly {
      readonly method: string;
      readonly nll: number;
      readonly ece: number;
      readonly brier: number;
    }[];
  } | null;
  readonly histogram: {
    readonly calibrated: boolean;
    readonly edges: readonly number[];
    readonly right: readonly number[];
    readonly wrong: readonly number[];
    readonly pool: readonly number[];
  } | null;
  readonly coverage: {
    readonly calibrated: boolean;
    readonly n: number;
    readonly points: readonly {
      readonly threshold: number;
      readonly coverage: number;
      readonly accepted: number;
      readonly accuracy: number;
      readonly lower: number;
      readonly upper: number;
    }[];
  } | null;
  readonly plan: {
    /** The staffing every cost assumes, in words naming the settings. */
    readonly staffing: string;
    readonly target: number;
    readonly delta: number;
    readonly currency: string;
    readonly assumptions: {
      readonly machinePerItem: number;
      readonly annotation: number;
      readonly overlap: number;
      readonly overlapZoneHumans: number;
      readonly dynamicOverlap: {
        readonly max: number;
        readonly targetPosterior: number;
        readonly humanAccuracy: number;
      } | null;
      readonly controlRate: number;
      readonly auditRate: number;
      readonly humanAccuracy: number;
      readonly lo: number | null;
      readonly from: 'route' | 'defaults';
    };
    readonly poolSize: number;
    readonly poolFrom: 'pool' | 'held-out';
    readonly points: readonly {
      readonly threshold: number;
      readonly coverage: number;
      readonly cost: number;
      readonly accuracy: Interval;
      readonly acceptedAccuracy: Interval;
    }[];
    readonly chosen: number | null;
    readonly allHuman: { readonly cost: number; readonly accuracy: number };
    readonly allMachine: { readonly cost: number; readonly accuracy: Interval };
  } | null;
  readonly policy: {
    readonly runId: string;
    readonly at: string;
    readonly source: string | null;
    readonly appliesToSource: boolean;
    readonly calibrator: string | null;
    readonly score: 'confidence' | 'router';
    readonly target: number | null;
    readonly delta: number | null;
    readonly threshold: number | null;
    readonly lo: number | null;
    readonly perClass: Readonly<Record<string, number | null>> | null;
    readonly counts: Counts | null;
    readonly sentence: string | null;
    readonly goldItems: number | null;
    readonly goldNeeded: {
      readonly additional: number | null;
      readonly total: number | null;
    } | null;
    readonly cost: {
      readonly plan: number;
      readonly allHuman: number;
      readonly currency: string;
    } | null;
    readonly testCheck: {
      readonly items: number;
      readonly accepted: number;
      readonly correct: number;
      readonly accuracy: MaybeInterval;
    } | null;
    /** Gold unlike the pool, a promise the test items broke (absent in older report data). */
    readonly warnings?: readonly string[];
    /** A whole-data-set promise: what it bounds and rests on (absent in older report data). */
    readonly wholeSet?: {
      readonly maxError: number;
      readonly items: number;
      readonly spared: number;
      readonly checks: number;
      readonly toPeople: number;
    } | null;
  } | null;
  readonly spend: {
    readonly runs: number;
    readonly items: number;
    readonly tokensIn: number;
    readonly tokensOut: number;
    readonly costUsd: number;
  };
  readonly decisions: {
    readonly pool: number;
    readonly zones: Counts & { readonly unrouted: number };
    readonly decidedBy: Readonly<Record<string, number>>;
  };
  readonly examples: { readonly mistakes: readonly Example[]; readonly unsure: readonly Example[] };
  /** Pairwise projects that name their systems: the ranking of the systems. */
  readonly ranking?: RankingView | null;
  readonly notes: readonly string[];
}

export type PlanView = NonNullable<ReportView['plan']>;
export type PolicyView = NonNullable<ReportView['policy']>;
