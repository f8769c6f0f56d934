/** The input of the whole-data-set promise, shared by its bound and its fixed sequence. */

/** A labelled check that carries the bound: a pool item drawn for experts and its outcome. */
export interface PromiseCheck {
  /** Position of the item in `score`. */
  readonly index: number;
  readonly stratum: string;
  /** Pool items in the stratum when drawn. */
  readonly stratumSize: number;
  /** Whether the machine's label equals the expert's. */
  readonly right: boolean;
}

/**
 * How wrong people's labels are on the items sent to them: `declared` is taken as it is;
 * `measured` from control answers (errors of answers), bounded by Clopper–Pearson at level
 * `peopleAlpha` (which then comes out of α).
 */
export type PeopleError =
  | { readonly kind: 'declared'; readonly rate: number }
  | { readonly kind: 'measured'; readonly errors: number; readonly answers: number };

/** How the errors among accepted, unchecked items are bounded. */
export type PromiseBound = 'auto' | 'exact' | 'weighted';

export interface WholeSetPromiseInput {
  /**
   * Per pool item; higher is accepted first; NaN or -Infinity: never accepted (an abstention).
   * Must not be fitted on `checks`.
   */
  readonly score: ArrayLike<number>;
  /** Labelled checks that carry the bound (never those the score was fitted on). */
  readonly checks: readonly PromiseCheck[];
  /**
   * Checks the score was fitted on (a random part of the same draws): expert-labelled, so right in
   * the final data, and outside the population the bound speaks for.
   */
  readonly fitted?: readonly { readonly index: number; readonly stratum: string }[];
  /** ε: largest share of wrong labels allowed in the final data set. */
  readonly maxError: number;
  /** α: the promise may fail with probability at most α (people's share included). */
  readonly alpha: number;
  /** Absent: people (experts) are taken to be right, as in PAC labelling. */
  readonly people?: PeopleError;
  /** Share of α spent on a measured people's error (default 0.2). */
  readonly peopleAlphaShare?: number;
  /**
   * `auto` (default): exact when all checks come from one stratum (uniform draws), else weighted;
   * `exact` refuses checks from several strata.
   */
  readonly bound?: PromiseBound;
  /** Thresholds tested, evenly spaced in accepted items (default 200). */
  readonly steps?: number;
  /** Seed of the shuffle that breaks ties in score. */
  readonly seed?: number;
}
