import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS, type ProjectConfig } from '../../core/project.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { item } from '../../testing/builders/index.js';
import { estimateLabelCost } from './estimate-label-cost.js';

const project: ProjectConfig = {
  ...PROJECT_DEFAULTS,
  name: 't',
  labels: [
    { name: 'spam', description: '' },
    { name: 'ham', description: '' },
  ],
};

const texts = { a: 'WIN a free prize now', b: 'lunch at noon?', c: 'your invoice is attached' };

async function estimate(price?: { inputPerMTok: number; outputPerMTok: number }) {
  const store = new MemoryStore();
  await store.upsertItems(
    Object.entries(texts).map(([id, text]) => item(id, { fields: { text } })),
  );
  return estimateLabelCost({
    store,
    project,
    settings: PROJECT_DEFAULTS.labeller.llm,
    demos: [],
    roles: ['pool'],
    ...(price ? { price } : {}),
  });
}

describe('estimateLabelCost', () => {
  it('prices the estimated tokens at the model price', async () => {
    const e = await estimate({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(e.items).toBe(3);
    expect(e.tokensOut).toBe(48); // 16 tokens × 3 items
    expect(e.tokensIn).toBe(177); // the three prompts' characters / 4
    expect(e.costUsd).toBe(0.00005535);
  });

  it('has no cost when the model has no price', async () => {
    expect((await estimate()).costUsd).toBeNull();
  });
});
