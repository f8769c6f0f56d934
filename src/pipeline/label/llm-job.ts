import { billedUsage } from '../../core/cost/billed-model-error.js';
import { tokenCost } from '../../core/cost/token-cost.js';
import { HiloError } from '../../core/errors.js';
import type {
  ChatChoice,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatUsage,
} from '../../core/ports/chat-model.js';
import type { LabelPrompt, PromptMode } from '../../core/prompt/build-prompt.js';
import type { LlmLabellerConfig, ModelPrice } from '../../core/project.js';
import type { LabelOutcome } from './labeller.js';

/** What happened on the way to the outcome, for run statistics and debugging. */
export interface LlmLabelStats {
  readonly requests: number;
  /** A repair request was sent (the first answer named no valid label). */
  readonly repaired: boolean;
  /** Self-consistency samples received, and how many of them named no valid label. */
  readonly samples: number;
  readonly invalidSamples: number;
  /** Why self-consistency replaced logprobs (`confidence: auto`), when it did. */
  readonly fallback: string | null;
}

/** Mutable while one item is labelled. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The spend of one item, added up over every request (both orders of a pairwise judge). */
export type Spend = Mutable<
  Pick<LabelOutcome, 'tokensIn' | 'tokensOut' | 'costUsd' | 'latencyMs'>
> & { requests: number; cached: boolean };

/** One prompt being answered: the model, the settings, and what it has cost so far. */
export interface Job {
  readonly model: ChatModel;
  readonly settings: LlmLabellerConfig;
  readonly mode: PromptMode;
  readonly prompt: LabelPrompt;
  readonly price: ModelPrice | undefined;
  readonly spend: Spend;
  readonly stats: Mutable<Omit<LlmLabelStats, 'requests'>>;
}

/** The judgement part of an outcome; spend and identity are added by `labelItemWithLlm`. */
export type Judgement = Pick<
  LabelOutcome,
  | 'label'
  | 'probabilities'
  | 'method'
  | 'otherMass'
  | 'verbalized'
  | 'rationale'
  | 'abstainReason'
  | 'confidence'
  | 'orders'
>;

/** Alternatives asked per token position: the most OpenAI allows. */
export const TOP_LOGPROBS = 20;

/** A fresh spend: nothing asked yet. */
export function newSpend(): Spend {
  return { requests: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 0, cached: true };
}

/** Fresh statistics of one prompt. */
export function newStats(): Job['stats'] {
  return { repaired: false, samples: 0, invalidSamples: 0, fallback: null };
}

/**
 * Sends one request and adds its tokens, latency and (uncached) cost to the job's spend. A call
 * that fails after the provider billed unusable answers (`BilledModelError`) adds those tokens
 * and their cost before the error goes on.
 * @example const response = await call(job, request);
 */
export async function call(job: Job, request: ChatRequest): Promise<ChatResponse> {
  let response: ChatResponse;
  try {
    response = await job.model.complete(request);
  } catch (error) {
    const billed = billedUsage(error);
    if (billed !== null) addSpend(job, billed, { cached: false, latencyMs: 0 });
    throw error;
  }
  addSpend(job, response.usage, response);
  return response;
}

function addSpend(
  job: Job,
  usage: ChatUsage,
  response: Pick<ChatResponse, 'cached' | 'latencyMs'>,
): void {
  const { spend, price } = job;
  spend.requests++;
  spend.tokensIn += usage.promptTokens;
  spend.tokensOut += usage.completionTokens;
  spend.latencyMs += response.latencyMs;
  spend.cached &&= response.cached;
  if (!response.cached && price !== undefined) {
    const { promptTokens, completionTokens } = usage;
    spend.costUsd += tokenCost({ tokensIn: promptTokens, tokensOut: completionTokens }, price);
  }
}

/**
 * A model error on one item, with what the item had cost when it failed (requests answered
 * before it, and tokens billed for unusable answers), so the run still counts that spend.
 * @example throw new SpentModelError(error, spend)
 */
export class SpentModelError extends HiloError {
  readonly spend: Readonly<Spend>;
  constructor(error: HiloError, spend: Spend) {
    super(error.code, error.message, undefined, { cause: error });
    this.name = 'SpentModelError';
    this.spend = { ...spend };
  }
}

/** The first choice, or an empty one when the provider sent none. */
export function firstChoice(response: ChatResponse): ChatChoice {
  return response.choices[0] ?? { content: '', finishReason: null, logprobs: null };
}

/** An abstention with its reason. */
export function abstention(
  method: LabelOutcome['method'],
  reason: string,
  rationale: string | null = null,
): Judgement {
  const base = { label: null, probabilities: null, otherMass: 0, verbalized: null };
  return { ...base, method, rationale, abstainReason: reason };
}

/** The reason of an abstention after a failed repair. */
export function unreadable(first: string, afterRepair: string): string {
  return `invalid answer: ${first}; after repair: ${afterRepair}`;
}

/**
 * `wanted` sampled answers: one request with `n`, topped up with further requests (each with its
 * own seed, so neither provider nor cache repeats a sample) when the provider returns fewer.
 * @example const choices = await collectSamples(job, { model, messages, temperature: 0.7 }, 5);
 */
export async function collectSamples(
  job: Job,
  base: ChatRequest,
  wanted: number,
): Promise<ChatChoice[]> {
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
  return choices;
}
