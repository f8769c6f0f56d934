import {
  parseLabelSetAnswer,
  type ParsedLabelSet,
} from '../../core/confidence/label-set-answer.js';
import { labelSetLogprobs } from '../../core/confidence/label-set-logprobs.js';
import { labelSetShares } from '../../core/confidence/label-set-samples.js';
import { answerRationale } from '../../core/confidence/parse-answer.js';
import { toDistribution } from '../../core/confidence/to-distribution.js';
import { HiloError } from '../../core/errors.js';
import type { ChatChoice, ChatRequest } from '../../core/ports/chat-model.js';
import { labelSetRepairMessages } from '../../core/prompt/label-set-prompt.js';
import { decideItem, type TaskShape } from '../../core/task-kind/index.js';
import type { ConfidenceMethod } from '../../core/types.js';
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

type SetShape = Extract<TaskShape, { kind: 'multilabel' }>;

/** A stated probability is kept this far from 0 and 1: a log-loss of infinity vetoes a label. */
const STATED_FLOOR = 1e-3;

/**
 * One multi-label item's judgement: a yes-probability per label, and the set `decideItem` reads
 * from them (within `minLabels..maxLabels`) with its probability under the project's measure.
 * - `logprobs` (and `auto`): one yes/no JSON answer at temperature 0 with top logprobs; each
 *   label's P(yes) is read at its value token (`labelSetLogprobs`). `auto` falls back to samples
 *   when the provider sends no logprobs or a label's yes/no is not among them.
 * - `self-consistency`: `samples` yes/no answers; a label's probability is its smoothed share.
 * - `verbalized`: one answer stating a probability per label (kept within [0.001, 0.999]).
 * An unreadable answer gets one repair request naming every label; then the item abstains.
 * @example const judgement = await labelSetJudgement(job, shape);
 * Complexity: 1 request up to 1 + samples + 1; O(answer length + labels) besides.
 */
export async function labelSetJudgement(job: Job, shape: SetShape): Promise<Judgement> {
  const { confidence } = job.settings;
  if (confidence === 'verbalized') return viaStated(job, shape);
  if (confidence === 'self-consistency') return viaSamples(job, shape);
  return (await viaLogprobs(job, shape)) ?? viaSamples(job, shape);
}

async function viaLogprobs(job: Job, shape: SetShape): Promise<Judgement | undefined> {
  const { settings, mode } = job;
  const request = { ...base(job), temperature: 0, topLogprobs: TOP_LOGPROBS };
  const first = firstChoice(await call(job, request));
  if (first.logprobs === null) {
    if (settings.confidence === 'logprobs') {
      throw new HiloError(
        'MODEL_OUTPUT',
        `model "${settings.model}" returned no logprobs; set labeller.llm.confidence to auto, self-consistency or verbalized`,
      );
    }
    job.stats.fallback = 'the model returned no logprobs';
    return undefined;
  }
  const answered = await readOrRepair(job, request, first, mode.chainOfThought);
  if (!answered.ok) return abstention('logprobs', answered.reason, rationaleOf(first, job));
  const read = labelSetLogprobs({
    tokens: answered.choice.logprobs ?? [],
    labels: shape.labels,
    chainOfThought: answered.chainOfThought,
  });
  if (read === null) {
    const reason = 'no yes or no among the top logprobs of every label';
    if (settings.confidence === 'auto') {
      job.stats.fallback = reason;
      return undefined;
    }
    return abstention('logprobs', reason, rationaleOf(first, job));
  }
  return decided(shape, read.probabilities, 'logprobs', read.otherMass, rationaleOf(first, job));
}

async function viaSamples(job: Job, shape: SetShape): Promise<Judgement> {
  const { settings, mode } = job;
  const choices = await collectSamples(job, base(job), Math.max(1, settings.samples));
  const parsed = choices.map((c) => parse(c, shape, mode.chainOfThought));
  job.stats.samples = choices.length;
  job.stats.invalidSamples = parsed.filter((p) => !p.ok).length;
  const first = choices[0];
  if (first === undefined) return abstention('self-consistency', 'the model returned no answer');
  let sets = parsed.map((p) => (p.ok ? p.values : null));
  if (job.stats.invalidSamples === choices.length) {
    const reason = parsed[0]?.ok === false ? parsed[0].reason : 'no valid answer';
    if (job.stats.repaired) return abstention('self-consistency', `no valid sample: ${reason}`);
    const repaired = await readOrRepair(
      job,
      { ...base(job), temperature: 0 },
      first,
      mode.chainOfThought,
      reason,
    );
    if (!repaired.ok)
      return abstention('self-consistency', repaired.reason, rationaleOf(first, job));
    sets = [repaired.values];
  }
  const shares = labelSetShares({ samples: sets, labelCount: shape.labels.length });
  if (shares === null) return abstention('self-consistency', 'no valid answer');
  const rationale = choices.map((c) => rationaleOf(c, job)).find((r) => r !== null) ?? null;
  return decided(shape, shares.probabilities, 'self-consistency', 0, rationale);
}

async function viaStated(job: Job, shape: SetShape): Promise<Judgement> {
  const request = { ...base(job), temperature: 0 };
  const first = firstChoice(await call(job, request));
  const answered = await readOrRepair(job, request, first, job.mode.chainOfThought);
  if (!answered.ok) return abstention('verbalized', answered.reason, rationaleOf(first, job));
  const row = answered.values.map((v) => Math.min(1 - STATED_FLOOR, Math.max(STATED_FLOOR, v)));
  return decided(shape, row, 'verbalized', 0, rationaleOf(first, job));
}

type Answered =
  | {
      readonly ok: true;
      readonly values: Float64Array;
      readonly choice: ChatChoice;
      readonly chainOfThought: boolean;
    }
  | { readonly ok: false; readonly reason: string };

/** The answer's values, or after one repair request (which asks for the JSON alone). */
async function readOrRepair(
  job: Job,
  request: ChatRequest,
  choice: ChatChoice,
  chainOfThought: boolean,
  knownReason?: string,
): Promise<Answered> {
  const shape = job.prompt.codes;
  if (knownReason === undefined) {
    const parsed = parseLabelSetAnswer(choice.content, shape.labels, {
      chainOfThought,
      truncated: choice.finishReason === 'length',
    });
    if (parsed.ok) return { ok: true, values: parsed.values, choice, chainOfThought };
    knownReason = parsed.reason;
  }
  job.stats.repaired = true;
  const messages = labelSetRepairMessages(
    request.messages,
    choice.content,
    knownReason,
    shape.labels,
  );
  const fixed = firstChoice(await call(job, { ...request, messages }));
  const again = parseLabelSetAnswer(fixed.content, shape.labels, {
    chainOfThought: false,
    truncated: fixed.finishReason === 'length',
  });
  if (!again.ok) return { ok: false, reason: unreadable(knownReason, again.reason) };
  return { ok: true, values: again.values, choice: fixed, chainOfThought: false };
}

function decided(
  shape: SetShape,
  row: Float64Array,
  method: ConfidenceMethod,
  otherMass: number,
  rationale: string | null,
): Judgement {
  const decision = decideItem(shape, row);
  return {
    label: decision.label,
    probabilities: toDistribution(shape.labels, row),
    method,
    otherMass,
    verbalized: null,
    rationale,
    abstainReason: null,
    confidence: decision.confidence,
  };
}

function parse(choice: ChatChoice, shape: SetShape, chainOfThought: boolean): ParsedLabelSet {
  return parseLabelSetAnswer(choice.content, shape.labels, {
    chainOfThought,
    truncated: choice.finishReason === 'length',
  });
}

function base(job: Job): ChatRequest {
  const { settings, prompt } = job;
  return {
    model: settings.model,
    messages: prompt.messages,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
  };
}

function rationaleOf(choice: ChatChoice, job: Job): string | null {
  return job.mode.chainOfThought ? answerRationale(choice.content) : null;
}
