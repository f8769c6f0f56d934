/**
 * The domain model of hilo (DESIGN §2). Plain data, no behaviour: every layer speaks these types.
 */

/** What kind of answer a project asks for. */
export type TaskKind = 'classify' | 'multilabel' | 'pairwise' | 'rating';

/** Why an item is in the project: to be labelled, to check the machine, to check people, or to test. */
export type ItemRole = 'pool' | 'gold' | 'control' | 'test';

export const ITEM_ROLES: readonly ItemRole[] = ['pool', 'gold', 'control', 'test'];

/** Field values as they came from the user's file (JSON-compatible). */
export type Fields = Record<string, unknown>;

/** One thing to label. `goldLabel` is the trusted expert answer of gold and control items. */
export interface Item {
  /** The user's own id, unique per project. */
  readonly id: string;
  readonly fields: Fields;
  readonly role: ItemRole;
  readonly batch: string | null;
  /** The expert label of a gold/control item; null for pool items. Never sent to annotators. */
  readonly goldLabel: string | null;
}

/**
 * How a vote's distribution was obtained. `distribution` is a full distribution given as such,
 * as in predictions imported from another tool.
 */
export type ConfidenceMethod =
  | 'logprobs'
  | 'self-consistency'
  | 'verbalized'
  | 'local-model'
  | 'distribution'
  | 'human'
  | 'gold'
  | 'ensemble';

/** The methods a machine labeller's run may record (`ensemble` votes come from `hilo ensemble`, which records no run). */
export const MACHINE_CONFIDENCE_METHODS: readonly ConfidenceMethod[] = [
  'logprobs',
  'self-consistency',
  'verbalized',
  'local-model',
  'distribution',
];

/** Label → probability; sums to 1 over the project's labels (plus `otherMass` outside them). */
export type Distribution = Record<string, number>;

/** One opinion about one item, from a person or a model. */
export interface Vote {
  readonly id: number;
  readonly itemId: string;
  /**
   * `human:<annotator>`, `llm:<model>#<prompt-hash>`, `model:<name>@<version>`, or
   * `import:<name>` for predictions made elsewhere.
   */
  readonly source: string;
  /** The chosen label; null when the labeller abstained. */
  readonly label: string | null;
  /** Full distribution over the project's labels; null for an abstention. */
  readonly probabilities: Distribution | null;
  readonly method: ConfidenceMethod;
  /** Probability mass that fell on tokens outside the label codes (logprobs method), else 0. */
  readonly otherMass: number;
  /** The model's stated confidence in its answer (0..1), kept as an extra signal. */
  readonly verbalized: number | null;
  readonly rationale: string | null;
  /** Why the labeller abstained, when it did. */
  readonly abstainReason: string | null;
  readonly runId: string | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  /**
   * A model's request time in ms; on a person's vote, the time their browser reported (a hint
   * only: no rule reads it).
   */
  readonly latencyMs: number;
  /**
   * Time a person spent on the item, in ms, measured by the server (from the lease, or from their
   * previous answer when that is later); null for machines.
   */
  readonly timeSpentMs: number | null;
  /** ISO-8601 timestamp. */
  readonly createdAt: string;
}

export type NewVote = Omit<Vote, 'id'>;

/**
 * How the current final label of an item was reached; `expert` is the label of an expert check
 * drawn from the pool (`hilo checks`).
 */
export type DecidedBy =
  'machine' | 'auto' | 'human' | 'aggregated' | 'reviewer' | 'expert' | 'gold';

/** The current final label of an item. */
export interface Decision {
  readonly itemId: string;
  readonly label: string | null;
  readonly confidence: number | null;
  readonly probabilities: Distribution | null;
  readonly decidedBy: DecidedBy;
  /** The labeller (vote source) or method that produced it, e.g. `model:local@3`. */
  readonly source: string;
  readonly voteIds: readonly number[];
  /** Routing zone, once routed. */
  readonly zone: 'accept' | 'overlap' | 'human' | null;
  readonly updatedAt: string;
}

/** A trained local model as stored: opaque JSON payload plus its evaluation. */
export interface StoredModel {
  readonly name: string;
  readonly version: number;
  /** Serialized model (see local-model/serialize). */
  readonly payload: string;
  readonly metrics: Record<string, unknown>;
  readonly trainedOn: number;
  readonly createdAt: string;
}
