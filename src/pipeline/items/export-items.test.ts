import { describe, expect, it } from 'vitest';
import type { Decision, Item } from '../../core/types.js';
import { exportItems } from './export-items.js';
import { memorySink } from '../../testing/fakes/memory-records.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { decision as aDecision, item as anItem } from '../../testing/builders/index.js';

const LABELS = ['ham', 'spam'];

function item(id: string, fields: Item['fields'], extra: Partial<Item> = {}): Item {
  return anItem(id, { fields, ...extra });
}

function decision(itemId: string, extra: Partial<Decision> = {}): Decision {
  return aDecision(itemId, {
    source: 'llm:qwen#abc',
    voteIds: [1],
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  });
}

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems([
    item('b', { text: 'undecided' }),
    item('a', { text: 'decided', lang: 'en' }),
    item('g', { text: 'gold' }, { role: 'gold', goldLabel: 'ham' }),
    item('h', { text: 'gold, decided' }, { role: 'gold', goldLabel: 'ham' }),
  ]);
  await store.putDecisions([
    decision('a'),
    decision('h', {
      label: 'spam',
      confidence: null,
      probabilities: { ham: 0.3, spam: 0.7 },
      decidedBy: 'aggregated',
      source: 'dawid-skene',
      zone: 'overlap',
    }),
  ]);
  return store;
}

describe('exportItems', () => {
  it('writes every item in id order with its decision, gold label, or nulls', async () => {
    const store = await seeded();
    const sink = memorySink();
    expect(await exportItems({ store, sink, labels: LABELS })).toEqual({ written: 4 });
    expect(sink.state).toBe('closed');
    expect(sink.records).toEqual([
      {
        id: 'a',
        text: 'decided',
        lang: 'en',
        label: 'spam',
        probabilities: { ham: 0.1, spam: 0.9 },
        confidence: 0.9,
        decidedBy: 'auto',
        labelSource: 'machine',
        source: 'llm:qwen#abc',
        zone: 'accept',
        role: 'pool',
      },
      {
        id: 'b',
        text: 'undecided',
        label: null,
        probabilities: null,
        confidence: null,
        decidedBy: null,
        labelSource: null,
        source: null,
        zone: null,
        role: 'pool',
      },
      {
        id: 'g',
        text: 'gold',
        label: 'ham',
        probabilities: { ham: 1, spam: 0 },
        confidence: 1,
        decidedBy: 'gold',
        labelSource: 'expert',
        source: 'gold',
        zone: null,
        role: 'gold',
      },
      // The expert label wins over any decision.
      {
        id: 'h',
        text: 'gold, decided',
        label: 'ham',
        probabilities: { ham: 1, spam: 0 },
        confidence: 1,
        decidedBy: 'gold',
        labelSource: 'expert',
        source: 'gold',
        zone: 'overlap',
        role: 'gold',
      },
    ]);
  });

  it('exports the expert label of gold and test items where the machine got them wrong', async () => {
    const store = new MemoryStore();
    // The machine labelled every item spam; the experts say ham for gold, test and control items.
    const roles = ['gold', 'test', 'control'] as const;
    await store.upsertItems([
      ...roles.map((role) => item(role, { text: role }, { role, goldLabel: 'ham' })),
      item('pool', { text: 'pool' }),
      item('pool-by-people', { text: 'pool' }),
    ]);
    await store.putDecisions([
      ...roles.map((role) => decision(role, { decidedBy: 'machine', zone: null })),
      decision('pool', { decidedBy: 'machine', zone: null }),
      decision('pool-by-people', { decidedBy: 'human', label: 'ham', zone: 'human' }),
    ]);
    const sink = memorySink({ flat: true });
    await exportItems({ store, sink, labels: LABELS });
    const byId = new Map(sink.records.map((r) => [r['id'], r]));
    for (const role of roles) {
      expect(byId.get(role)).toMatchObject({
        label: 'ham',
        p_ham: 1,
        p_spam: 0,
        confidence: 1,
        labelSource: 'expert',
        decidedBy: 'gold',
        role,
      });
    }
    expect(byId.get('pool')).toMatchObject({ label: 'spam', labelSource: 'machine' });
    expect(byId.get('pool-by-people')).toMatchObject({ label: 'ham', labelSource: 'people' });
  });

  it('gives flat formats one p_<label> column per label and the same columns on every row', async () => {
    const store = await seeded();
    const sink = memorySink({ flat: true });
    await exportItems({ store, sink, labels: LABELS });
    const keys = [
      'id',
      'text',
      'lang',
      'label',
      'p_ham',
      'p_spam',
      'confidence',
      'decidedBy',
      'labelSource',
      'source',
      'zone',
      'role',
    ];
    for (const record of sink.records) expect(Object.keys(record)).toEqual(keys);
    expect(sink.records[0]).toMatchObject({ id: 'a', lang: 'en', p_ham: 0.1, p_spam: 0.9 });
    expect(sink.records[1]).toMatchObject({ id: 'b', lang: null, p_ham: null, p_spam: null });
  });

  it('renames a field that clashes with an output column', async () => {
    const store = new MemoryStore();
    await store.upsertItems([item('a', { text: 't', label: 'from the file', p_spam: 3 })]);
    const sink = memorySink({ flat: true });
    await exportItems({ store, sink, labels: LABELS });
    expect(sink.records[0]).toMatchObject({
      'fields.label': 'from the file',
      'fields.p_spam': 3,
      label: null,
      p_spam: null,
    });
  });

  it('pages through many items, reading decisions a page at a time', async () => {
    const store = new MemoryStore();
    const ids = Array.from({ length: 2500 }, (_, i) => `item-${String(i).padStart(5, '0')}`);
    await store.upsertItems(ids.map((id) => item(id, { text: id })));
    await store.putDecisions(ids.filter((_, i) => i % 10 === 0).map((id) => decision(id)));
    const sink = memorySink();
    const progress: number[] = [];
    await exportItems({
      store,
      sink,
      labels: LABELS,
      progress: {
        start: (_, total) => progress.push(total),
        update: (done) => progress.push(done),
        finish: () => undefined,
      },
    });
    expect(sink.records.map((r) => r['id'])).toEqual(ids);
    expect(sink.records.filter((r) => r['label'] === 'spam')).toHaveLength(250);
    expect(store.calls.get('listDecisions')).toBe(3);
    expect(progress).toEqual([2500, 1000, 2000, 2500]);
  });

  it('aborts the sink and rethrows when writing fails', async () => {
    const store = await seeded();
    const sink = memorySink({ failAfter: 2 });
    await expect(exportItems({ store, sink, labels: LABELS })).rejects.toThrow('disk full');
    expect(sink.state).toBe('aborted');
  });

  it('writes nothing for an empty store, and still closes', async () => {
    const sink = memorySink();
    expect(await exportItems({ store: new MemoryStore(), sink, labels: LABELS })).toEqual({
      written: 0,
    });
    expect(sink.state).toBe('closed');
  });
});
