import { afterEach, describe, expect, it } from 'vitest';
import { withResponseCache } from '../llm/cached-model.js';
import { createOpenAiCompatibleModel } from '../llm/openai-compatible-model.js';
import { createLlmBatchLabeller, labelItems } from '../pipeline/label/index.js';
import { item as anItem, project as aProject } from '../testing/builders/index.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';
import { memoryResponseCache } from '../testing/fakes/memory-response-cache.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';

const clock = { now: () => Date.UTC(2026, 11, 7) };

describe('the LLM first pass over the OpenAI-compatible adapter', () => {
  let server: FakeOpenAiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps more items in progress than requests, and never more than `concurrency` requests in flight', async () => {
    server = await startFakeOpenAiServer({ latencyMs: 50, recordBodies: false });
    const project = aProject({
      labeller: { llm: { ...aProject().labeller.llm, concurrency: 8, confidence: 'logprobs' } },
    });
    const settings = project.labeller.llm;
    // Slow cache writes: an item still being written must not hold back the next request.
    const cache = memoryResponseCache({ putDelayMs: 15 });
    const model = withResponseCache(
      createOpenAiCompatibleModel({ baseUrl: server.url, concurrency: settings.concurrency }),
      { cache },
    );
    const labeller = createLlmBatchLabeller({ model, project, settings, demos: [] });
    expect(labeller.concurrency).toBe(12);
    const store = new MemoryStore();
    await store.upsertItems(
      Array.from({ length: 60 }, (_, i) => anItem(`i${i}`, { fields: { text: `text ${i}` } })),
    );
    const report = await labelItems({ store, labeller, clock });
    expect(report.labelled + report.abstained).toBe(60);
    expect(server.requestCount).toBe(60);
    expect(cache.entries.size).toBe(60);
    // Twelve items in progress, yet the adapter holds the requests to eight (reached when the
    // machine is not too busy to overlap them all).
    expect(server.maxInFlight).toBeLessThanOrEqual(8);
    expect(server.maxInFlight).toBeGreaterThan(1);
  });
});
