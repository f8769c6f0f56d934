import {
  answerRationale,
  parseAnswer,
  type ParsedAnswer,
} from '../../core/confidence/parse-answer.js';
import { logprobDistribution } from '../../core/confidence/logprob-distribution.js';
import { selfConsistency } from '../../core/confidence/self-consistency.js';
import { toDistribution } from '../../core/confidence/to-distribution.js';
import { parseVerbalizedConfidence } from '../../core/confidence/verbalized.js';
import { tokenCost } from '../../core/cost/token-cost.js';
import { HiloError } from '../../core/errors.js';
import type {
  ChatChoice,
  ChatModel,
  ChatRequest,
  ChatResponse,
} from '../../core/ports/chat-model.js';
import {
  buildLabelPrompt,
  labelPromptVersion,
  repairMessages,
  type LabelPrompt,
  type PromptMode,
} from '../../core/prompt/build-prompt.js';
import type { LlmLabellerConfig, ModelPrice, ProjectConfig } from '../../core/project.js';
import type { Item } from '../../core/types.js';
import type { LabelOutcome } from './labeller.js';

/** Alternatives asked per token position: the most OpenAI allows. */
const TOP_LOGPROBS = 20;

export interface LabelItemWithLlmOptions {
  readonly model: ChatModel;
  readonly project: ProjectConfig;
  readonly item: Item;
  /** The run's few-shot demos (see `selectDemos`); the item itself is dropped from them. */
  readonly demos: readonly Item[];
  readonly settings: LlmLabellerConfig;
  /** Price of `settings.model`; default `project.prices.models[settings.model]`, else free. */
  readonly price?: ModelPrice;
}

/** What happened on the way to the outcome, for run statistics and debugging. */
interface LlmLabelStats {
  readonly requests: number;
  /** A repair request was sent (the first answer named no valid label). */
  readonly repaired: boolean;
  /** Self-consistency samples received, and how many of them named no valid label. */
  readonly samples: number;
  readonly invalidSamples: number;
  /** Why self-consistency replaced logprobs (`confidence: auto`), when it did. */
  readonly fallback: string | null;
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
    mode: modeOf(settings),
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
 * responses cost nothing. Model errors (`MODEL_UNAVAILABLE`, `TIMEOUT`) propagate: the batch
 * runner decides whether to retry or stop. `confidence: logprobs` with a provider that sends no
 * logprobs throws `MODEL_OUTPUT`, since every item would fail the same way.
 *
 * @example const outcome = await labelItemWithLlm({ model, project, item, demos, settings });
 * Complexity: one request (logprobs) up to 1 + samples + 1 (fallback, top-ups, repair);
 * O(prompt + answer length) work besides.
 */
export async function labelItemWithLlm(options: LabelItemWithLlmOptions): Promise<LlmLabelOutcome> {
  const { project, item, settings } = options;
  const mode = modeOf(settings);
  const prompt = buildLabelPrompt({
    project,
    item,
    demos: options.demos.filter((demo) => demo.id !== item.id),
    mode,
  });
  const job: Job = {
    model: options.model,
    settings,
    mode,
    prompt,
    price: options.price ?? project.prices.models[settings.model],
    spend: { requests: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 0, cached: true },
    stats: { repaired: false, samples: 0, invalidSamples: 0, fallback: null },
  };
  const useLogprobs =
    settings.confidence === 'logprobs' ||
    (settings.confidence === 'auto' && prompt.codes.kind === 'codes');
  let result = useLogprobs ? await viaLogprobs(job) : undefined;
  if (result === undefined) result = await viaSelfConsistency(job);
  const { requests, ...spend } = job.spend;
  const stats = { ...job.stats, requests };
  return { ...result, ...spend, itemId: item.id, source: llmVoteSource(options), stats };
}

/** Mutable while one item is labelled. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Job {
  readonly model: ChatModel;
  readonly settings: LlmLabellerConfig;
  readonly mode: PromptMode;
  readonly prompt: LabelPrompt;
  readonly price: ModelPrice | undefined;
  readonly spend: Mutable<
    Pick<LlmLabelOutcome, 'tokensIn' | 'tokensOut' | 'costUsd' | 'latencyMs' | 'cached'>
  > & { requests: number };
  readonly stats: Mutable<Omit<LlmLabelStats, 'requests'>>;
}

/** The judgement part of an outcome; spend and identity are added by `labelItemWithLlm`. */
type Judgement = Pick<
  LabelOutcome,
  'label' | 'probabilities' | 'method' | 'otherMass' | 'verbalized' | 'rationale' | 'abstainReason'
>;

/** Returns undefined when `auto` should fall back to self-consistency. */
async function viaLogprobs(job: Job): Promise<Judgement | undefined> {
  const { settings, mode, prompt } = job;
  const request: ChatRequest = {
    model: settings.model,
    messages: prompt.messages,
    temperature: 0,
    maxTokens: settings.maxTokens,
    topLogprobs: TOP_LOGPROBS,
  };
  const first = firstChoice(await call(job, request));
  if (first.logprobs === null) {
    if (settings.confidence === 'logprobs') {
      throw new HiloError(
        'MODEL_OUTPUT',
        `model "${settings.model}" returned no logprobs; set labeller.llm.confidence to auto or self-consistency`,
      );
    }
    job.stats.fallback = 'the model returned no logprobs';
    return undefined;
  }
  let parsed = parseChoice(first, job, mode.chainOfThought);
  let answer = first;
  let chainOfThought = mode.chainOfThought;
  if (!parsed.ok) {
    const repaired = await repair(job, request, first, parsed.reason);
    if (!repaired.parsed.ok) {
      const reason = unreadable(parsed.reason, repaired.parsed.reason);
      return abstention('logprobs', reason, rationaleOf(first, job));
    }
    parsed = repaired.parsed;
    answer = repaired.choice;
    chainOfThought = false;
  }
  const found = logprobDistribution({
    tokens: answer.logprobs ?? [],
    codes: prompt.codes,
    chainOfThought,
  });
  if (found === null) {
    const reason = 'no label code among the top logprobs at the answer token';
    if (settings.confidence === 'auto') {
      job.stats.fallback = reason;
      return undefined;
    }
    return abstention('logprobs', reason, rationaleOf(first, job));
  }
  return {
    label: parsed.label,
    probabilities: toDistribution(prompt.codes.labels, found.probabilities),
    method: 'logprobs',
    otherMass: found.otherMass,
    verbalized: mode.askVerbalized ? parseVerbalizedConfidence(answer.content) : null,
    rationale: rationaleOf(first, job),
    abstainReason: null,
  };
}

async function viaSelfConsistency(job: Job): Promise<Judgement> {
  const { settings, mode, prompt } = job;
  const wanted = Math.max(1, settings.samples);
  const base: ChatRequest = {
    model: settings.model,
    messages: prompt.messages,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
  };
  const choices: ChatChoice[] = [];
  for (let round = 0; choices.length < wanted && round < wanted; round++) {
    const want = wanted - choices.length;
    const request: ChatRequest = {
      ...base,
      ...(want > 1 ? { n: want } : {}),
      ...(round > 0 ? { seed: round } : {}),
    };
    const response = await call(job, request);
    if (response.choices.length === 0) break;
    choices.push(...response.choices.slice(0, want));
  }
  const parsed = choices.map((choice) => parseChoice(choice, job, mode.chainOfThought));
  job.stats.samples = choices.length;
  job.stats.invalidSamples = parsed.filter((p) => !p.ok).length;
  let answers = parsed.map((p) => (p.ok ? p.index : null));
  const first = choices[0];
  if (first === undefined) return abstention('self-consistency', 'the model returned no answer');
  if (job.stats.invalidSamples === choices.length) {
    const reason = parsed[0]?.ok === false ? parsed[0].reason : 'no valid answer';
    // One repair per item: a failed logprobs attempt may already have used it.
    if (job.stats.repaired) return abstention('self-consistency', `no valid sample: ${reason}`);
    const repaired = await repair(job, { ...base, temperature: 0 }, first, reason);
    if (!repaired.parsed.ok) {
      const why = unreadable(reason, repaired.parsed.reason);
      return abstention('self-consistency', why, rationaleOf(first, job));
    }
    answers = [repaired.parsed.index];
  }
  const shares = selfConsistency({ answers, labelCount: prompt.codes.labels.length });
  if (shares === null) return abstention('self-consistency', 'no valid answer');
  const winner = shares.winner;
  const agreeing = choices.filter((_, i) => {
    const p = parsed[i];
    return p?.ok === true && p.index === winner;
  });
  return {
    label: prompt.codes.labels[winner] as string,
    probabilities: toDistribution(prompt.codes.labels, shares.probabilities),
    method: 'self-consistency',
    otherMass: 0,
    verbalized: mode.askVerbalized ? meanStated(agreeing) : null,
    rationale: agreeing[0] !== undefined ? rationaleOf(agreeing[0], job) : null,
    abstainReason: null,
  };
}

async function repair(
  job: Job,
  request: ChatRequest,
  bad: ChatChoice,
  reason: string,
): Promise<{ parsed: ParsedAnswer; choice: ChatChoice }> {
  job.stats.repaired = true;
  const messages = repairMessages({
    messages: request.messages,
    badAnswer: bad.content,
    reason,
    codes: job.prompt.codes,
  });
  const choice = firstChoice(await call(job, { ...request, messages }));
  return { parsed: parseChoice(choice, job, false), choice };
}

async function call(job: Job, request: ChatRequest): Promise<ChatResponse> {
  const response = await job.model.complete(request);
  const { spend, price } = job;
  spend.requests++;
  spend.tokensIn += response.usage.promptTokens;
  spend.tokensOut += response.usage.completionTokens;
  spend.latencyMs += response.latencyMs;
  spend.cached &&= response.cached;
  if (!response.cached && price !== undefined) {
    const { promptTokens, completionTokens } = response.usage;
    spend.costUsd += tokenCost({ tokensIn: promptTokens, tokensOut: completionTokens }, price);
  }
  return response;
}

function parseChoice(choice: ChatChoice, job: Job, chainOfThought: boolean): ParsedAnswer {
  return parseAnswer(choice.content, job.prompt.codes, {
    chainOfThought,
    truncated: choice.finishReason === 'length',
  });
}

function firstChoice(response: ChatResponse): ChatChoice {
  return response.choices[0] ?? { content: '', finishReason: null, logprobs: null };
}

function rationaleOf(choice: ChatChoice, job: Job): string | null {
  return job.mode.chainOfThought ? answerRationale(choice.content) : null;
}

function meanStated(choices: readonly ChatChoice[]): number | null {
  const stated = choices.map((c) => parseVerbalizedConfidence(c.content)).filter((v) => v !== null);
  return stated.length === 0 ? null : stated.reduce((sum, v) => sum + v, 0) / stated.length;
}

function abstention(
  method: 'logprobs' | 'self-consistency',
  reason: string,
  rationale: string | null = null,
): Judgement {
  const base = { label: null, probabilities: null, otherMass: 0, verbalized: null };
  return { ...base, method, rationale, abstainReason: reason };
}

/** The reason of an abstention after a failed repair. */
function unreadable(first: string, afterRepair: string): string {
  return `invalid answer: ${first}; after repair: ${afterRepair}`;
}

function modeOf(settings: LlmLabellerConfig): PromptMode {
  return { chainOfThought: settings.chainOfThought, askVerbalized: settings.askVerbalized };
}
