import type { TaskKind } from './types.js';

/** One label of the project's label set. */
export interface LabelDef {
  readonly name: string;
  readonly description: string;
}

export type ConfidenceSetting = 'logprobs' | 'self-consistency' | 'auto';

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

/** Settings of the local (TF-IDF + logistic regression) labeller. */
export interface LocalLabellerConfig {
  readonly features: number;
  readonly wordNgrams: number;
  readonly charNgrams: readonly [number, number];
  readonly l2: number;
  readonly epochs: number;
  readonly seed: number;
}

/** Price of one model, USD per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

export interface Prices {
  readonly models: Readonly<Record<string, ModelPrice>>;
  readonly humanHourlyUsd: number;
  readonly humanItemsPerHour: number;
  readonly hostingPerHourUsd: number;
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
    readonly llm: LlmLabellerConfig;
    readonly local: LocalLabellerConfig;
  };
  readonly prices: Prices;
  /** PostgreSQL URL; when absent the store is `<project>/hilo.db`. */
  readonly database: string | null;
}
