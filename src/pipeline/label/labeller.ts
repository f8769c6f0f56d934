import type { LabellerDescription } from '../../core/runs/run-records.js';
import type { ConfidenceMethod, Distribution, Item, NewVote } from '../../core/types.js';

/** What a labeller says about one item: a full distribution, or an abstention with its reason. */
export interface LabelOutcome {
  readonly label: string | null;
  readonly probabilities: Distribution | null;
  readonly method: ConfidenceMethod;
  readonly otherMass: number;
  readonly verbalized: number | null;
  readonly rationale: string | null;
  readonly abstainReason: string | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly latencyMs: number;
  /** True when every request was answered from the cache (nothing paid this time). */
  readonly cached?: boolean;
  /**
   * The probability that `label` is right under the project's measure, when it is not
   * `probabilities[label]` (a multi-label set, a rating decided within ±k); see `decideItem`.
   */
  readonly confidence?: number;
  /**
   * A pairwise judge asked in both orders: the distribution of each order over the verdicts, the
   * swapped one mapped back to the original A and B (the run measures position bias from them).
   */
  readonly orders?: { readonly first: Distribution; readonly swapped: Distribution };
}

/**
 * A first-pass labeller: the LLM or the local model. `label` takes `batchSize` items at most and
 * returns one outcome per item, in order; a failure of one item is an abstention, not a throw.
 */
export interface Labeller {
  /** The vote source, e.g. `model:local@3` or `llm:gpt-4o-mini#1a2b3c4d`. */
  readonly source: string;
  /** Items per `label` call (the local model scores many at once; the LLM one at a time). */
  readonly batchSize: number;
  /** How many `label` calls may run at once. */
  readonly concurrency: number;
  /** What its label runs record about it (model and prompt settings, or model version). */
  readonly description: LabellerDescription;
  label(items: readonly Item[]): Promise<LabelOutcome[]>;
}

/** Where a stored vote comes from: its item, labeller, run and time. */
export interface VoteOrigin {
  readonly itemId: string;
  readonly source: string;
  readonly runId: string | null;
  readonly createdAt: string;
}

/**
 * The vote that stores a labeller's outcome (machines spend no person's time).
 * @example voteOf({ itemId: 'a', source: 'model:local@1', runId: null, createdAt }, outcome)
 * Complexity: O(1).
 */
export function voteOf(origin: VoteOrigin, outcome: LabelOutcome): NewVote {
  return {
    ...origin,
    label: outcome.label,
    probabilities: outcome.probabilities,
    method: outcome.method,
    otherMass: outcome.otherMass,
    verbalized: outcome.verbalized,
    rationale: outcome.rationale,
    abstainReason: outcome.abstainReason,
    tokensIn: outcome.tokensIn,
    tokensOut: outcome.tokensOut,
    costUsd: outcome.costUsd,
    latencyMs: outcome.latencyMs,
    timeSpentMs: null,
  };
}
