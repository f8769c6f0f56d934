import type { TaskKind } from './types.js';

/** One label of the project's label set. */
export interface LabelDef {
  readonly name: string;
  readonly description: string;
}

export type ConfidenceSetting = 'logprobs' | 'self-consistency' | 'auto' | 'verbalized';

/** Settings of the LLM labeller (hilo.yaml `labeller.llm`). */
export interface LlmLabellerConfig {
  readonly model: string;
  /** Number of gold demonstrations, balanced over labels. 0 = zero-shot. */
  readonly fewShot: number;
  readonly chainOfThought: boolean;
  /** How the distribution is obtained; `auto` tries logprobs and falls back to self-consistency. */
  readonly confidence: ConfidenceSetting;
  /** Samples for self-consistency. */
  readonly samples: number;
  readonly temperature: number;
  readonly askVerbalized: boolean;
  readonly maxTokens: number;
  readonly concurrency: number;
  readonly requestsPerMinute: number;
  readonly tokensPerMinute: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

/** Settings of the local labeller (hashed TF-IDF → logistic regression or a small MLP). */
export interface LocalLabellerConfig {
  readonly features: number;
  readonly wordNgrams: number;
  readonly charNgrams: readonly [number, number];
  readonly l2: number;
  readonly epochs: number;
  readonly seed: number;
  /** Which classifier `hilo learn` trains. */
  readonly classifier: LocalClassifierKind;
  /** Settings of the MLP classifier. */
  readonly mlp: LocalMlpConfig;
  /** How the people queue is ordered within a zone after learning. */
  readonly queryStrategy: QueueStrategyName;
  /** What the classifier reads: hashed TF-IDF of the text (`text`) or its embedding. */
  readonly input: 'text' | 'embeddings';
  /** The embedding model; required when `input` is `embeddings`. */
  readonly embeddings?: LocalEmbeddingsConfig;
}

/** The embedding model of the local labeller (hilo.yaml `labeller.local.embeddings`). */
export interface LocalEmbeddingsConfig {
  /** The model name sent to the `/v1/embeddings` endpoint. */
  readonly model: string;
  /** The API's base URL; default OPENAI_BASE_URL. */
  readonly baseUrl?: string;
  /** The environment variable holding the API key; default OPENAI_API_KEY. */
  readonly apiKeyEnv?: string;
  /** Texts per request. */
  readonly batchSize: number;
}

/** The classifiers of the local labeller. */
export type LocalClassifierKind = 'logistic' | 'mlp';

/** The MLP option of the local labeller (hilo.yaml `labeller.local.mlp`). */
export interface LocalMlpConfig {
  /** ReLU units of the hidden layer. */
  readonly hidden: number;
  /** Base step of Adagrad. */
  readonly learningRate: number;
  /** Inverted dropout on the hidden layer while training. */
  readonly dropout: number;
}

/** Active-learning strategies that score every item on its own, so they can order a queue. */
export type QueueStrategyName = 'random' | 'least-confidence' | 'margin' | 'entropy';

/** Price of one model, USD per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

/** An expert's price per item when hilo.yaml names none (`prices.expertItemUsd`). */
export const DEFAULT_EXPERT_ITEM_USD = 1;

/**
 * What one expert check costs at these prices: `prices.expertItemUsd`, else the default.
 * @example expertItemPrice({ ...prices, expertItemUsd: 2.5 }) // 2.5
 * Complexity: O(1).
 */
export function expertItemPrice(prices: Prices): number {
  return prices.expertItemUsd ?? DEFAULT_EXPERT_ITEM_USD;
}

export interface Prices {
  readonly models: Readonly<Record<string, ModelPrice>>;
  readonly humanHourlyUsd: number;
  readonly humanItemsPerHour: number;
  readonly hostingPerHourUsd: number;
  /**
   * What an expert's label of one item costs (USD): the price of a check drawn from the pool.
   * Unset means the default, DEFAULT_EXPERT_ITEM_USD; read it through `expertItemPrice`.
   */
  readonly expertItemUsd?: number;
}

/** A project's hilo.yaml, validated. */
export interface ProjectConfig {
  readonly name: string;
  readonly kind: TaskKind;
  /** Item fields shown to annotators and to the model, in order. */
  readonly fields: readonly string[];
  readonly labels: readonly LabelDef[];
  readonly guidelines: string;
  readonly labeller: {
    readonly default: 'local' | 'llm';
    /**
     * How long a `hilo label` worker's lease on its items lasts without a heartbeat (it beats
     * every third of it): a killed worker's items go back to the other workers after this.
     */
    readonly leaseSeconds: number;
    readonly llm: LlmLabellerConfig;
    readonly local: LocalLabellerConfig;
  };
  readonly prices: Prices;
  /**
   * A `postgres://` URL, or a SQLite file path (relative to the project directory); when absent
   * the store is `<project>/hilo.db`.
   */
  readonly database: string | null;
  /** People in the loop (hilo.yaml `people`). */
  readonly people: PeopleConfig;
  /** Options of a multi-label project (`kind: multilabel`); ignored by other kinds. */
  readonly multilabel: MultilabelOptions;
  /** Options of a pairwise-preference project (`kind: pairwise`); ignored by other kinds. */
  readonly pairwise: PairwiseOptions;
  /** Options of a rating project (`kind: rating`); ignored by other kinds. */
  readonly rating: RatingOptions;
  /** What `hilo import` does to every file (hilo.yaml `import`). */
  readonly import: ImportSettings;
  /** How `hilo dedup` finds near duplicates (hilo.yaml `dedup`). */
  readonly dedup: DedupSettings;
  /** How input files are read (hilo.yaml `input`). */
  readonly input: InputSettings;
}

/** hilo.yaml `import`. */
export interface ImportSettings {
  /**
   * Clean-up rules applied to every import, as `--clean` takes them: `html,entities` (every text
   * field), `text=whitespace` (one field), `all`; `--clean` on the command line adds to them.
   */
  readonly clean: readonly string[];
}

/** hilo.yaml `dedup`: near duplicates are texts whose shingle sets have Jaccard ≥ threshold. */
export interface DedupSettings {
  readonly threshold: number;
  /** Shingle length, in `unit`s. */
  readonly shingle: number;
  readonly unit: 'char' | 'word';
  /** MinHash values per text: more find more of the pairs right at the threshold, slower. */
  readonly hashes: number;
  readonly seed: number;
}

/**
 * hilo.yaml `input`: when a file is refused rather than read. A JSON line or CSV record longer
 * than `maxLineMiB` (most likely a missing line break or an unclosed quote); a gzip file that
 * unpacks to more than `gzipMaxRatio` times the bytes read of it and more than `gzipMinMiB` (a likely gzip
 * bomb).
 */
export interface InputSettings {
  readonly maxLineMiB: number;
  readonly gzipMaxRatio: number;
  readonly gzipMinMiB: number;
}

/**
 * What a promise on a multi-label item counts as right: the whole set (`exact`), or each label's
 * yes/no decision (`per-label`: every label's accuracy among accepted items).
 */
export type MultilabelMeasure = 'exact' | 'per-label';

/** hilo.yaml `multilabel`: labels are independent yes/no decisions. */
export interface MultilabelOptions {
  /** Fewest labels an item carries (0 allows the empty set). */
  readonly minLabels: number;
  /** Most labels an item carries; null means all of them. */
  readonly maxLabels: number | null;
  /** The per-item measure promises and routing are on. */
  readonly measure: MultilabelMeasure;
}

/** hilo.yaml `pairwise`: which fields hold the prompt and the two responses. */
export interface PairwiseOptions {
  /** Field of the prompt (or question) both responses answer. */
  readonly prompt: string;
  /** Field of the first response (A). */
  readonly a: string;
  /** Field of the second response (B). */
  readonly b: string;
  /** Field naming the system behind A (for a Bradley–Terry ranking); null when there is none. */
  readonly systemA: string | null;
  /** Field naming the system behind B; null when there is none. */
  readonly systemB: string | null;
  /** Ask the LLM judge twice, with the responses swapped, and combine the two answers. */
  readonly swap: boolean;
}

/** What a promise on a rating counts as right: the exact level, or a level within ±k of it. */
export type RatingMeasure = 'exact' | 'within-k';

/** hilo.yaml `rating`: the labels are the scale's levels, lowest first. */
export interface RatingOptions {
  readonly measure: RatingMeasure;
  /** The k of `within-k`: a rating this far from the right one still counts as right. */
  readonly withinK: number;
}

/** Rules that check people (DESIGN §5); each is off when its number is 0. */
export interface PeopleRules {
  /** Suspend when at least `fastCount` of the last `fastWindow` answers took under `fastMs`. */
  readonly fastMs: number;
  readonly fastCount: number;
  readonly fastWindow: number;
  /** Suspend and discount when control accuracy is below `controlAccuracy` after `minControls` controls. */
  readonly minControls: number;
  readonly controlAccuracy: number;
  /** Flag when the last `sameLabelRun` answers all carry one label. */
  readonly sameLabelRun: number;
}

/** Settings of the annotation server (hilo.yaml `people`). */
export interface PeopleConfig {
  readonly leaseMinutes: number;
  /** People asked per item in the human zone, at first in the overlap zone, and at most. */
  readonly overlap: { readonly human: number; readonly overlap: number; readonly max: number };
  /** Overlap-zone items get more people while the posterior of the leading label is below this. */
  readonly targetPosterior: number;
  /** Share of served items that are hidden controls. */
  readonly controlRate: number;
  /** Tell the annotator the right answer after a control. */
  readonly controlFeedback: boolean;
  /**
   * Update an item's decision as each answer arrives, from the served crowd model (Dawid-Skene
   * kept current incrementally), as `hilo aggregate` would decide it; off leaves decisions to
   * `hilo aggregate`.
   */
  readonly liveDecisions: boolean;
  /** Qualification before real items: `size` gold items, pass at `threshold` accuracy; size 0 = none. */
  readonly exam: { readonly size: number; readonly threshold: number };
  readonly rules: PeopleRules;
  /** How long a signed-in session lasts. */
  readonly sessionDays: number;
  /** What people earn, for payroll (hilo pays nobody itself). */
  readonly pay: PaySettings;
  /** Who annotators see on the leaderboard: names, only themselves by name, or no leaderboard. */
  readonly leaderboard: LeaderboardSetting;
  /** How long an invitation link can be used (once) before it expires. */
  readonly invitationHours: number;
  /**
   * Show annotators the current labeller's label and confidence on each task (and, alike, on
   * hidden controls). Off by default: a shown suggestion biases people towards the machine.
   */
  readonly preAnnotate: boolean;
  /** Machine checks on each task answer (see {@link MachineCheckSettings}). */
  readonly machineChecks: MachineCheckSettings;
  /**
   * How strongly leases prefer items whose predicted label the person is good at: 0 = off (the
   * queue's order), 1 = anywhere within the active-learning span of a zone (0.5 of priority).
   */
  readonly skillMatching: number;
}

/** Checks of task answers against the machine, the crowd and the clock; each is off at 0. */
export interface MachineCheckSettings {
  /**
   * Review an answer the calibrated labeller gives a probability below `disputeBelow`, when its
   * own top label has at least `disputeConfidence`.
   */
  readonly disputeBelow: number;
  readonly disputeConfidence: number;
  /**
   * Review an answer that disagrees with the other people's Dawid-Skene posterior when that
   * posterior is at least `majorityAbove` on another label and comes from `majorityOthers` or
   * more people.
   */
  readonly majorityAbove: number;
  readonly majorityOthers: number;
  /**
   * Flag an answer as pasted when it took under `pastedShare` of the person's median time (over
   * at least `pastedMinAnswers` answers) and under the time to read the item's fields at
   * `readingCharsPerSecond`; or when a free-text part reads like a chatbot's.
   */
  readonly pastedShare: number;
  readonly pastedMinAnswers: number;
  readonly readingCharsPerSecond: number;
}

/**
 * How a person's pay is figured (hilo.yaml `people.pay`). The rate is the human price the cost
 * model uses, `prices.humanHourlyUsd`, so the pay report and the cost figures agree: per answer it
 * is `humanHourlyUsd / humanItemsPerHour`, per hour `humanHourlyUsd`. Amounts are USD.
 */
export interface PaySettings {
  /** Base pay counts answers (tasks and controls) or hours worked. */
  readonly basis: 'answer' | 'hour';
  /** `percent` of base pay on top when first-answer control accuracy is at least the threshold. */
  readonly bonus: {
    readonly controlAccuracyAtLeast: number;
    /** Controls answered in the period before the bonus can be earned. */
    readonly minControls: number;
    readonly percent: number;
  };
}

/** `names`: everyone by name; `anonymous`: only oneself by name; `off`: no leaderboard. */
export type LeaderboardSetting = 'names' | 'anonymous' | 'off';

/**
 * Everything hilo.yaml may leave out: the whole config but the project's name and labels. The
 * embedding model (`labeller.local.embeddings`) has no default; its batch size does, see
 * `DEFAULT_EMBEDDINGS_BATCH_SIZE`.
 */
export type ProjectDefaults = Omit<ProjectConfig, 'name' | 'labels'>;

/**
 * The value of every key hilo.yaml leaves out. Declared only here: the schema of hilo.yaml takes
 * its defaults from it, `hilo init` writes it out, and code that needs a setting without a
 * project (simulations, benchmarks) starts from it.
 * @example const config: LocalLabellerConfig = { ...PROJECT_DEFAULTS.labeller.local, epochs: 20 };
 */
export const PROJECT_DEFAULTS: ProjectDefaults = {
  kind: 'classify',
  fields: ['text'],
  guidelines: '',
  labeller: {
    default: 'local',
    leaseSeconds: 30,
    llm: {
      model: 'gpt-4o-mini',
      fewShot: 0,
      chainOfThought: false,
      confidence: 'auto',
      samples: 5,
      temperature: 0.7,
      askVerbalized: false,
      maxTokens: 16,
      concurrency: 8,
      requestsPerMinute: 500,
      tokensPerMinute: 200_000,
      timeoutMs: 60_000,
      maxRetries: 5,
    },
    local: {
      features: 1 << 18,
      wordNgrams: 2,
      charNgrams: [3, 5],
      l2: 1e-5,
      epochs: 10,
      seed: 1,
      classifier: 'logistic',
      mlp: { hidden: 64, learningRate: 0.1, dropout: 0 },
      queryStrategy: 'margin',
      input: 'text',
    },
  },
  prices: {
    models: {},
    humanHourlyUsd: 15,
    humanItemsPerHour: 120,
    hostingPerHourUsd: 0,
    expertItemUsd: DEFAULT_EXPERT_ITEM_USD,
  },
  database: null,
  people: {
    leaseMinutes: 30,
    overlap: { human: 1, overlap: 2, max: 5 },
    targetPosterior: 0.9,
    controlRate: 0.1,
    controlFeedback: true,
    liveDecisions: true,
    exam: { size: 10, threshold: 0.7 },
    rules: {
      fastMs: 3000,
      fastCount: 4,
      fastWindow: 10,
      minControls: 10,
      controlAccuracy: 0.6,
      sameLabelRun: 20,
    },
    sessionDays: 14,
    pay: { basis: 'answer', bonus: { controlAccuracyAtLeast: 0.9, minControls: 5, percent: 10 } },
    leaderboard: 'anonymous',
    invitationHours: 72,
    preAnnotate: false,
    machineChecks: {
      disputeBelow: 0.05,
      disputeConfidence: 0.9,
      majorityAbove: 0.95,
      majorityOthers: 2,
      pastedShare: 0.25,
      pastedMinAnswers: 10,
      readingCharsPerSecond: 50,
    },
    skillMatching: 0.3,
  },
  multilabel: { minLabels: 0, maxLabels: null, measure: 'exact' },
  pairwise: { prompt: 'prompt', a: 'a', b: 'b', systemA: null, systemB: null, swap: true },
  rating: { measure: 'exact', withinK: 1 },
  import: { clean: [] },
  dedup: { threshold: 0.8, shingle: 5, unit: 'char', hashes: 128, seed: 1 },
  input: { maxLineMiB: 16, gzipMaxRatio: 100, gzipMinMiB: 64 },
};

/** Texts per request to the embedding model when `labeller.local.embeddings.batchSize` is absent. */
export const DEFAULT_EMBEDDINGS_BATCH_SIZE = 64;

/** The `people` section of `PROJECT_DEFAULTS`. */
export const DEFAULT_PEOPLE_CONFIG: PeopleConfig = PROJECT_DEFAULTS.people;
