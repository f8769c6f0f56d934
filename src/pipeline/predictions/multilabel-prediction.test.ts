import { describe, expect, it } from 'vitest';
import type { TaskShape } from '../../core/task-kind/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';
import { importPredictions } from './import-predictions.js';

const labels = ['toxic', 'obscene', 'insult'];
const shape: TaskShape = {
  kind: 'multilabel',
  labels,
  measure: 'exact',
  minLabels: 0,
  maxLabels: 3,
};
const clock = { now: () => Date.UTC(2026, 11, 7) };

function run(
  store: MemoryStore,
  file: string,
  rows: readonly FakeRow[],
  over: Partial<TaskShape> = {},
) {
  return importPredictions({
    store,
    source: memorySource(file, rows),
    model: 'm1',
    labels,
    shape: { ...shape, ...over } as TaskShape,
    clock,
  });
}

describe('importing multi-label predictions', () => {
  it('stores yes-probabilities as they are, with the decided set and its exact-set probability', async () => {
    const store = new MemoryStore();
    await run(store, 'preds.jsonl', [
      { id: 'a', probabilities: { toxic: 0.9, obscene: 0.2, insult: 0.7 }, text: 'x' },
      { id: 'b', p_toxic: '0.1', p_obscene: '0.3', p_insult: '0.2' },
    ]);
    const [a] = await store.listVotes({ itemIds: ['a'] });
    expect(a).toMatchObject({
      label: 'toxic|insult',
      probabilities: { toxic: 0.9, obscene: 0.2, insult: 0.7 },
      method: 'distribution',
      otherMass: 0,
    });
    const decisions = await store.listDecisions({ itemIds: ['a', 'b'] });
    expect(decisions.find((d) => d.itemId === 'a')?.confidence).toBeCloseTo(0.9 * 0.8 * 0.7, 12);
    expect(decisions.find((d) => d.itemId === 'b')).toMatchObject({ label: '' });
    expect(decisions.find((d) => d.itemId === 'b')?.confidence).toBeCloseTo(0.9 * 0.7 * 0.8, 12);
    expect((await store.getItem('a'))?.fields).toEqual({ text: 'x' });
  });

  it('keeps the decided set within the bounds, and a given set as the label', async () => {
    const store = new MemoryStore();
    await run(
      store,
      'preds.csv',
      [{ id: 'a', p_toxic: '0.2', p_obscene: '0.3', p_insult: '0.1' }],
      {
        minLabels: 1,
      },
    );
    expect((await store.listVotes({ itemIds: ['a'] }))[0]?.label).toBe('obscene');
    await run(store, 'given.csv', [
      { id: 'g', label: 'insult|toxic', p_toxic: '0.6', p_obscene: '0.3', p_insult: '0.4' },
    ]);
    expect((await store.listVotes({ itemIds: ['g'] }))[0]?.label).toBe('toxic|insult');
  });

  it('refuses a row without a probability for every label, or one outside [0, 1], storing nothing', async () => {
    const cases: [FakeRow, string][] = [
      [
        { id: 'a', p_toxic: '0.2', p_obscene: '0.3' },
        'needs a probability for every label; none for insult',
      ],
      [
        { id: 'a', probabilities: { toxic: 1.2, obscene: 0, insult: 0 } },
        'probability of "toxic" must be a number in [0, 1]',
      ],
      [{ id: 'a', label: 'toxic', confidence: 0.9 }, 'needs a yes-probability per label'],
      [
        { id: 'a', p_toxic: '0.2', p_obscene: '0.3', p_insult: 0, p_rude: 0.4 },
        '"rude" is not one of the labels',
      ],
    ];
    for (const [row, reason] of cases) {
      const store = new MemoryStore();
      await expect(run(store, 'p.jsonl', [row])).rejects.toThrow(reason);
      expect(await store.countItems({})).toBe(0);
    }
  });
});
