import type { ChatModel } from '../core/ports/index.js';
import type { LlmLabellerConfig, ModelPrice, ProjectConfig } from '../core/project.js';
import type { Item } from '../core/types.js';
import type { Labeller } from './labeller.js';
import { labelItemWithLlm, llmVoteSource } from './llm-labeller.js';

export interface LlmBatchLabellerOptions {
  readonly model: ChatModel;
  readonly project: ProjectConfig;
  readonly settings: LlmLabellerConfig;
  /** The run's few-shot demos (gold items), chosen once per run so the prompt version is stable. */
  readonly demos: readonly Item[];
  readonly price?: ModelPrice;
}

/**
 * The LLM as a first-pass labeller: one item per call, `settings.concurrency` calls at once
 * (the HTTP adapter enforces the rate limits). Model errors that survive the adapter's retries
 * stop the run; it resumes where it stopped, and the response cache pays for nothing twice.
 * @example const labeller = createLlmBatchLabeller({ model, project, settings, demos });
 */
export function createLlmBatchLabeller(options: LlmBatchLabellerOptions): Labeller {
  const { model, project, settings, demos, price } = options;
  return {
    source: llmVoteSource({ project, demos, settings }),
    batchSize: 1,
    concurrency: settings.concurrency,
    description: {
      labeller: 'llm',
      model: settings.model,
      fewShot: demos.map((d) => d.id),
      chainOfThought: settings.chainOfThought,
      confidence: settings.confidence,
      samples: settings.samples,
      temperature: settings.temperature,
    },
    label: async (items) =>
      Promise.all(
        items.map((item) =>
          labelItemWithLlm({ model, project, item, demos, settings, ...(price ? { price } : {}) }),
        ),
      ),
  };
}
