import { describe, expect, it } from 'vitest';
import type { TaskShape } from '../../core/task-kind/index.js';
import { item } from '../../testing/builders/index.js';
import { memorySource } from '../../testing/fakes/memory-records.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { answerChecks } from './answer-checks.js';
import { importCheckAnswers } from './import-check-answers.js';

const labels = ['toxic', 'obscene', 'insult'];
const shape: TaskShape = {
  kind: 'multilabel',
  labels,
  measure: 'exact',
  minLabels: 0,
  maxLabels: 2,
};
const clock = { now: () => Date.parse('2026-12-07T12:00:00Z') };
const drawnAt = '2026-12-07T10:00:00.000Z';

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems([item('a'), item('b')]);
  await store.addChecks(
    ['a', 'b'].map((itemId) => ({
      itemId,
      draw: 1,
      stratum: 'all',
      stratumSize: 2,
      probability: 1,
      drawnAt,
    })),
  );
  return store;
}

describe('expert checks of a multi-label project', () => {
  it('stores a set in any order as its code, with a yes/no per label, and the empty set as an answer', async () => {
    const store = await seeded();
    await answerChecks({
      store,
      clock,
      labels,
      shape,
      answers: [
        { itemId: 'a', label: 'insult|toxic' },
        { itemId: 'b', label: '' },
      ],
      by: 'reviewer:r1',
    });
    const [a, b] = await store.listDecisions({ itemIds: ['a', 'b'] });
    expect(a).toMatchObject({
      label: 'toxic|insult',
      decidedBy: 'expert',
      probabilities: { toxic: 1, obscene: 0, insult: 1 },
    });
    expect(b).toMatchObject({ label: '', probabilities: { toxic: 0, obscene: 0, insult: 0 } });
  });

  it('refuses a set over maxLabels and writes nothing', async () => {
    const store = await seeded();
    const work = answerChecks({
      store,
      clock,
      labels,
      shape,
      answers: [{ itemId: 'a', label: 'toxic|obscene|insult' }],
      by: 'reviewer:r1',
    });
    await expect(work).rejects.toThrow(/at most 2 \(multilabel.maxLabels\)/);
    expect(await store.listDecisions({ itemIds: ['a'] })).toEqual([]);
  });

  it('imports sets from a CSV (names joined by |, [] for the empty set) and skips blank cells', async () => {
    const store = await seeded();
    const report = await importCheckAnswers({
      store,
      clock,
      labels,
      shape,
      source: memorySource('answers.csv', [
        { id: 'a', label: 'insult|toxic' },
        { id: 'b', label: '[]' },
      ]),
    });
    expect(report).toMatchObject({ answered: 2, unanswered: 0 });
    const decided = await store.listDecisions({ itemIds: ['a', 'b'] });
    expect(decided.map((d) => d.label)).toEqual(['toxic|insult', '']);
  });

  it('refuses an unknown name in a file, naming the line and field', async () => {
    const store = await seeded();
    const work = importCheckAnswers({
      store,
      clock,
      labels,
      shape,
      source: memorySource('answers.csv', [{ id: 'a', label: 'toxic|rude' }]),
    });
    await expect(work).rejects.toThrow(/answers.csv, line 1, field "label": .*"rude"/);
    expect(await store.listChecks({ labelled: true })).toEqual([]);
  });
});
