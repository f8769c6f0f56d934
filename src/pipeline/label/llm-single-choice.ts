import {
  answerRationale,
  parseAnswer,
  type ParsedAnswer,
} from '../../core/confidence/parse-answer.js';
import { logprobDistribution } from '../../core/confidence/logprob-distribution.js';
import { selfConsistency } from '../../core/confidence/self-consistency.js';
import { toDistribution } from '../../core/confidence/to-distribution.js';
import { parseVerbalizedConfidence } from '../../core/confidence/verbalized.js';
import { HiloError } from '../../core/errors.js';
import type { ChatChoice, ChatRequest } from '../../core/ports/chat-model.js';
import { repairMessages } from '../../core/prompt/build-prompt.js';
import {
  abstention,
  call,
  collectSamples,
  firstChoice,
  TOP_LOGPROBS,
  unreadable,
  type Job,
  type Judgement,
} from './llm-job.js';

/*
 * A single-choice answer (classify, pairwise, rating): one label code, its distribution read
 * from the answer token's logprobs or from samples, with one repair request per prompt.
 */

/** Returns undefined when `auto` should fall back to self-consistency. */
export async function viaLogprobs(job: Job): Promise<Judgement | undefined> {
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

export async function viaSelfConsistency(job: Job): Promise<Judgement> {
  const { settings, mode, prompt } = job;
  const wanted = Math.max(1, settings.samples);
  const base: ChatRequest = {
    model: settings.model,
    messages: prompt.messages,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
  };
  const choices = await collectSamples(job, base, wanted);
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

function parseChoice(choice: ChatChoice, job: Job, chainOfThought: boolean): ParsedAnswer {
  return parseAnswer(choice.content, job.prompt.codes, {
    chainOfThought,
    truncated: choice.finishReason === 'length',
  });
}

function rationaleOf(choice: ChatChoice, job: Job): string | null {
  return job.mode.chainOfThought ? answerRationale(choice.content) : null;
}

function meanStated(choices: readonly ChatChoice[]): number | null {
  const stated = choices.map((c) => parseVerbalizedConfidence(c.content)).filter((v) => v !== null);
  return stated.length === 0 ? null : stated.reduce((sum, v) => sum + v, 0) / stated.length;
}
