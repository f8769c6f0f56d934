import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './fake-openai-server.js';
import { delayed, fakeAnswer, rateLimited } from './fake-replies.js';

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const messages = [{ role: 'user', content: 'hello' }];

/** The parts of a completion body these tests look at. */
interface Wire {
  readonly choices: {
    readonly message: { readonly content: string };
    readonly logprobs: { readonly content: { readonly token: string; readonly bytes: number[] }[] };
  }[];
  readonly usage: { readonly completion_tokens: number };
}

describe('startFakeOpenAiServer (llama.cpp flavour)', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer({ slots: 4 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.setBehaviour(() => fakeAnswer(' A'));
  });

  it('sends the real server quirks: trimmed content, untrimmed tokens, "" end entry, extras, one-choice usage', async () => {
    const res = await post(server.url, {
      model: 'm',
      messages,
      n: 2,
      logprobs: true,
      top_logprobs: 2,
    });
    const json = (await res.json()) as Wire;
    expect(json.choices[0]?.message.content).toBe('A');
    const tokens = json.choices[0]?.logprobs.content.map((t) => t.token);
    expect(tokens).toEqual([' A', '']);
    expect(json.choices[0]?.logprobs.content[1]?.bytes).toEqual([]);
    expect(json).toHaveProperty('timings');
    expect(json).toHaveProperty('system_fingerprint');
    expect(json.usage.completion_tokens).toBe(2);
  });

  it('answers 400 to top_logprobs without logprobs and to n over the slots, 500 to a broken body', async () => {
    expect((await post(server.url, { model: 'm', messages, top_logprobs: 2 })).status).toBe(400);
    expect((await post(server.url, { model: 'm', messages, n: 5 })).status).toBe(400);
    expect((await post(server.url, '{"model":')).status).toBe(500);
    expect(server.requestCount).toBe(3);
  });

  it('serves health and models, and 404 elsewhere', async () => {
    const origin = server.url.replace(/\/v1$/, '');
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const models = (await (await fetch(`${server.url}/models`)).json()) as Record<string, unknown>;
    expect(models).toHaveProperty('data');
    expect(models).toHaveProperty('models');
    expect((await fetch(`${origin}/nope`)).status).toBe(404);
  });

  it('sends scripted errors with their headers, and holds delayed replies back', async () => {
    server.setBehaviour((_body, i) =>
      i === 0 ? rateLimited({ retryAfter: '3' }) : delayed(fakeAnswer('x'), 120),
    );
    const limited = await post(server.url, { model: 'm', messages });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const started = Date.now();
    expect((await post(server.url, { model: 'm', messages })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('records bodies, counts and the peak of requests in flight', async () => {
    // Hold every answer until all three requests are in, so they overlap whatever the load.
    let release: () => void = () => {};
    const allIn = new Promise<void>((resolve) => (release = resolve));
    server.setBehaviour(async (_body, i) => {
      if (i === 2) release();
      await allIn;
      return fakeAnswer('x');
    });
    await Promise.all([1, 2, 3].map((i) => post(server.url, { model: `m${i}`, messages })));
    expect(server.requests.map((r) => r.model).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(server.maxInFlight).toBe(3);
  });
});

describe('startFakeOpenAiServer (openai flavour)', () => {
  it('counts usage over all choices and sends no end entry', async () => {
    const server = await startFakeOpenAiServer({
      flavour: 'openai',
      respond: () => fakeAnswer(['a b', 'c']),
    });
    try {
      const json = (await (
        await post(server.url, { model: 'm', messages, n: 2, logprobs: true })
      ).json()) as Wire;
      expect(json.usage.completion_tokens).toBe(3);
      expect(json.choices[0]?.logprobs.content.map((t) => t.token)).toEqual(['a', ' b']);
    } finally {
      await server.close();
    }
  });

  it('closes while a delayed reply is pending', async () => {
    const server = await startFakeOpenAiServer({ latencyMs: 10_000 });
    const pending = post(server.url, { model: 'm', messages }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
