import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import {
  PROJECT_DEFAULTS,
  type LlmLabellerConfig,
  type ProjectConfig,
} from '../../core/project.js';
import type { Item } from '../../core/types.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { vote } from '../../testing/builders/index.js';
import { chooseDemos } from './choose-demos.js';
import { estimateLabelCost } from './estimate-label-cost.js';
import { createLlmBatchLabeller } from './llm-batch-labeller.js';

const settings: LlmLabellerConfig = {
  model: 'test-model',
  fewShot: 2,
  chainOfThought: false,
  confidence: 'auto',
  samples: 5,
  temperature: 0.8,
  askVerbalized: false,
  maxTokens: 100,
  concurrency: 1,
  requestsPerMinute: 0,
  tokensPerMinute: 0,
  timeoutMs: 30_000,
  maxRetries: 0,
};

const project: ProjectConfig = {
  ...PROJECT_DEFAULTS,
  name: 'spam',
  kind: 'classify',
  fields: ['text'],
  labels: [
    { name: 'spam', description: '' },
    { name: 'ham', description: '' },
  ],
  guidelines: '',
  labeller: {
    default: 'llm',
    leaseSeconds: PROJECT_DEFAULTS.labeller.leaseSeconds,
    llm: settings,
    local: {
      ...PROJECT_DEFAULTS.labeller.local,
      features: 1024,
      wordNgrams: 1,
      charNgrams: [0, 0],
      l2: 1e-4,
      epochs: 5,
      seed: 1,
    },
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

const item = (id: string, role: Item['role'], goldLabel: string | null = null): Item => ({
  id,
  fields: { text: `text of ${id}` },
  role,
  batch: null,
  goldLabel,
});

async function store(): Promise<MemoryStore> {
  const s = new MemoryStore();
  await s.upsertItems([
    item('g1', 'gold', 'spam'),
    item('g2', 'gold', 'ham'),
    item('g3', 'gold', 'spam'),
    item('g4', 'gold', 'ham'),
    item('p1', 'pool'),
    item('p2', 'pool'),
    item('p3', 'pool'),
  ]);
  return s;
}

describe('chooseDemos', () => {
  it('draws the same balanced demos for the same seed', async () => {
    const s = await store();
    const a = await chooseDemos({ store: s, labels: ['spam', 'ham'], k: 2, seed: 7 });
    const b = await chooseDemos({ store: s, labels: ['spam', 'ham'], k: 2, seed: 7 });
    expect(a.map((d) => d.id)).toEqual(b.map((d) => d.id));
    expect(new Set(a.map((d) => d.goldLabel))).toEqual(new Set(['spam', 'ham']));
  });

  it('needs no gold without few-shot, and names the setting when gold is missing', async () => {
    const empty = new MemoryStore();
    expect(await chooseDemos({ store: empty, labels: ['spam'], k: 0, seed: 1 })).toEqual([]);
    const error = await chooseDemos({ store: empty, labels: ['spam'], k: 3, seed: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).code).toBe('INVALID_INPUT');
    expect((error as HiloError).message).toMatch(/labeller\.llm\.fewShot is 3/);
  });
});

describe('estimateLabelCost', () => {
  it('counts only the items the run would label: those without a vote from its own source', async () => {
    const s = await store();
    const demos = await chooseDemos({ store: s, labels: ['spam', 'ham'], k: 2, seed: 1 });
    const source = createLlmBatchLabeller({
      model: { complete: () => Promise.reject(new Error('not called')) },
      project,
      settings,
      demos,
    }).source;
    await s.addVotes([
      vote('p1', source, { label: 'spam', probabilities: { spam: 1, ham: 0 } }),
      vote('p2', 'llm:other#1', { label: 'ham', probabilities: { ham: 1, spam: 0 } }),
    ]);
    const estimate = await estimateLabelCost({
      store: s,
      project,
      settings,
      demos,
      roles: ['pool'],
      price: { inputPerMTok: 1, outputPerMTok: 4 },
    });
    expect(estimate.source).toBe(source);
    expect(estimate.model).toBe('test-model');
    expect(estimate.items).toBe(2);
    expect(estimate.tokensOut).toBe(2 * settings.maxTokens);
    expect(estimate.costUsd).toBeGreaterThan(0);
  });
});
