import { describe, expect, it } from 'vitest';
import type { TaskShape } from '../../core/task-kind/index.js';
import { decision, item } from '../../testing/builders/index.js';
import { memorySink } from '../../testing/fakes/memory-records.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { exportItems } from './export-items.js';

const LABELS = ['toxic', 'obscene', 'insult'];
const ML: TaskShape = {
  kind: 'multilabel',
  labels: LABELS,
  measure: 'exact',
  minLabels: 0,
  maxLabels: 3,
};

async function multilabelStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems([
    item('g', { fields: { text: 'gold' }, role: 'gold', goldLabel: 'toxic|insult' }),
    item('e', { fields: { text: 'empty set' }, role: 'gold', goldLabel: '' }),
    item('m', { fields: { text: 'machine' } }),
    item('u', { fields: { text: 'undecided' } }),
  ]);
  await store.putDecisions([
    decision('m', {
      label: 'obscene',
      confidence: 0.54,
      probabilities: { toxic: 0.1, obscene: 0.6, insult: 0.1 },
      decidedBy: 'machine',
      source: 'import:m',
      voteIds: [1],
      updatedAt: '2026-12-07T00:00:00.000Z',
    }),
  ]);
  return store;
}

describe('exporting a multi-label project', () => {
  it('gives each line its set as labels and a probability per label', async () => {
    const sink = memorySink();
    await exportItems({ store: await multilabelStore(), sink, labels: LABELS, shape: ML });
    const byId = Object.fromEntries(sink.records.map((r) => [r.id, r]));
    expect(byId.g).toMatchObject({
      label: 'toxic|insult',
      labels: ['toxic', 'insult'],
      probabilities: { toxic: 1, obscene: 0, insult: 1 },
      confidence: 1,
      labelSource: 'expert',
    });
    expect(byId.e).toMatchObject({
      label: '',
      labels: [],
      probabilities: { toxic: 0, obscene: 0, insult: 0 },
    });
    expect(byId.m).toMatchObject({
      label: 'obscene',
      labels: ['obscene'],
      probabilities: { toxic: 0.1, obscene: 0.6, insult: 0.1 },
      confidence: 0.54,
    });
    expect(byId.u).toMatchObject({ label: null, labels: null, probabilities: null });
    expect(Object.keys(byId.g ?? {}).slice(0, 5)).toEqual([
      'id',
      'text',
      'label',
      'labels',
      'probabilities',
    ]);
  });

  it('joins the names by | in text cells, with [] for the empty set, and p_<label> columns', async () => {
    const sink = memorySink({ flat: true, textCells: true });
    await exportItems({ store: await multilabelStore(), sink, labels: LABELS, shape: ML });
    const byId = Object.fromEntries(sink.records.map((r) => [r.id, r]));
    expect(byId.g).toMatchObject({ labels: 'toxic|insult', p_toxic: 1, p_obscene: 0, p_insult: 1 });
    expect(byId.e).toMatchObject({ labels: '[]' });
    expect(byId.m).toMatchObject({ labels: 'obscene', p_obscene: 0.6 });
    expect(byId.g).not.toHaveProperty('probabilities');
  });

  it('leaves a classify export without a labels column, and keeps a field of that name', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a', { fields: { text: 't', labels: 'mine' } })]);
    const sink = memorySink();
    await exportItems({ store, sink, labels: ['x', 'y'] });
    expect(sink.records[0]).toMatchObject({ labels: 'mine', label: null });
  });
});

describe('exporting a pairwise project', () => {
  it('keeps the responses and the system fields beside the verdict and its distribution', async () => {
    const store = new MemoryStore();
    const fields = { prompt: 'p', a: 'A', b: 'B', system_a: 'gpt', system_b: 'llama' };
    await store.upsertItems([item('p1', { fields })]);
    await store.putDecisions([
      decision('p1', {
        label: 'b',
        confidence: 0.7,
        probabilities: { a: 0.2, b: 0.7, tie: 0.1 },
        voteIds: [1],
        updatedAt: '2026-12-07T00:00:00.000Z',
      }),
    ]);
    const sink = memorySink();
    const shape: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
    await exportItems({ store, sink, labels: shape.labels, shape });
    expect(sink.records[0]).toMatchObject({
      ...fields,
      label: 'b',
      probabilities: { a: 0.2, b: 0.7, tie: 0.1 },
      confidence: 0.7,
    });
    expect(sink.records[0]).not.toHaveProperty('labels');
  });
});
