/**
 * What every aggregator takes and returns. An aggregator turns a {@link VoteMatrix} into one
 * label and one probability distribution per item, plus a model of each annotator.
 */

/**
 * The aggregators hilo ships (DESIGN §5).
 * @example const method: AggregationMethod = 'recommended'; aggregate(matrix, { method })
 */
export type AggregationMethod =
  | 'majority-vote'
  | 'wawa'
  | 'dawid-skene'
  | 'one-coin-dawid-skene'
  | 'glad'
  | 'mace'
  | 'zero-based-skill'
  | 'recommended';

/**
 * How good each annotator is, as the method models it.
 * @example const { ability, confusion } = dawidSkene(matrix).skills; ability[0] // annotator 0's accuracy
 */
export interface AnnotatorSkills {
  /**
   * One number per annotator, higher is better: the expected accuracy under the class priors
   * for the confusion-matrix models, the agreement rate with the aggregate for the voting
   * methods, α (the ability) for GLAD, θ (the chance of not spamming) for MACE.
   */
  readonly ability: Float64Array;
  /**
   * Row-stochastic confusion matrices, `annotators × K × K`:
   * `confusion[(a * K + truth) * K + given]` = P(annotator `a` answers `given` | true class
   * `truth`). Null for methods without one (majority vote, Wawa, GLAD, ZBS).
   */
  readonly confusion: Float64Array | null;
}

/**
 * The result of every aggregator.
 * @example const { labels, posteriors } = aggregate(matrix, { method: 'recommended' }); posteriors[i * K + labels[i]]
 */
export interface AggregationResult {
  readonly method: AggregationMethod;
  /** Per item: the chosen class index (the posterior's argmax, ties broken by the seed). */
  readonly labels: Int32Array;
  /** `items × K`; every row sums to 1. Items without votes get the class priors. */
  readonly posteriors: Float64Array;
  /** The class distribution the method used or estimated (uniform when it has none). */
  readonly classPriors: Float64Array;
  readonly skills: AnnotatorSkills;
  /** Full sweeps done (1 for one-pass methods). */
  readonly iterations: number;
  /** True when the tolerance was met before `maxIterations` (always true for one-pass methods). */
  readonly converged: boolean;
  /** Log-likelihood of the votes under the fitted model; null for voting methods. */
  readonly logLikelihood: number | null;
  /** GLAD only: per item difficulty 1/β (higher is harder); null otherwise. */
  readonly itemDifficulty: Float64Array | null;
}

/**
 * Options every aggregator accepts.
 * @example majorityVote(matrix, { seed: 1, gold: Int32Array.of(-1, 0, -1) })
 */
export interface AggregationOptions {
  /** Seeds tie-breaking and random restarts. Default 0. */
  readonly seed?: number;
  /**
   * Stop when the posteriors moved less than this in one sweep, measured as the mean over
   * items of Σ_k |Δp_ik| (the probability mass that moved per item). Default 1e-4; 0 runs
   * exactly `maxIterations` sweeps.
   */
  readonly tolerance?: number;
  /** Upper bound on sweeps. Default 100 (method pages say when they differ). */
  readonly maxIterations?: number;
  /**
   * Per item: a trusted class index, or -1. Gold items are clamped to their class in every
   * sweep, so they teach the model about the annotators who voted on them.
   */
  readonly gold?: Int32Array;
}
