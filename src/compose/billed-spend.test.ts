import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCost } from '../core/cost/token-cost.js';
import type { ChatModel } from '../core/ports/chat-model.js';
import type { LlmLabellerConfig, ProjectConfig } from '../core/project.js';
import { createOpenAiCompatibleModel } from '../llm/openai-compatible-model.js';
import { createLlmBatchLabeller, labelItems } from '../pipeline/label/index.js';
import { item, project as aProject } from '../testing/builders/index.js';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';
import { fakeAnswer, fakeToken, type FakeReply } from '../testing/fakes/fake-replies.js';
import { memoryResponseCache } from '../testing/fakes/memory-response-cache.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { virtualTime } from '../testing/fakes/virtual-time.js';

const price = { inputPerMTok: 2.5, outputPerMTok: 10 };
const usage = (prompt: number, completion: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
});
/** An HTTP 200 with a body as given (one the adapter or the labeller cannot use). */
const unusable = (body: Record<string, unknown>): FakeReply => ({
  type: 'raw',
  status: 200,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});
const answer = (code: string, tokens: ReturnType<typeof usage>): FakeReply =>
  fakeAnswer([{ text: code, tokens: [fakeToken(code, { [code]: 0.9 })] }], { usage: tokens });

/**
 * What the provider answers about each item, attempt by attempt (retries and repairs included):
 * every body but the one that is not JSON carries a usage, and every usage is billed.
 */
const script: Record<string, readonly FakeReply[]> = {
  // Usable at once.
  plain: [answer('A', usage(40, 1))],
  // No choices, then a malformed choice, then an answer: retried by the adapter.
  'no choices': [
    unusable({ choices: [], usage: usage(41, 3) }),
    unusable({ choices: [{ index: 0 }], usage: usage(41, 2) }),
    answer('B', usage(41, 1)),
  ],
  // Not JSON at all: it says no usage, so nothing is known to cost; then an answer.
  'not json': [{ type: 'raw', status: 200, body: '{"choices": [' }, answer('A', usage(42, 1))],
  // A label not in the set, then a repaired answer.
  'off label': [answer('Q', usage(43, 1)), answer('B', usage(60, 1))],
  // A refusal, and a refusal again after the repair: an abstention.
  refusal: [
    fakeAnswer("I can't help with that.", { usage: usage(44, 7) }),
    fakeAnswer('I still cannot.', { usage: usage(61, 4) }),
  ],
  // Unusable on every attempt: the retries run out and the item abstains with a model error.
  'never usable': [
    unusable({ choices: [], usage: usage(45, 5) }),
    unusable({ choices: [], usage: usage(45, 6) }),
    unusable({ choices: [], usage: usage(45, 2) }),
  ],
  // An answer without the logprobs asked for (`confidence: logprobs`): MODEL_OUTPUT.
  'no logprobs': [
    unusable({
      choices: [{ index: 0, message: { content: 'A' }, finish_reason: 'stop' }],
      usage: usage(46, 1),
    }),
  ],
};

describe('every billed response is costed', () => {
  let server: FakeOpenAiServer;
  const billed = { tokensIn: 0, tokensOut: 0 };
  beforeAll(async () => {
    const attempts = new Map<string, number>();
    server = await startFakeOpenAiServer({
      flavour: 'openai',
      respond: (body) => {
        const text = body.messages.map((m) => m.content).join('\n');
        const key = Object.keys(script).find((k) => text.includes(`<<${k}>>`));
        if (key === undefined) throw new Error(`no script for ${text}`);
        const n = attempts.get(key) ?? 0;
        attempts.set(key, n + 1);
        const reply = script[key]![Math.min(n, script[key]!.length - 1)]!;
        const sent =
          reply.type === 'completion'
            ? reply.usage
            : reply.type === 'raw' && reply.body.startsWith('{"choices": [')
              ? null
              : reply.type === 'raw'
                ? (JSON.parse(reply.body) as { usage: ReturnType<typeof usage> }).usage
                : null;
        if (sent) {
          billed.tokensIn += sent.prompt_tokens;
          billed.tokensOut += sent.completion_tokens;
        }
        return reply;
      },
    });
  });
  afterAll(() => server.close());

  const project: ProjectConfig = aProject({
    prices: { ...aProject().prices, models: { m: price } },
  });
  const settings: LlmLabellerConfig = {
    ...project.labeller.llm,
    model: 'm',
    confidence: 'logprobs',
    maxTokens: 4,
    concurrency: 1,
  };
  const items = Object.keys(script).map((key, i) =>
    item(`i${i}`, { fields: { text: `<<${key}>>` } }),
  );
  const label = async (model: ChatModel) => {
    const store = new MemoryStore();
    await store.upsertItems(items);
    const labeller = createLlmBatchLabeller({ model, project, settings, demos: [], price });
    const report = await labelItems({ store, labeller, clock: virtualTime().clock });
    return { report, run: await store.getRun(report.runId), store };
  };

  it('adds up the usage of unusable, retried, repaired and abstained answers, and costs a cached one once', async () => {
    const time = virtualTime();
    const cache = memoryResponseCache();
    const model = createOpenAiCompatibleModel({
      baseUrl: server.url,
      maxRetries: 2,
      sleep: time.sleep,
      clock: time.clock,
      cache,
    });
    const { report, run, store } = await label(model);
    // Per item: what every vote says it cost adds up to what the provider billed for it.
    const votes = await store.listVotes({});
    expect(votes.map((v) => [v.itemId, v.label, v.tokensIn, v.tokensOut])).toEqual([
      ['i0', 'spam', 40, 1],
      ['i1', 'ham', 41 * 3, 3 + 2 + 1],
      ['i2', 'spam', 42, 1],
      ['i3', 'ham', 43 + 60, 1 + 1],
      ['i4', null, 44 + 61, 7 + 4],
      ['i5', null, 45 * 3, 5 + 6 + 2],
      ['i6', null, 46, 1],
    ]);
    expect(votes[5]?.abstainReason).toMatch(/^model error: .*no "choices".*after 3 attempts/);
    expect(votes[6]?.abstainReason).toMatch(/^model error: .*returned no logprobs/);
    expect(report.labelled).toBe(4);
    expect(report.abstained).toBe(3);
    expect(billed).toEqual({ tokensIn: 594, tokensOut: 35 });
    expect({ tokensIn: run?.tokensIn, tokensOut: run?.tokensOut }).toEqual(billed);
    expect(run?.costUsd).toBeCloseTo(tokenCost(billed, price), 15);
    expect(report.costUsd).toBeCloseTo(tokenCost(billed, price), 15);

    // The same requests again (a resumed run): answered by the cache, paid for once already.
    // Only the call that failed in the end was not cached: it is sent, and paid, again.
    const requests = server.requestCount;
    const before = { ...billed };
    const again = await label(model);
    expect(server.requestCount - requests).toBe(3);
    const resent = {
      tokensIn: billed.tokensIn - before.tokensIn,
      tokensOut: billed.tokensOut - before.tokensOut,
    };
    expect(resent).toEqual({ tokensIn: 45 * 3, tokensOut: 2 * 3 });
    expect(again.run?.costUsd).toBeCloseTo(tokenCost(resent, price), 15);
    expect(again.run?.tokensIn).toBe(594);
  });
});
