import type { ChatModel } from '../../core/ports/chat-model.js';
import {
  buildLabelPrompt,
  labelPromptVersion,
  type PromptMode,
} from '../../core/prompt/build-prompt.js';
import type { LlmLabellerConfig, ModelPrice, ProjectConfig } from '../../core/project.js';
import {
  decideItem,
  probabilityRow,
  taskShapeOf,
  type TaskShape,
} from '../../core/task-kind/index.js';
import type { Item } from '../../core/types.js';
import type { LabelOutcome } from './labeller.js';
import { checkLlmSettingsForKind } from './llm-kind-settings.js';
import { HiloError } from '../../core/errors.js';
import {
  newSpend,
  newStats,
  SpentModelError,
  type Job,
  type Judgement,
  type LlmLabelStats,
  type Spend,
} from './llm-job.js';
import { labelSetJudgement } from './llm-label-set.js';
import { viaLogprobs, viaSelfConsistency } from './llm-single-choice.js';
import { combineOrders, mergeStats } from './llm-swap-judge.js';

export interface LabelItemWithLlmOptions {
  readonly model: ChatModel;
  readonly project: ProjectConfig;
  readonly item: Item;
  /** The run's few-shot demos (see `selectDemos`); the item itself is dropped from them. */
  readonly demos: readonly Item[];
  readonly settings: LlmLabellerConfig;
  /** Price of `settings.model`; default `project.prices.models[settings.model]`, else free. */
  readonly price?: ModelPrice;
  /** `llmVoteSource` of these options, when the caller has it already (it hashes the prompt). */
  readonly source?: string;
}

/** A vote about one item (`label` null = abstention, with `abstainReason`), ready to store. */
export interface LlmLabelOutcome extends LabelOutcome {
  readonly itemId: string;
  /** `llm:<model>#<prompt version>`. */
  readonly source: string;
  /** True when every request was answered from the cache. */
  readonly cached: boolean;
  readonly stats: LlmLabelStats;
}

/**
 * The vote source of an LLM labeller: `llm:<model>#<prompt version>`. The version covers the
 * run's demos as given, so every item of a run (a gold item that is itself a demo included) votes
 * under the same source.
 *
 * @example llmVoteSource({ project, demos, settings }) // 'llm:gpt-4o-mini#9b1e0f3a2c4d5e6f'
 * Complexity: O(guidelines + labels + demos).
 */
export function llmVoteSource(
  options: Pick<LabelItemWithLlmOptions, 'project' | 'demos' | 'settings'>,
): string {
  const { project, demos, settings } = options;
  const version = labelPromptVersion({
    project,
    demoIds: demos.map((d) => d.id),
    mode: labelPromptMode(project, settings),
  });
  return `llm:${settings.model}#${version}`;
}

/**
 * Labels one item with a chat model and returns a vote with a probability for every label.
 * - `logprobs` (and `auto` when labels have single-token codes): one request at temperature 0
 *   with top logprobs; the distribution is read at the answer token.
 * - `self-consistency` (and `auto` when the provider sent no logprobs, or no code was among
 *   them): `samples` answers at `temperature`, asked as one request with `n`, topped up with
 *   further requests (each with its own seed, so neither provider nor cache repeats a sample)
 *   when the provider returns fewer choices.
 * An answer naming no valid label (or a chain of thought cut off before `Answer:`) gets ONE
 * repair request listing the valid codes; if that fails too the outcome is an abstention with
 * the reason. Tokens, cost and latency add up every request, the repair included; cached
 * responses cost nothing. Model errors (`MODEL_UNAVAILABLE`, `TIMEOUT`) propagate as
 * `SpentModelError`, carrying what the item cost until then (answers before the failure, tokens
 * billed for unusable answers): the batch runner decides whether to retry or stop, and costs it. `confidence: logprobs` with a provider that sends no
 * logprobs throws `MODEL_OUTPUT`, since every item would fail the same way.
 *
 * Per task kind: a rating reads the scale's levels the same way and decides with `decideItem`
 * (within ±k when that is the measure); a pairwise judge with `pairwise.swap` asks every prompt a
 * second time with the responses swapped, maps that answer back and averages the two
 * distributions (`combineOrders`), so a bias towards either position cancels; a multi-label
 * item gets one yes-probability per label (`labelSetJudgement`). Settings a kind cannot use are
 * refused (`checkLlmSettingsForKind`).
 *
 * @example const outcome = await labelItemWithLlm({ model, project, item, demos, settings });
 * Complexity: one request (logprobs) up to 1 + samples + 1 (fallback, top-ups, repair), twice
 * for a swapping pairwise judge; O(prompt + answer length) work besides.
 */
export async function labelItemWithLlm(options: LabelItemWithLlmOptions): Promise<LlmLabelOutcome> {
  checkLlmSettingsForKind(options.project.kind, options.settings);
  const spend = newSpend();
  try {
    return await labelSpending(options, spend);
  } catch (error) {
    if (!(error instanceof HiloError) || error instanceof SpentModelError) throw error;
    throw new SpentModelError(error, spend);
  }
}

async function labelSpending(
  options: LabelItemWithLlmOptions,
  spend: Spend,
): Promise<LlmLabelOutcome> {
  const { project, item, settings } = options;
  const shape = taskShapeOf(project);
  const ask = async (swapped: boolean): Promise<{ judgement: Judgement; job: Job }> => {
    const mode = { ...labelPromptMode(project, settings), ...(swapped ? { swapped } : {}) };
    const prompt = buildLabelPrompt({
      project,
      item,
      demos: options.demos.filter((demo) => demo.id !== item.id),
      mode,
    });
    const price = options.price ?? project.prices.models[settings.model];
    const job: Job = {
      model: options.model,
      settings,
      mode,
      prompt,
      price,
      spend,
      stats: newStats(),
    };
    return { judgement: await judge(job, shape), job };
  };
  let judgement: Judgement;
  let stats: LlmLabelStats;
  if (project.kind === 'pairwise' && project.pairwise.swap) {
    // One order after the other: `concurrency` counts items in flight, one request each.
    const first = await ask(false);
    const second = await ask(true);
    judgement = combineOrders(first.judgement, second.judgement, shape.labels);
    stats = mergeStats(first.job, second.job);
  } else {
    const only = await ask(false);
    judgement = only.judgement;
    stats = { ...only.job.stats, requests: spend.requests };
  }
  return {
    ...decided(shape, judgement),
    tokensIn: spend.tokensIn,
    tokensOut: spend.tokensOut,
    costUsd: spend.costUsd,
    latencyMs: spend.latencyMs,
    cached: spend.cached,
    itemId: item.id,
    source: options.source ?? llmVoteSource(options),
    stats,
  };
}

/** One prompt's judgement in the kind's terms. */
async function judge(job: Job, shape: TaskShape): Promise<Judgement> {
  if (shape.kind === 'multilabel') return labelSetJudgement(job, shape);
  const { settings, prompt } = job;
  const useLogprobs =
    settings.confidence === 'logprobs' ||
    (settings.confidence === 'auto' && prompt.codes.kind === 'codes');
  return (useLogprobs ? await viaLogprobs(job) : undefined) ?? viaSelfConsistency(job);
}

/**
 * A pairwise or rating judgement's label and confidence as `decideItem` reads its distribution
 * (the combined verdict of both orders; a rating within ±k); classify keeps the model's answer
 * and multi-label has decided its set already.
 */
function decided(shape: TaskShape, judgement: Judgement): Judgement {
  if (shape.kind === 'classify' || shape.kind === 'multilabel') return judgement;
  if (judgement.label === null || judgement.probabilities === null) return judgement;
  const decision = decideItem(shape, probabilityRow(shape, judgement.probabilities));
  return { ...judgement, label: decision.label, confidence: decision.confidence };
}

/**
 * How a project's prompts ask for the answer with these settings (multi-label: yes/no per label,
 * or a stated probability per label with `confidence: verbalized`).
 * @example labelPromptMode(project, settings).chainOfThought // false
 */
export function labelPromptMode(
  project: Pick<ProjectConfig, 'kind'>,
  settings: LlmLabellerConfig,
): PromptMode {
  const base = { chainOfThought: settings.chainOfThought, askVerbalized: settings.askVerbalized };
  if (project.kind !== 'multilabel') return base;
  return { ...base, setAnswer: settings.confidence === 'verbalized' ? 'confidence' : 'yes-no' };
}
