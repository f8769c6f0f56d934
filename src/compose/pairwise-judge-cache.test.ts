import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../core/project.js';
import { withResponseCache } from '../llm/cached-model.js';
import { createLlmBatchLabeller, labelItems } from '../pipeline/label/index.js';
import { item as anItem, project as aProject } from '../testing/builders/index.js';
import { biasedJudge, type JudgedPair } from '../testing/fakes/biased-judge.js';
import { memoryResponseCache } from '../testing/fakes/memory-response-cache.js';
import { MemoryStore } from '../testing/fakes/memory-store.js';
import { createScriptedModel } from '../testing/fakes/scripted-model.js';

const clock = { now: () => Date.UTC(2026, 11, 7) };

describe('a pairwise judge asked in both orders behind the response cache', () => {
  it('pays for neither order again when a killed run is labelled anew', async () => {
    const base = aProject({
      kind: 'pairwise',
      fields: ['prompt', 'a', 'b'],
      labels: ['a', 'b', 'tie'],
    });
    const project: ProjectConfig = {
      ...base,
      prices: { ...base.prices, models: { m: { inputPerMTok: 1, outputPerMTok: 4 } } },
      labeller: { ...base.labeller, llm: { ...base.labeller.llm, confidence: 'logprobs' } },
    };
    const pairs = new Map<string, JudgedPair>();
    const items = [0, 1, 2, 3].map((i) => {
      pairs.set(`q${i}`, { a: `x${i}`, b: `y${i}`, pA: i % 2 === 0 ? 0.7 : 0.3 });
      return anItem(`p${i}`, { fields: { prompt: `q${i}`, a: `x${i}`, b: `y${i}` } });
    });
    const inner = createScriptedModel({ respond: biasedJudge({ pairs, firstBias: 0.3 }) });
    const cache = memoryResponseCache();
    const model = withResponseCache(inner, { cache });
    const run = async () => {
      // A new store stands for a run killed after its requests were answered, before its votes were written.
      const store = new MemoryStore();
      await store.upsertItems(items);
      const settings = project.labeller.llm;
      const labeller = createLlmBatchLabeller({ model, project, settings, demos: [] });
      return labelItems({ store, labeller, clock });
    };
    const first = await run();
    expect(inner.calls).toHaveLength(8);
    expect(cache.entries.size).toBe(8);
    expect(first.costUsd).toBeGreaterThan(0);
    const again = await run();
    expect(inner.calls).toHaveLength(8);
    expect(again.costUsd).toBe(0);
    expect(again.positionBias).toEqual(first.positionBias);
  });
});
