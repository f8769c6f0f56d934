import { tokenCost } from '../../core/cost/token-cost.js';
import { buildLabelPrompt } from '../../core/prompt/build-prompt.js';
import type { Store } from '../../core/ports/index.js';
import type { LlmLabellerConfig, ModelPrice, ProjectConfig } from '../../core/project.js';
import type { Item, ItemRole } from '../../core/types.js';
import { checkLlmSettingsForKind } from './llm-kind-settings.js';
import { labelPromptMode, llmVoteSource } from './llm-labeller.js';

export interface EstimateOptions {
  readonly store: Store;
  readonly project: ProjectConfig;
  readonly settings: LlmLabellerConfig;
  readonly demos: readonly Item[];
  readonly roles: readonly ItemRole[];
  readonly limit?: number;
  readonly price?: ModelPrice;
  /** Items whose prompts are measured; the rest are extrapolated. */
  readonly sample?: number;
}

export interface CostEstimate {
  /** The vote source the run would write: items already labelled by it are not counted. */
  readonly source: string;
  /** The LLM's model name. */
  readonly model: string;
  readonly items: number;
  readonly requestsPerItem: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** null when the model has no known price. */
  readonly costUsd: number | null;
  /** How the figures were reached, in a sentence. */
  readonly basis: string;
}

/** Characters per token of English text with GPT-style tokenizers (a common rule of thumb). */
const CHARS_PER_TOKEN = 4;

/**
 * Estimates what `hilo label` would spend, without sending anything: prompt tokens from the
 * prompts of a sample of the items to label (characters / 4), answer tokens from `maxTokens`,
 * times the samples of self-consistency, priced with the project's price table. An upper
 * estimate for answers (the model may stop early) and a fair one for prompts. Items that already
 * have a vote from the run's source (the model and prompt version of these settings and demos)
 * are not counted, as the run would skip them.
 * Complexity: O(sample × prompt length).
 * @example const estimate = await estimateLabelCost({ store, project, settings, demos, roles });
 */
export async function estimateLabelCost(options: EstimateOptions): Promise<CostEstimate> {
  const { store, project, settings, demos } = options;
  checkLlmSettingsForKind(project.kind, settings);
  const source = llmVoteSource({ project, demos, settings });
  // Duplicates (`hilo dedup --apply`) are skipped by the run, so they cost nothing.
  const todo = await store.countItems({
    role: options.roles,
    withoutVoteFrom: source,
    duplicates: false,
  });
  const items = options.limit !== undefined ? Math.min(options.limit, todo) : todo;
  const sample = await store.listItems({
    role: options.roles,
    withoutVoteFrom: source,
    duplicates: false,
    limit: Math.min(items, options.sample ?? 200),
  });
  const mode = labelPromptMode(project, settings);
  let chars = 0;
  for (const item of sample) {
    const prompt = buildLabelPrompt({
      project,
      item,
      demos: demos.filter((d) => d.id !== item.id),
      mode,
    });
    for (const m of prompt.messages) chars += m.content.length;
  }
  const promptTokens = sample.length > 0 ? chars / CHARS_PER_TOKEN / sample.length : 0;
  const selfConsistency = settings.confidence === 'self-consistency';
  // A pairwise judge that swaps asks every item twice, once in each order.
  const swapping = project.kind === 'pairwise' && project.pairwise.swap;
  const requestsPerItem = swapping ? 2 : 1;
  const answersPerItem = (selfConsistency ? settings.samples : 1) * requestsPerItem;
  const tokensIn = Math.round(promptTokens * items * requestsPerItem);
  const tokensOut = Math.round(settings.maxTokens * answersPerItem * items);
  const costUsd = options.price ? tokenCost({ tokensIn, tokensOut }, options.price) : null;
  return {
    source,
    model: settings.model,
    items,
    requestsPerItem,
    tokensIn,
    tokensOut,
    costUsd,
    basis:
      `prompts of ${sample.length} items measured at ${CHARS_PER_TOKEN} characters per token; answers at most ` +
      `${settings.maxTokens} tokens × ${answersPerItem} ${selfConsistency ? 'samples' : answersPerItem === 1 ? 'answer' : 'answers'}` +
      `${swapping ? ' (both orders of the pairwise judge: pairwise.swap)' : ''}; ` +
      `repairs and the logprobs→samples fallback of confidence "auto" are not included`,
  };
}
