/**
 * What a real llama-server sends, checked on the wire (no hilo code involved), so the facts the
 * adapter and its test double rely on are re-checked whenever llama.cpp moves.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  LLAMA_EMBED_URL,
  LLAMA_SLOTS,
  LLAMA_URL,
  TINY_EMBEDDING,
  get,
  noteSkip,
  post,
} from './llama-server-env.js';

const alternative = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
});
const completion = z.object({
  choices: z.array(
    z.object({
      index: z.number(),
      finish_reason: z.string(),
      message: z.object({ content: z.string() }),
      logprobs: z
        .object({ content: z.array(alternative.extend({ top_logprobs: z.array(alternative) })) })
        .nullish(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }),
});
const errorBody = z.object({
  error: z.object({ code: z.number(), message: z.string(), type: z.string() }),
});

const messages = [{ role: 'user', content: 'Is this spam? Answer yes or no.' }];

if (!LLAMA_URL) noteSkip('HILO_LLAMA_URL', 'llama-server protocol tests');

describe.skipIf(!LLAMA_URL)('llama-server on the wire', () => {
  const url = LLAMA_URL ?? '';

  it('is healthy and lists its model', async () => {
    expect((await get(url, '/health')).status).toBe(200);
    const models = await get(url, '/v1/models');
    expect(models.status).toBe(200);
    const list = z
      .object({ data: z.array(z.object({ id: z.string() })).min(1) })
      .parse(models.body);
    expect(list.data[0]?.id).toMatch(/\.gguf$/);
  });

  it('returns logprobs with top alternatives for every generated token', async () => {
    const reply = await post(url, '/v1/chat/completions', {
      model: 'tiny',
      messages,
      max_tokens: 3,
      temperature: 0,
      logprobs: true,
      top_logprobs: 5,
    });
    expect(reply.status).toBe(200);
    const choice = completion.parse(reply.body).choices[0];
    const content = choice?.logprobs?.content ?? [];
    expect(content.length).toBeGreaterThan(0);
    expect(content.length).toBeLessThanOrEqual(3);
    for (const position of content) {
      expect(position.top_logprobs).toHaveLength(5);
      const mass = position.top_logprobs.reduce((sum, alt) => sum + Math.exp(alt.logprob), 0);
      expect(mass).toBeLessThanOrEqual(1 + 1e-6);
      // Greedy decoding picks the most probable token of the raw distribution.
      expect(position.token).toBe(position.top_logprobs[0]?.token);
    }
  });

  it('counts ONE choice in usage.completion_tokens when n > 1', async () => {
    const reply = await post(url, '/v1/chat/completions', {
      model: 'tiny',
      messages,
      n: 3,
      max_tokens: 4,
      temperature: 1,
      logprobs: true,
      top_logprobs: 1,
    });
    expect(reply.status).toBe(200);
    const body = completion.parse(reply.body);
    expect(body.choices).toHaveLength(3);
    const perChoice = body.choices.map((c) => c.logprobs?.content.length ?? 0);
    const sum = perChoice.reduce((a, b) => a + b, 0);
    // OpenAI would report `sum`; llama.cpp reports a single choice's count.
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(Math.max(...perChoice));
    expect(body.usage.completion_tokens).toBeLessThan(sum);
  });

  it(`accepts n up to its ${LLAMA_SLOTS} slots and answers 400 above`, async () => {
    const ok = await post(url, '/v1/chat/completions', { messages, n: LLAMA_SLOTS, max_tokens: 2 });
    expect(ok.status).toBe(200);
    expect(completion.parse(ok.body).choices).toHaveLength(LLAMA_SLOTS);
    const tooMany = await post(url, '/v1/chat/completions', {
      messages,
      n: LLAMA_SLOTS + 1,
      max_tokens: 2,
    });
    expect(tooMany.status).toBe(400);
    expect(errorBody.parse(tooMany.body).error.message.length).toBeGreaterThan(0);
  });

  it('answers 400 exceed_context_size_error for a prompt over the context', async () => {
    const long = 'spam '.repeat(5000); // about 5,000 tokens, over the 4,096 context
    const reply = await post(url, '/v1/chat/completions', {
      messages: [{ role: 'user', content: long }],
      max_tokens: 1,
    });
    expect(reply.status).toBe(400);
    expect(errorBody.parse(reply.body).error.type).toBe('exceed_context_size_error');
  });

  it('answers 400 to top_logprobs without logprobs, 500 to a malformed body, 404 to an unknown path', async () => {
    const top = await post(url, '/v1/chat/completions', {
      messages,
      max_tokens: 1,
      top_logprobs: 3,
    });
    expect(top.status).toBe(400);
    expect((await post(url, '/v1/chat/completions', '{"messages": [')).status).toBe(500);
    expect((await get(url, '/v1/no-such-thing')).status).toBe(404);
  });

  it('on a generation cut inside a UTF-8 character, sends U+FFFD and drops the logprobs', async () => {
    // Token 3 + 0xC3 is the byte <0xC3>, a lead byte: one token cannot complete the character.
    const reply = await post(url, '/v1/chat/completions', {
      messages,
      max_tokens: 1,
      temperature: 0,
      logprobs: true,
      top_logprobs: 2,
      logit_bias: { [3 + 0xc3]: 100 },
    });
    expect(reply.status).toBe(200);
    const choice = completion.parse(reply.body).choices[0];
    expect(choice?.message.content).toBe('\uFFFD');
    expect(choice?.logprobs ?? null).toBeNull();
  });

  it('fails the request (500) when the generation is not UTF-8 at all', async () => {
    // <0xFA> can never start a UTF-8 character; the server's output parser rejects it.
    const reply = await post(url, '/v1/chat/completions', {
      messages,
      max_tokens: 1,
      temperature: 0,
      logit_bias: { [3 + 0xfa]: 100 },
    });
    expect(reply.status).toBe(500);
    expect(errorBody.parse(reply.body).error.message).toMatch(/does not match the expected/);
  });

  it('ignores an unknown model name', async () => {
    const reply = await post(url, '/v1/chat/completions', {
      model: 'no-such-model',
      messages,
      max_tokens: 1,
    });
    expect(reply.status).toBe(200);
  });

  it('has no /v1/embeddings without --embeddings (501)', async () => {
    expect((await post(url, '/v1/embeddings', { input: 'spam' })).status).toBe(501);
  });
});

if (!LLAMA_EMBED_URL) noteSkip('HILO_LLAMA_EMBED_URL', 'llama-server embeddings tests');

describe.skipIf(!LLAMA_EMBED_URL)('llama-server with --embeddings --pooling mean', () => {
  it('returns one finite vector of the model width per input', async () => {
    const reply = await post(LLAMA_EMBED_URL ?? '', '/v1/embeddings', {
      input: ['spam offer', 'hello'],
    });
    expect(reply.status).toBe(200);
    const body = z
      .object({ data: z.array(z.object({ index: z.number(), embedding: z.array(z.number()) })) })
      .parse(reply.body);
    expect(body.data.map((d) => d.index)).toEqual([0, 1]);
    for (const d of body.data) {
      expect(d.embedding).toHaveLength(TINY_EMBEDDING);
      expect(d.embedding.every(Number.isFinite)).toBe(true);
    }
    expect(body.data[0]?.embedding).not.toEqual(body.data[1]?.embedding);
  });
});
