/**
 * hilo's own model adapter against a real OpenAI-compatible server (llama.cpp's llama-server
 * with a tiny random-weight model). The labels are meaningless, so these tests check protocol
 * properties only: logprobs, n samples, JSON schema output, errors, concurrency and usage.
 */
import { describe, expect, it } from 'vitest';
import { HiloError } from '../../src/core/errors.js';
import type { ChatChoice, ChatMessage, ChatRequest } from '../../src/core/ports/chat-model.js';
import { createOpenAiCompatibleModel } from '../../src/llm/openai-compatible-model.js';
import { LLAMA_SLOTS, LLAMA_URL, noteSkip } from './llama-server-env.js';

const LABELS = ['positive', 'negative', 'neutral'] as const;

const messages: readonly ChatMessage[] = [
  { role: 'system', content: `Label the sentiment of the text: ${LABELS.join(', ')}.` },
  { role: 'user', content: 'The delivery was late but the food was great.' },
];

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'tiny',
  messages,
  ...extra,
});

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<HiloError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(HiloError);
  return outcome as HiloError;
}

const tokensOf = (choice: ChatChoice): number => choice.logprobs?.length ?? 0;

if (!LLAMA_URL) noteSkip('HILO_LLAMA_URL', 'llama-server adapter tests');

describe.skipIf(!LLAMA_URL)('createOpenAiCompatibleModel against llama-server', () => {
  // A skipped describe still runs its body to collect the tests: give it a URL that parses.
  const baseUrl = LLAMA_URL ?? 'http://127.0.0.1:1';
  // No retries: a real server that fails here must fail the test, not be papered over.
  const model = createOpenAiCompatibleModel({
    baseUrl,
    maxRetries: 0,
    timeoutMs: 20_000,
  });

  it('parses logprobs and top alternatives at the answer position', async () => {
    const answer = await model.complete(request({ maxTokens: 2, temperature: 0, topLogprobs: 5 }));
    expect(answer.cached).toBe(false);
    expect(answer.latencyMs).toBeGreaterThan(0);
    expect(answer.choices).toHaveLength(1);
    const first = answer.choices[0]?.logprobs?.[0];
    expect(first).toBeDefined();
    if (!first) return;
    expect(first.top).toHaveLength(5);
    for (const alt of first.top) {
      expect(alt.logprob).toBeLessThanOrEqual(0);
      expect(typeof alt.token).toBe('string');
    }
    const mass = first.top.reduce((sum, alt) => sum + Math.exp(alt.logprob), 0);
    expect(mass).toBeLessThanOrEqual(1 + 1e-6);
    // Alternatives come sorted, and greedy decoding emits the first of them.
    const sorted = first.top.map((a) => a.logprob).sort((a, b) => b - a);
    expect(first.top.map((a) => a.logprob)).toEqual(sorted);
    expect(first.token).toBe(first.top[0]?.token);
    expect(first.logprob).toBeCloseTo(first.top[0]?.logprob ?? Number.NaN, 5);
  });

  it(`returns n samples up to the server's ${LLAMA_SLOTS} slots, and they differ`, async () => {
    const answer = await model.complete(
      request({ n: LLAMA_SLOTS, maxTokens: 4, temperature: 1.5, topLogprobs: 1, seed: 7 }),
    );
    expect(answer.choices).toHaveLength(LLAMA_SLOTS);
    const sequences = answer.choices.map((c) =>
      (c.logprobs ?? []).map((t) => t.token).join('\u0000'),
    );
    expect(new Set(sequences).size).toBeGreaterThan(1);
  });

  it('surfaces n above the slots as a clear INVALID_INPUT error', async () => {
    const error = await rejection(model.complete(request({ n: LLAMA_SLOTS + 1, maxTokens: 1 })));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^model server answered 400: \S/);
  });

  it('corrects usage to count every choice when n > 1', async () => {
    const answer = await model.complete(
      request({ n: 3, maxTokens: 4, temperature: 1, topLogprobs: 1 }),
    );
    const perChoice = answer.choices.map(tokensOf);
    expect(perChoice.every((n) => n > 0)).toBe(true);
    // The server reports one choice's count; the adapter's is the sum over all three.
    expect(answer.usage.completionTokens).toBe(perChoice.reduce((a, b) => a + b, 0));
    expect(answer.usage.promptTokens).toBeGreaterThan(10);
  });

  it('returns JSON-schema output that parses, or is cut off with finish_reason "length"', async () => {
    const schema = {
      type: 'object',
      properties: { label: { type: 'string', enum: [...LABELS] } },
      required: ['label'],
      additionalProperties: false,
    };
    const answer = await model.complete(
      request({
        n: LLAMA_SLOTS,
        maxTokens: 24,
        temperature: 1,
        jsonSchema: { name: 'label', schema },
      }),
    );
    expect(answer.choices).toHaveLength(LLAMA_SLOTS);
    for (const choice of answer.choices) {
      expect(['stop', 'length']).toContain(choice.finishReason);
      if (choice.finishReason === 'stop') {
        const parsed = JSON.parse(choice.content) as { label?: unknown };
        expect(LABELS).toContain(parsed.label);
      } else {
        // A grammar allows long whitespace runs, so a short budget can end mid-object. (It also
        // allows a ```json fence, which the server strips; a cut inside the fence leaves "".)
        const content = choice.content.trimStart();
        expect(content === '' || content.startsWith('{')).toBe(true);
      }
    }
  });

  it('rejects a prompt over the context size as INVALID_INPUT, naming the cause', async () => {
    const long: ChatMessage[] = [{ role: 'user', content: 'spam '.repeat(5000) }];
    const error = await rejection(model.complete({ model: 'tiny', messages: long, maxTokens: 1 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/context/i);
  });

  it('never sends top_logprobs alone (the server would answer 400)', async () => {
    // topLogprobs implies logprobs: the request succeeds and carries the alternatives.
    const answer = await model.complete(request({ maxTokens: 1, topLogprobs: 2 }));
    expect(answer.choices[0]?.logprobs?.[0]?.top).toHaveLength(2);
    // Without topLogprobs nothing is asked for and nothing comes back.
    const plain = await model.complete(request({ maxTokens: 1 }));
    expect(plain.choices[0]?.logprobs).toBeNull();
  });

  it('serves several requests in flight at once, each answer matching its own request', async () => {
    const parallel = createOpenAiCompatibleModel({ baseUrl, concurrency: 8, maxRetries: 0 });
    // Different budgets make the answers tell their requests apart.
    const budgets = [1, 2, 3, 4, 1, 2, 3, 4];
    const answers = await Promise.all(
      budgets.map((maxTokens, i) =>
        parallel.complete(request({ maxTokens, temperature: 0.8, seed: i, topLogprobs: 1 })),
      ),
    );
    answers.forEach((answer, i) => {
      const choice = answer.choices[0] as ChatChoice;
      const budget = budgets[i] ?? 0;
      expect(answer.choices).toHaveLength(1);
      expect(tokensOf(choice)).toBeGreaterThan(0);
      expect(tokensOf(choice)).toBeLessThanOrEqual(budget);
      if (choice.finishReason === 'length') expect(tokensOf(choice)).toBe(budget);
    });
  });
});
