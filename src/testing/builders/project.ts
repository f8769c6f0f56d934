import {
  PROJECT_DEFAULTS,
  type LabelDef,
  type LlmLabellerConfig,
  type LocalLabellerConfig,
  type ProjectConfig,
} from '../../core/project.js';

/** What a test may change in {@link project}: labels by name, labeller settings in part. */
export interface ProjectOverrides extends Partial<Omit<ProjectConfig, 'labels' | 'labeller'>> {
  /** Names (with empty descriptions) or full definitions; default spam, ham. */
  readonly labels?: readonly (string | LabelDef)[];
  readonly labeller?: {
    readonly default?: 'local' | 'llm';
    readonly leaseSeconds?: number;
    readonly llm?: Partial<LlmLabellerConfig>;
    readonly local?: Partial<LocalLabellerConfig>;
  };
}

/**
 * A spam/ham classification project over the field `text`: an LLM labeller `m` (zero-shot,
 * logprobs, one request at a time, no retries), a small local model, people at $15/h doing 60
 * items/h, SQLite.
 * @example project({ labels: ['fruit', 'cars'], labeller: { default: 'local', local: { epochs: 20 } } })
 * Complexity: O(labels).
 */
export function project(over: ProjectOverrides = {}): ProjectConfig {
  const { labels = ['spam', 'ham'], labeller = {}, ...rest } = over;
  return {
    name: 'test',
    kind: 'classify',
    fields: ['text'],
    guidelines: '',
    prices: { models: {}, humanHourlyUsd: 15, humanItemsPerHour: 60, hostingPerHourUsd: 0 },
    database: null,
    people: PROJECT_DEFAULTS.people,
    multilabel: PROJECT_DEFAULTS.multilabel,
    pairwise: PROJECT_DEFAULTS.pairwise,
    rating: PROJECT_DEFAULTS.rating,
    import: PROJECT_DEFAULTS.import,
    dedup: PROJECT_DEFAULTS.dedup,
    input: PROJECT_DEFAULTS.input,
    ...rest,
    labels: labels.map((l) => (typeof l === 'string' ? { name: l, description: '' } : l)),
    labeller: {
      default: labeller.default ?? 'llm',
      leaseSeconds: labeller.leaseSeconds ?? PROJECT_DEFAULTS.labeller.leaseSeconds,
      llm: {
        model: 'm',
        fewShot: 0,
        chainOfThought: false,
        confidence: 'logprobs',
        samples: 5,
        temperature: 0.7,
        askVerbalized: false,
        maxTokens: 16,
        concurrency: 1,
        requestsPerMinute: 0,
        tokensPerMinute: 0,
        timeoutMs: 1000,
        maxRetries: 0,
        ...labeller.llm,
      },
      local: {
        ...PROJECT_DEFAULTS.labeller.local,
        features: 1024,
        wordNgrams: 2,
        charNgrams: [3, 5],
        l2: 1e-4,
        epochs: 5,
        seed: 1,
        ...labeller.local,
      },
    },
  };
}
