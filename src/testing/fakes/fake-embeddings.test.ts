import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeEmbeddingVector, fakeEmbeddings } from './fake-embeddings.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './fake-openai-server.js';

const post = (url: string, body: unknown) =>
  fetch(`${url}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the fake server at /v1/embeddings', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());

  it('answers like llama.cpp: indexed entries, usage, base64 on request', async () => {
    const json = (await (await post(server.url, { model: 'm', input: ['a', 'bcde'] })).json()) as {
      data: { index: number; embedding: number[] }[];
      usage: { prompt_tokens: number };
    };
    expect(json.data.map((d) => d.index)).toEqual([0, 1]);
    expect(json.data[1]?.embedding).toEqual(fakeEmbeddingVector('bcde', 8));
    expect(json.usage.prompt_tokens).toBe(2);

    const b64 = (await (
      await post(server.url, { input: 'a', encoding_format: 'base64' })
    ).json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(b64.data[0]?.embedding ?? '', 'base64');
    expect(bytes.readFloatLE(0)).toBe(fakeEmbeddingVector('a', 8)[0]);
    expect(server.embeddingRequestCount).toBe(2);
    expect(server.requestCount).toBe(0);
  });

  it('answers 500 to an unparsable body and 400 without input, and follows its script', async () => {
    expect((await post(server.url, '{"input": [')).status).toBe(500);
    expect((await post(server.url, { model: 'm' })).status).toBe(400);
    server.setEmbeddingBehaviour(() => fakeEmbeddings([[1, 2]], { usage: null }));
    const json = (await (await post(server.url, { input: ['x'] })).json()) as object;
    expect(json).not.toHaveProperty('usage');
  });

  it('gives equal texts equal unit vectors and different texts different ones', () => {
    const a = fakeEmbeddingVector('same', 16);
    expect(fakeEmbeddingVector('same', 16)).toEqual(a);
    expect(fakeEmbeddingVector('other', 16)).not.toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 6);
  });
});
