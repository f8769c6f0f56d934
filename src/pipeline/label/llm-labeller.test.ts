import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type {
  ChatChoice,
  ChatModel,
  ChatRequest,
  ChatResponse,
  TokenLogprob,
} from '../../core/ports/chat-model.js';
import {
  PROJECT_DEFAULTS,
  type LlmLabellerConfig,
  type ProjectConfig,
} from '../../core/project.js';
import type { Item } from '../../core/types.js';
import { labelItemWithLlm, llmVoteSource, type LabelItemWithLlmOptions } from './llm-labeller.js';

/** A chat model that answers from a script, one step per request, and records the requests. */
class ScriptedModel implements ChatModel {
  readonly requests: ChatRequest[] = [];
  private readonly steps: ((request: ChatRequest) => ChatResponse | Error)[];
  constructor(...steps: ((request: ChatRequest) => ChatResponse | Error)[]) {
    this.steps = steps;
  }
  complete(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    const step = this.steps.shift();
    if (step === undefined) return Promise.reject(new Error('no more scripted answers'));
    const answer = step(request);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

interface ReplyOptions {
  readonly logprobs?: readonly TokenLogprob[] | null;
  readonly finishReason?: string;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly cached?: boolean;
}

function choice(content: string, options: ReplyOptions = {}): ChatChoice {
  return {
    content,
    finishReason: options.finishReason ?? 'stop',
    logprobs: options.logprobs ?? null,
  };
}

function reply(choices: ChatChoice[], options: ReplyOptions = {}): () => ChatResponse {
  return () => ({
    choices,
    usage: {
      promptTokens: options.promptTokens ?? 100,
      completionTokens: options.completionTokens ?? 5 * choices.length,
    },
    cached: options.cached ?? false,
    latencyMs: 40,
  });
}

/** One choice whose answer token has these alternatives (probabilities), then the end token. */
function coded(content: string, top: Record<string, number>, before: string[] = []): ChatChoice {
  const sampled = content.slice(before.join('').length).trimEnd();
  const answer: TokenLogprob = {
    token: sampled,
    logprob: Math.log(top[sampled] ?? 0.5),
    top: Object.entries(top).map(([token, p]) => ({ token, logprob: Math.log(p) })),
  };
  const plain = (token: string): TokenLogprob => ({ token, logprob: -0.01, top: [] });
  return choice(content, { logprobs: [...before.map(plain), answer, plain('')] });
}

const settings: LlmLabellerConfig = {
  model: 'test-model',
  fewShot: 0,
  chainOfThought: false,
  confidence: 'auto',
  samples: 5,
  temperature: 0.8,
  askVerbalized: false,
  maxTokens: 256,
  concurrency: 1,
  requestsPerMinute: 0,
  tokensPerMinute: 0,
  timeoutMs: 30_000,
  maxRetries: 0,
};

const project: ProjectConfig = {
  name: 'sentiment',
  kind: 'classify',
  fields: ['text'],
  labels: [
    { name: 'negative', description: 'unhappy' },
    { name: 'neutral', description: 'neither' },
    { name: 'positive', description: 'happy' },
  ],
  guidelines: 'Judge the writer, not the product.',
  labeller: {
    default: 'llm',
    llm: settings,
    local: PROJECT_DEFAULTS.labeller.local,
  },
  prices: {
    models: { 'test-model': { inputPerMTok: 1, outputPerMTok: 4 } },
    humanHourlyUsd: 20,
    humanItemsPerHour: 60,
    hostingPerHourUsd: 0,
  },
  database: null,
  people: PROJECT_DEFAULTS.people,
};

function item(id: string, text: string, goldLabel: string | null = null): Item {
  return {
    id,
    fields: { text },
    role: goldLabel === null ? 'pool' : 'gold',
    batch: null,
    goldLabel,
  };
}

const target = item('r1', 'It arrived. It works.');

function run(
  model: ChatModel,
  overrides: Partial<LlmLabellerConfig> = {},
  more: Partial<LabelItemWithLlmOptions> = {},
): ReturnType<typeof labelItemWithLlm> {
  return labelItemWithLlm({
    model,
    project,
    item: target,
    demos: [],
    settings: { ...settings, ...overrides },
    ...more,
  });
}

const sum = (d: Record<string, number> | null): number =>
  Object.values(d ?? {}).reduce((s, v) => s + v, 0);

describe('labelItemWithLlm with logprobs', () => {
  it('asks once at temperature 0 with top logprobs and reads the distribution at the code', async () => {
    const model = new ScriptedModel(reply([coded('B', { B: 0.7, A: 0.2, C: 0.05 })]));
    const outcome = await run(model);
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]).toMatchObject({
      model: 'test-model',
      temperature: 0,
      topLogprobs: 20,
    });
    expect(model.requests[0]?.n).toBeUndefined();
    expect(outcome.label).toBe('neutral');
    expect(outcome.method).toBe('logprobs');
    expect(Object.keys(outcome.probabilities ?? {})).toEqual(['negative', 'neutral', 'positive']);
    expect(outcome.probabilities?.neutral).toBeCloseTo(0.7 / 0.95, 5);
    expect(outcome.probabilities?.negative).toBeCloseTo(0.2 / 0.95, 5);
    expect(sum(outcome.probabilities)).toBeCloseTo(1, 12);
    expect(outcome.otherMass).toBeCloseTo(0.05, 9);
    expect(outcome.abstainReason).toBeNull();
    expect(outcome.rationale).toBeNull();
    expect(outcome.verbalized).toBeNull();
    expect(outcome.itemId).toBe('r1');
    expect(outcome.source).toMatch(/^llm:test-model#[0-9a-f]{16}$/);
    expect(outcome.tokensIn).toBe(100);
    expect(outcome.tokensOut).toBe(5);
    expect(outcome.costUsd).toBeCloseTo((100 * 1 + 5 * 4) / 1e6, 15);
    expect(outcome.latencyMs).toBe(40);
    expect(outcome.stats).toEqual({
      requests: 1,
      repaired: false,
      samples: 0,
      invalidSamples: 0,
      fallback: null,
    });
  });

  it('reports mass on tokens a grammar forbids as otherMass', async () => {
    const model = new ScriptedModel(
      reply([coded('C', { I: 0.45, The: 0.3, '{"': 0.15, C: 0.06, ' C': 0.02, A: 0.02 })]),
    );
    const outcome = await run(model, { confidence: 'logprobs' });
    expect(outcome.label).toBe('positive');
    expect(outcome.otherMass).toBeCloseTo(0.9, 9);
    expect(outcome.probabilities?.positive).toBeCloseTo(0.08 / 0.1, 4);
  });

  it('keeps labels with a shared prefix apart through their codes', async () => {
    // "negative" and "neutral" both start with "ne"; their codes A and B are separate tokens.
    const model = new ScriptedModel(reply([coded(' A', { ' A': 0.55, ' B': 0.4, ' ne': 0.05 })]));
    const outcome = await run(model);
    expect(outcome.label).toBe('negative');
    expect(outcome.probabilities?.negative).toBeCloseTo(0.55 / 0.95, 5);
    expect(outcome.probabilities?.neutral).toBeCloseTo(0.4 / 0.95, 5);
  });

  it('reads chain of thought after the last Answer:, with rationale and stated confidence', async () => {
    const content = 'The writer only states facts.\nAnswer: B\nConfidence: 80';
    const before = ['The', ' writer', ' only', ' states', ' facts', '.\n', 'Answer', ':'];
    const answer = coded(
      'The writer only states facts.\nAnswer: B',
      { ' B': 0.9, ' C': 0.1 },
      before,
    );
    const tail = ['\n', 'Confidence', ':', ' 80'].map((token) => ({
      token,
      logprob: -0.01,
      top: [],
    }));
    const model = new ScriptedModel(
      reply([{ ...answer, content, logprobs: [...(answer.logprobs ?? []).slice(0, -1), ...tail] }]),
    );
    const outcome = await run(model, { chainOfThought: true, askVerbalized: true });
    expect(outcome.label).toBe('neutral');
    expect(outcome.probabilities?.neutral).toBeCloseTo(0.9, 5);
    expect(outcome.rationale).toBe('The writer only states facts.');
    expect(outcome.verbalized).toBe(0.8);
  });

  it('repairs an answer that names no label, once, and sums the spend of both requests', async () => {
    const model = new ScriptedModel(
      reply([coded('Mixed', { Mixed: 0.6, B: 0.3 })]),
      reply([coded('B', { B: 0.8, A: 0.1, C: 0.1 })], { promptTokens: 120, completionTokens: 1 }),
    );
    const outcome = await run(model);
    expect(model.requests).toHaveLength(2);
    const messages = model.requests[1]?.messages ?? [];
    expect(messages.at(-2)).toEqual({ role: 'assistant', content: 'Mixed' });
    expect(messages.at(-1)?.content).toContain('"Mixed" is not a label code or name');
    expect(messages.at(-1)?.content).toContain('A, B, C');
    expect(model.requests[1]?.topLogprobs).toBe(20);
    expect(outcome.label).toBe('neutral');
    expect(outcome.probabilities?.neutral).toBeCloseTo(0.8, 5);
    expect(outcome.tokensIn).toBe(220);
    expect(outcome.tokensOut).toBe(6);
    expect(outcome.latencyMs).toBe(80);
    expect(outcome.stats.repaired).toBe(true);
    expect(outcome.stats.requests).toBe(2);
  });

  it('abstains with the reasons when the repair fails too', async () => {
    const model = new ScriptedModel(
      reply([coded('Mixed', { Mixed: 0.6 })]),
      reply([coded('D', { D: 0.9 })]),
    );
    const outcome = await run(model);
    expect(model.requests).toHaveLength(2);
    expect(outcome.label).toBeNull();
    expect(outcome.probabilities).toBeNull();
    expect(outcome.abstainReason).toBe(
      'invalid answer: "Mixed" is not a label code or name; after repair: "D" is not a label code or name',
    );
    expect(outcome.tokensIn).toBe(200);
    expect(outcome.costUsd).toBeGreaterThan(0);
  });

  it('repairs a chain of thought cut off before its Answer line', async () => {
    const truncated = choice('The writer seems to', {
      finishReason: 'length',
      logprobs: [{ token: 'The', logprob: -0.1, top: [] }],
    });
    const model = new ScriptedModel(reply([truncated]), reply([coded('C', { C: 0.6, B: 0.4 })]));
    const outcome = await run(model, { chainOfThought: true });
    expect(model.requests[1]?.messages.at(-1)?.content).toContain(
      'no "Answer:" line (cut off by the token limit)',
    );
    expect(outcome.label).toBe('positive');
    expect(outcome.probabilities?.positive).toBeCloseTo(0.6, 5);
    expect(outcome.rationale).toBe('The writer seems to');
  });

  it('falls back to self-consistency when the provider sends no logprobs (auto)', async () => {
    const samples = ['B', 'B', 'C', 'B', 'B'].map((c) => choice(c));
    const model = new ScriptedModel(reply([choice('B')]), reply(samples));
    const outcome = await run(model);
    expect(model.requests).toHaveLength(2);
    expect(model.requests[1]).toMatchObject({ n: 5, temperature: 0.8 });
    expect(model.requests[1]?.topLogprobs).toBeUndefined();
    expect(outcome.method).toBe('self-consistency');
    expect(outcome.label).toBe('neutral');
    expect(outcome.stats.fallback).toBe('the model returned no logprobs');
    expect(outcome.tokensOut).toBe(5 + 25);
  });

  it('falls back when no code is among the logprobs at the answer (auto)', async () => {
    const model = new ScriptedModel(
      reply([coded('neutral', { neutral: 0.9, ne: 0.1 })]),
      reply(['B', 'B', 'B', 'A', 'B'].map((c) => choice(c))),
    );
    const outcome = await run(model);
    expect(outcome.method).toBe('self-consistency');
    expect(outcome.stats.fallback).toMatch(/no label code among the top logprobs/);
  });

  it('spends at most one repair per item, across the fallback too', async () => {
    const model = new ScriptedModel(
      reply([coded('Mixed', { Mixed: 0.9 })]),
      reply([coded('neutral', { neutral: 0.9 })]),
      reply([choice('hmm'), choice('dunno')]),
    );
    const outcome = await run(model, { samples: 2 });
    expect(model.requests).toHaveLength(3);
    expect(outcome.label).toBeNull();
    expect(outcome.method).toBe('self-consistency');
    expect(outcome.abstainReason).toBe('no valid sample: "hmm" is not a label code or name');
    expect(outcome.stats).toMatchObject({ requests: 3, repaired: true, invalidSamples: 2 });
  });

  it('refuses to guess when logprobs are required but missing, or hold no code', async () => {
    const none = new ScriptedModel(reply([choice('B')]));
    await expect(run(none, { confidence: 'logprobs' })).rejects.toMatchObject({
      code: 'MODEL_OUTPUT',
    });
    const noCode = new ScriptedModel(reply([coded('neutral', { neutral: 0.9 })]));
    const outcome = await run(noCode, { confidence: 'logprobs' });
    expect(outcome.label).toBeNull();
    expect(outcome.abstainReason).toMatch(/no label code among the top logprobs/);
  });
});

describe('labelItemWithLlm with self-consistency', () => {
  it('asks for n samples in one request and gives smoothed vote shares', async () => {
    const samples = ['B', 'Answer: B', 'C', 'nonsense', 'B'].map((c) => choice(c));
    const model = new ScriptedModel(reply(samples));
    const outcome = await run(model, { confidence: 'self-consistency' });
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]).toMatchObject({ n: 5, temperature: 0.8 });
    expect(outcome.method).toBe('self-consistency');
    expect(outcome.label).toBe('neutral');
    const alpha = 1 / 3;
    expect(outcome.probabilities?.neutral).toBeCloseTo((3 + alpha) / (4 + 1), 12);
    expect(outcome.probabilities?.positive).toBeCloseTo((1 + alpha) / 5, 12);
    expect(outcome.probabilities?.negative).toBeCloseTo(alpha / 5, 12);
    expect(outcome.otherMass).toBe(0);
    expect(outcome.stats).toMatchObject({ samples: 5, invalidSamples: 1, repaired: false });
  });

  it('tops up with seeded requests when the provider returns fewer choices than n', async () => {
    const model = new ScriptedModel(
      reply([choice('A')]),
      reply([choice('A'), choice('C')]),
      reply([choice('A')]),
      reply([choice('B')]),
    );
    const outcome = await run(model, { confidence: 'self-consistency' });
    expect(model.requests.map((r) => [r.n, r.seed])).toEqual([
      [5, undefined],
      [4, 1],
      [2, 2],
      [undefined, 3],
    ]);
    expect(outcome.label).toBe('negative');
    expect(outcome.stats.samples).toBe(5);
    expect(outcome.tokensOut).toBe(25);
  });

  it('averages the stated confidence of the samples that agree with the label', async () => {
    const samples = ['A\nConfidence: 90', 'A\nConfidence: 70', 'B\nConfidence: 99'].map((c) =>
      choice(c),
    );
    const model = new ScriptedModel(reply(samples));
    const outcome = await run(model, {
      confidence: 'self-consistency',
      samples: 3,
      askVerbalized: true,
    });
    expect(outcome.label).toBe('negative');
    expect(outcome.verbalized).toBeCloseTo(0.8, 12);
  });

  it('repairs once when no sample is valid, and abstains when that fails', async () => {
    const bad = ['hmm', 'unsure'].map((c) => choice(c));
    const fixed = new ScriptedModel(reply(bad), reply([choice('C')]));
    const outcome = await run(fixed, { confidence: 'self-consistency', samples: 2 });
    expect(fixed.requests[1]?.temperature).toBe(0);
    expect(fixed.requests[1]?.messages.at(-2)).toEqual({ role: 'assistant', content: 'hmm' });
    expect(outcome.label).toBe('positive');
    expect(outcome.stats).toMatchObject({ repaired: true, invalidSamples: 2 });

    const broken = new ScriptedModel(reply(bad), reply([choice('still unsure')]));
    const abstained = await run(broken, { confidence: 'self-consistency', samples: 2 });
    expect(abstained.label).toBeNull();
    expect(abstained.method).toBe('self-consistency');
    expect(abstained.abstainReason).toMatch(
      /^invalid answer: "hmm" is not .*after repair: "still unsure" is not/,
    );
  });

  it('uses self-consistency directly for label names under auto', async () => {
    const many: ProjectConfig = {
      ...project,
      labels: Array.from({ length: 70 }, (_, i) => ({ name: `intent_${i}`, description: '' })),
    };
    const model = new ScriptedModel(
      reply(['intent_3', 'intent_3', 'intent_9'].map((c) => choice(c))),
    );
    const outcome = await run(model, { samples: 3 }, { project: many });
    expect(model.requests[0]?.topLogprobs).toBeUndefined();
    expect(outcome.label).toBe('intent_3');
    expect(Object.keys(outcome.probabilities ?? {})).toHaveLength(70);
  });
});

describe('labelItemWithLlm bookkeeping', () => {
  it('never shows an item as its own demo, under a source that ignores this', async () => {
    const demos = [item('g1', 'I love it', 'positive'), item('g2', 'It broke', 'negative')];
    const model = new ScriptedModel(
      reply([coded('C', { C: 0.9, A: 0.1 })]),
      reply([coded('A', { A: 0.9, C: 0.1 })]),
    );
    const asGold = await labelItemWithLlm({
      model,
      project,
      item: demos[0] as Item,
      demos,
      settings,
    });
    const asPool = await labelItemWithLlm({ model, project, item: target, demos, settings });
    const contents = (i: number): string[] =>
      (model.requests[i]?.messages ?? []).map((m) => m.content);
    expect(contents(0)).toEqual([expect.any(String), 'text: It broke', 'A', 'text: I love it']);
    expect(contents(1)).toHaveLength(6);
    expect(asGold.source).toBe(asPool.source);
    expect(asGold.source).toBe(llmVoteSource({ project, demos, settings }));
    expect(asGold.source).not.toBe(llmVoteSource({ project, demos: [], settings }));
  });

  it('charges nothing for cached responses and uses an explicit price when given', async () => {
    const cached = new ScriptedModel(reply([coded('B', { B: 0.9 })], { cached: true }));
    const free = await run(cached);
    expect(free.costUsd).toBe(0);
    expect(free.cached).toBe(true);
    expect(free.tokensIn).toBe(100);
    const priced = new ScriptedModel(reply([coded('B', { B: 0.9 })]));
    const outcome = await run(priced, {}, { price: { inputPerMTok: 10, outputPerMTok: 0 } });
    expect(outcome.costUsd).toBeCloseTo((100 * 10) / 1e6, 15);
    expect(outcome.cached).toBe(false);
  });

  it('lets model errors through for the batch runner to handle', async () => {
    const down = new ScriptedModel(() => new HiloError('MODEL_UNAVAILABLE', 'connection refused'));
    await expect(run(down)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
