import { RECOMMENDED_DAWID_SKENE } from '../../core/aggregation/aggregate.js';
import {
  oneCoinMatrix,
  pooledConfusionMatrix,
  type ConfusionModel,
} from '../../core/aggregation/confusion-posterior.js';
import { dawidSkeneSteps, type DawidSkeneResult } from '../../core/aggregation/dawid-skene.js';
import { readVoteInput, type VoteInput, type VoteInputOptions } from '../votes/index.js';

/** Accuracy assumed for people before their votes say otherwise. */
export const PRIOR_ACCURACY = 0.8;
/** Pseudo-votes per true class of the {@link PRIOR_ACCURACY} matrix in the crowd's pooled one. */
const PRIOR_WEIGHT = 4;
/** Items per class, besides gold, before the class priors leave out gold and controls. */
const MIN_PRIOR_ITEMS = 10;
/** Default number of votes below which an annotator is judged by the crowd's pooled matrix. */
export const DEFAULT_MIN_VOTES = 10;

/** One annotator (person or machine labeller) as the fit sees them. */
export interface CrowdAnnotator {
  /** `human:<id>`, `llm:…` or `model:…`. */
  readonly source: string;
  readonly votes: number;
  /** Expected accuracy Σ_k prior_k π[k, k] of their own fitted matrix. */
  readonly accuracy: number;
  /** Their row in `confusion`. */
  readonly row: number;
  /** True when they have too few votes and the crowd's pooled matrix answers for them. */
  readonly pooled: boolean;
}

/**
 * Dawid-Skene fitted on all of a project's votes, ready to give one item's posterior without
 * refitting: one confusion matrix per annotator, the crowd's pooled matrix as the last row of
 * `confusion`, and the class priors of the items that are not gold.
 */
export interface CrowdSnapshot extends ConfusionModel {
  readonly labels: readonly string[];
  readonly labelIndex: ReadonlyMap<string, number>;
  /** Source → the row of `confusion` to use: their own, or `pooledRow` when they have few votes. */
  readonly rowOf: ReadonlyMap<string, number>;
  readonly pooledRow: number;
  readonly annotators: readonly CrowdAnnotator[];
  /** Votes the fit saw. */
  readonly votes: number;
  /** EM sweeps the fit took (or the rounds of the newest update). */
  readonly iterations: number;
  /** Source → their own row, however few their votes: the model `hilo aggregate` decides with. */
  readonly ownRowOf: ReadonlyMap<string, number>;
  /** The class priors Dawid-Skene fitted (gold included), as `hilo aggregate` uses them. */
  readonly fittedPriors: Float64Array;
  /** The fit itself, which `updateCrowd` continues. */
  readonly fit: { readonly ds: DawidSkeneResult | null; readonly parts: CrowdParts };
}

export interface CrowdFitOptions {
  /** Annotators with fewer votes use the crowd's pooled matrix; default {@link DEFAULT_MIN_VOTES}. */
  readonly minVotes?: number;
  /** EM sweeps at most; default 50. */
  readonly maxIterations?: number;
}

/**
 * Reads all the project's votes (machines as soft votes, gold and controls clamped, discounted
 * people dropped unless kept) and fits the crowd with {@link fitCrowdPaused}.
 * @example const crowd = await readCrowd({ store, labels, people: store.people });
 * Complexity: reading the votes plus the fit.
 */
export async function readCrowd(
  options: VoteInputOptions & CrowdFitOptions & { readonly pause?: () => Promise<void> },
): Promise<CrowdSnapshot> {
  return fitCrowdPaused(await readVoteInput(options), options);
}

/**
 * Fits the recommended Dawid-Skene (shrinkage toward the crowd) on the votes, gold clamped, and
 * packs it as a {@link CrowdSnapshot}, awaiting `pause` (when given) before each EM sweep so a
 * server keeps answering while it fits. The pooled matrix is the people's expected counts plus
 * 4 pseudo-votes per class of an 80%-accurate one-coin annotator, so a project without votes
 * yet still believes people a little.
 * @example const crowd = await fitCrowdPaused(input, { pause: () => new Promise((r) => setImmediate(r)) });
 * Complexity: O((K × votes + annotators × K²) × sweeps), memory O(items × K + annotators × K²).
 */
export async function fitCrowdPaused(
  input: VoteInput,
  options: CrowdFitOptions & { readonly pause?: () => Promise<void> },
): Promise<CrowdSnapshot> {
  const steps = crowdFitSteps(input, options);
  for (;;) {
    if (options.pause) await options.pause();
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The fit of {@link fitCrowdPaused}, one EM sweep a step. */
function* crowdFitSteps(
  input: VoteInput,
  options: CrowdFitOptions,
): Generator<number, CrowdSnapshot, void> {
  const { built, gold } = input;
  const { matrix } = built;
  let ds: DawidSkeneResult | null = null;
  if (matrix.numVotes > 0) {
    ds = yield* dawidSkeneSteps(matrix, {
      ...RECOMMENDED_DAWID_SKENE,
      gold,
      maxIterations: options.maxIterations ?? 50,
      // Overlap compares posteriors with a target like 0.9: 1e-3 of mean movement is plenty
      // and takes about half the sweeps of the default 1e-4.
      tolerance: 1e-3,
    });
  }
  return packCrowd(ds, {
    labels: built.labels,
    items: new Map(built.itemIndex),
    annotators: built.annotators,
    gold,
    voteIds: new Set(input.votes.map((v) => v.id)),
    minVotes: options.minVotes ?? DEFAULT_MIN_VOTES,
  });
}

/** What a fit or an update of the crowd knows besides the Dawid-Skene result. */
export interface CrowdParts {
  readonly labels: readonly string[];
  /** Item id → its row in the fit; grows as votes on new items are folded in. */
  readonly items: Map<string, number>;
  /** Source of each annotator row of the fit. */
  readonly annotators: readonly string[];
  /** Per item row: the class of a control or exam item, else -1. */
  readonly gold: Int32Array;
  /** Ids of the votes in the fit, so a vote is never counted twice. */
  readonly voteIds: Set<number>;
  readonly minVotes: number;
}

/**
 * Packs a Dawid-Skene result (null: no votes yet) as a {@link CrowdSnapshot}: each annotator's
 * matrix, the pooled matrix of the people (their expected counts plus 4 pseudo-votes per class of
 * an 80%-accurate one-coin annotator, so a project without votes still believes people a
 * little), and the class priors of the items that are not gold.
 * @example packCrowd(ds, { labels, items, annotators, gold, voteIds, minVotes: 10 })
 * Complexity: O(items × K + annotators × K²).
 */
export function packCrowd(ds: DawidSkeneResult | null, parts: CrowdParts): CrowdSnapshot {
  const { labels, gold } = parts;
  const K = labels.length;
  const A = parts.annotators.length;
  const prior = oneCoinMatrix(K, PRIOR_ACCURACY);
  const confusion = new Float64Array((A + 1) * K * K);
  const classPriors = new Float64Array(K).fill(1);
  const fittedPriors = new Float64Array(K).fill(1 / K);
  let accuracy: Float64Array = new Float64Array(A);
  const votesOf = new Int32Array(A);
  if (ds !== null) {
    const { matrix } = ds.state;
    for (let a = 0; a < A; a++)
      votesOf[a] =
        (matrix.annotatorOffsets[a + 1] as number) - (matrix.annotatorOffsets[a] as number);
    confusion.set(ds.skills.confusion ?? new Float64Array(A * K * K));
    accuracy = ds.skills.ability;
    fittedPriors.set(ds.classPriors);
    const include = Uint8Array.from(parts.annotators, (s) => (s.startsWith('human:') ? 1 : 0));
    confusion.set(
      pooledConfusionMatrix(ds.state, { include, prior, priorWeight: PRIOR_WEIGHT }),
      A * K * K,
    );
    // Controls over-represent rare labels: the priors come from the other items, once there
    // are enough of them to say more than the fitted priors.
    let others = 0;
    for (let i = 0; i < matrix.numItems; i++) {
      if ((gold[i] ?? -1) >= 0) continue;
      others++;
      for (let k = 0; k < K; k++) classPriors[k]! += ds.posteriors[i * K + k] as number;
    }
    if (others < MIN_PRIOR_ITEMS * K) classPriors.set(ds.classPriors);
  } else {
    confusion.set(prior, A * K * K);
  }
  const total = classPriors.reduce((s, p) => s + p, 0);
  for (let k = 0; k < K; k++) classPriors[k]! /= total;
  const rowOf = new Map<string, number>();
  const ownRowOf = new Map<string, number>();
  const annotators = parts.annotators.map((source, a): CrowdAnnotator => {
    const votes = votesOf[a] as number;
    const pooled = votes < parts.minVotes;
    rowOf.set(source, pooled ? A : a);
    ownRowOf.set(source, a);
    return { source, votes, accuracy: accuracy[a] as number, row: a, pooled };
  });
  return {
    numClasses: K,
    classPriors,
    confusion,
    labels,
    labelIndex: new Map(labels.map((l, k) => [l, k])),
    rowOf,
    ownRowOf,
    fittedPriors,
    pooledRow: A,
    annotators,
    votes: ds?.state.matrix.numVotes ?? 0,
    iterations: ds?.iterations ?? 0,
    fit: { ds, parts },
  };
}
