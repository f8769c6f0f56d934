import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../core/project.js';
import type { Item } from '../../core/types.js';
import { item, project } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { evaluateVotes } from '../calibrate/index.js';
import { labelItems } from '../label/index.js';
import { taskShapeOf } from '../../core/task-kind/index.js';
import { learnLocal } from './learn-local.js';
import { createLocalLabeller } from './local-labeller.js';
import { runTournament } from './tournament.js';

const clock = { now: () => Date.UTC(2026, 11, 7) };
const local = {
  features: 1 << 12,
  wordNgrams: 1,
  charNgrams: [0, 0] as const,
  l2: 1e-4,
  epochs: 30,
};

async function storeWith(items: Item[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems(items);
  return store;
}

describe('the local model on a multi-label project', () => {
  const config: ProjectConfig = project({
    kind: 'multilabel',
    labels: ['fruit', 'cars', 'music'],
    labeller: { default: 'local', local },
  });
  const WORDS = [
    ['apple', 'banana', 'mango', 'pear'],
    ['engine', 'wheel', 'brake', 'clutch'],
    ['guitar', 'drum', 'piano', 'violin'],
  ];
  const names = ['fruit', 'cars', 'music'];
  const row = (id: string, i: number, role: Item['role']) => {
    const set = [0, 1, 2].filter((l) => ((i >> l) & 1) === 1);
    const text = set.map((l) => WORDS[l]?.[(i >> 3) % 4]).join(' ') || 'nothing at all';
    return item(id, { fields: { text }, role, goldLabel: set.map((l) => names[l]).join('|') });
  };

  it('learns one model per label, stores out-of-fold votes with per-label probabilities and the decided set, and is scored by set metrics', async () => {
    const store = await storeWith([
      ...Array.from({ length: 40 }, (_, i) => row(`g${i}`, i, 'gold')),
      ...Array.from({ length: 16 }, (_, i) => row(`t${i}`, i + 3, 'test')),
      item('p1', { fields: { text: 'mango violin' } }),
    ]);
    const report = await learnLocal({ store, project: config, clock, folds: 4 });
    expect(report.measure).toBe('exact-set accuracy');
    expect(report.crossFitAccuracy).toBeGreaterThan(0.6);
    expect(report.heldOut?.items).toBe(16);
    expect(report.heldOut?.accuracy).toBeGreaterThan(0.8);
    const oof = await store.listVotes({ itemIds: ['g3'], source: report.source });
    expect(oof[0]?.label).toBe('fruit|cars');
    const p = oof[0]?.probabilities ?? {};
    expect(Object.keys(p)).toEqual(names);
    // One yes-probability per label, not a distribution.
    expect((p.fruit ?? 0) + (p.cars ?? 0)).toBeGreaterThan(1.2);

    const labeller = createLocalLabeller({
      model: report.model,
      version: report.version,
      project: config,
    });
    await labelItems({ store, labeller, clock, roles: ['pool', 'test'] });
    const pool = await store.listVotes({ itemIds: ['p1'], source: report.source });
    expect(pool[0]?.label).toBe('fruit|music');

    const ev = await evaluateVotes({
      store,
      source: report.source,
      labels: names,
      shape: taskShapeOf(config),
    });
    expect(ev.scored).toBe(16);
    expect(ev.kind?.kind).toBe('multilabel');
    if (ev.kind?.kind !== 'multilabel') return;
    expect(ev.kind.microF1).toBeGreaterThan(0.8);
    expect(ev.kind.perLabel.map((s) => s.label)).toEqual(names);
    expect(ev.metrics.accuracy).toBe(ev.kind.subsetAccuracy);
    expect(ev.measureAccuracy).toBe(ev.kind.subsetAccuracy);
    expect(ev.confusedPairs).toEqual([]);
  });

  it('refuses embeddings as input with the kind and the option named', async () => {
    const store = await storeWith(Array.from({ length: 10 }, (_, i) => row(`g${i}`, i, 'gold')));
    const withEmbeddings = project({
      ...config,
      labels: names,
      labeller: { local: { ...local, input: 'embeddings' } },
    });
    await expect(learnLocal({ store, project: withEmbeddings, clock })).rejects.toThrow(
      /labeller.local.input: embeddings is not available for kind multilabel/,
    );
  });
});

describe('the local model on a pairwise project', () => {
  const config: ProjectConfig = project({
    kind: 'pairwise',
    labels: ['a', 'b', 'tie'],
    fields: ['prompt', 'a', 'b'],
    labeller: { default: 'local', local },
  });
  const GOOD = ['correct', 'clear', 'helpful', 'precise'];
  const BAD = ['wrong', 'rude', 'vague', 'useless'];
  const pair = (id: string, i: number, role: Item['role']) => {
    const good = `it is ${GOOD[i % 4]}`;
    const bad = `it is ${BAD[(i + 1) % 4]}`;
    const aWins = i % 2 === 0;
    return item(id, {
      fields: { prompt: `question ${i}`, a: aWins ? good : bad, b: aWins ? bad : good },
      role,
      goldLabel: aWins ? 'a' : 'b',
    });
  };

  it('tells the responses apart, and eval reports per-verdict F1 and tie rates', async () => {
    const store = await storeWith([
      ...Array.from({ length: 40 }, (_, i) => pair(`g${i}`, i, 'gold')),
      ...Array.from({ length: 12 }, (_, i) => pair(`t${i}`, i + 1, 'test')),
    ]);
    const report = await learnLocal({ store, project: config, clock, folds: 4 });
    expect(report.crossFitAccuracy).toBeGreaterThan(0.9);
    expect(report.heldOut?.accuracy).toBeGreaterThan(0.9);
    const labeller = createLocalLabeller({
      model: report.model,
      version: report.version,
      project: config,
    });
    await labelItems({ store, labeller, clock, roles: ['test'] });
    const ev = await evaluateVotes({
      store,
      source: report.source,
      labels: ['a', 'b', 'tie'],
      shape: taskShapeOf(config),
    });
    if (ev.kind?.kind !== 'pairwise') throw new Error('expected pairwise metrics');
    expect(ev.kind.accuracy).toBeGreaterThan(0.9);
    expect(ev.kind.perVerdict.map((s) => s.label)).toEqual(['a', 'b', 'tie']);
    expect(ev.kind.tieRate.truth).toBe(0);
  });
});

describe('the local model on a rating project', () => {
  const config: ProjectConfig = project({
    kind: 'rating',
    labels: ['1', '2', '3', '4', '5'],
    rating: { measure: 'within-k', withinK: 1 },
    labeller: { default: 'local', local },
  });
  const WORDS = ['awful', 'poor', 'fine', 'good', 'superb'];
  const rated = (id: string, i: number, role: Item['role']) =>
    item(id, {
      fields: { text: `it was ${WORDS[i % 5]} really` },
      role,
      goldLabel: String((i % 5) + 1),
    });

  it('treats the levels as classes, scores within ±k, and the tournament uses that measure', async () => {
    const store = await storeWith([
      ...Array.from({ length: 40 }, (_, i) => rated(`g${i}`, i, 'gold')),
      ...Array.from({ length: 10 }, (_, i) => rated(`t${i}`, i, 'test')),
    ]);
    const report = await learnLocal({ store, project: config, clock, folds: 4 });
    expect(report.measure).toBe('accuracy within ±1');
    expect(report.heldOut?.accuracy).toBe(1);
    const labeller = createLocalLabeller({
      model: report.model,
      version: report.version,
      project: config,
    });
    await labelItems({ store, labeller, clock, roles: ['test'] });
    // A labeller one level off everywhere: wrong exactly, right within ±1.
    await store.addVotes(
      Array.from({ length: 10 }, (_, i) => ({
        itemId: `t${i}`,
        source: 'import:off-by-one',
        runId: null,
        label: String(i % 5 === 4 ? 4 : (i % 5) + 2),
        probabilities: null,
        method: 'local-model',
        otherMass: 0,
        verbalized: null,
        rationale: null,
        abstainReason: null,
        tokensIn: 0,
        tokensOut: 0,
        costUsd: 0,
        latencyMs: 0,
        timeSpentMs: null,
        createdAt: '2026-12-07T00:00:00.000Z',
      })),
    );
    const shape = taskShapeOf(config);
    const ev = await evaluateVotes({
      store,
      source: 'import:off-by-one',
      labels: shape.labels,
      shape,
    });
    if (ev.kind?.kind !== 'rating') throw new Error('expected rating metrics');
    expect(ev.kind.exactAccuracy).toBe(0);
    expect(ev.kind.accuracyWithinK).toBe(1);
    expect(ev.kind.mae).toBe(1);
    expect(ev.measureAccuracy).toBe(1);
    const within = await runTournament({
      store,
      roles: ['test'],
      humanCostPerItem: 1,
      minItems: 1,
      shape,
    });
    const exact = await runTournament({ store, roles: ['test'], humanCostPerItem: 1, minItems: 1 });
    const score = (r: typeof within) =>
      r.entries.find((e) => e.source === 'import:off-by-one')?.accuracy.estimate;
    expect(score(within)).toBe(1);
    expect(score(exact)).toBe(0);
  });
});
