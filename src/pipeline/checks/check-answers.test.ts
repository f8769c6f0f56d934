import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { decision, item } from '../../testing/builders/index.js';
import { memorySink, memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { exportItems } from '../items/index.js';
import { canReplaceDecision } from '../items/index.js';
import { answerChecks } from './answer-checks.js';
import { checkStatus } from './check-status.js';
import { exportChecks } from './export-checks.js';
import { importCheckAnswers } from './import-check-answers.js';

const labels = ['ham', 'spam'];
const clock = { now: () => Date.parse('2026-12-07T12:00:00Z') };
const drawnAt = '2026-12-07T10:00:00.000Z';

/** Pool items a, b, c (a and b drawn), with a machine decision on a routed to `accept`. */
async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.upsertItems([
    item('a', { fields: { text: 'buy now', truth: 'spam' } }),
    item('b', { fields: { text: 'hello' } }),
    item('c'),
  ]);
  await store.putDecisions([
    decision('a', { label: 'ham', decidedBy: 'auto', zone: 'accept', source: 'llm:m#p' }),
  ]);
  await store.addChecks([
    { itemId: 'a', draw: 1, stratum: 'all', stratumSize: 3, probability: 2 / 3, drawnAt },
    { itemId: 'b', draw: 1, stratum: 'all', stratumSize: 3, probability: 2 / 3, drawnAt },
  ]);
  return store;
}

/** One answer to a check, from `by`. */
function answerOne(store: MemoryStore, itemId: string, label: string, by = 'reviewer:r1') {
  return answerChecks({ store, clock, labels, answers: [{ itemId, label }], by });
}

async function importRows(store: MemoryStore, rows: readonly FakeRow[]) {
  return importCheckAnswers({ store, clock, labels, source: memorySource('answers.csv', rows) });
}

async function refusal(work: Promise<unknown>): Promise<HiloError> {
  const error = await work.catch((e: unknown) => e);
  if (!(error instanceof HiloError)) throw new Error(`expected a HiloError, got ${String(error)}`);
  return error;
}

describe('answerChecks', () => {
  it('makes the answer an expert decision that keeps its zone and that routing and aggregation cannot replace', async () => {
    const store = await seeded();
    expect(await answerOne(store, 'a', 'spam', 'reviewer:r1')).toEqual({ changed: 1 });
    const [d] = await store.listDecisions({ itemIds: ['a'] });
    expect(d).toMatchObject({
      label: 'spam',
      decidedBy: 'expert',
      source: 'reviewer:r1',
      confidence: 1,
      probabilities: { ham: 0, spam: 1 },
      zone: 'accept',
    });
    for (const by of ['machine', 'auto', 'aggregated', 'human', 'reviewer'] as const) {
      expect(canReplaceDecision(d, by)).toBe(false);
    }
    expect(canReplaceDecision(d, 'gold')).toBe(true);
    expect((await store.listChecks({ labelled: true }))[0]).toMatchObject({
      itemId: 'a',
      label: 'spam',
      labelledBy: 'reviewer:r1',
    });
  });

  it('closes the checked item in the people queue: nobody is offered it again', async () => {
    const store = await seeded();
    const task = {
      kind: 'task',
      zone: 'human',
      priority: 1,
      goldLabel: null,
      reviewReason: null,
    } as const;
    await store.people.upsertQueue([
      { ...task, itemId: 'b', overlap: 3 },
      { ...task, itemId: 'c', overlap: 3 },
    ]);
    await answerOne(store, 'b', 'ham');
    expect((await store.people.getQueueEntry('b'))?.overlap).toBe(0);
    expect((await store.people.getQueueEntry('c'))?.overlap).toBe(3);
  });

  it('exports the checked item with labelSource expert', async () => {
    const store = await seeded();
    await answerOne(store, 'a', 'spam', 'reviewer:r1');
    const sink = memorySink();
    await exportItems({ store, sink, labels });
    expect(sink.records.find((r) => r['id'] === 'a')).toMatchObject({
      label: 'spam',
      decidedBy: 'expert',
      labelSource: 'expert',
    });
  });

  it('refuses a label outside the label set, writing nothing', async () => {
    const store = await seeded();
    const error = await refusal(answerOne(store, 'a', 'eggs', 'x'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(await store.listChecks({ labelled: true })).toEqual([]);
  });
});

describe('importCheckAnswers', () => {
  it('sets expert labels, skips unanswered rows, and changes nothing when imported again', async () => {
    const store = await seeded();
    const rows = [
      { id: 'a', text: 'buy now', label: 'spam' },
      { id: 'b', text: 'hello', label: '' },
    ];
    expect(await importRows(store, rows)).toEqual({
      file: 'answers.csv',
      answered: 1,
      unanswered: 1,
      changed: 1,
    });
    const before = await store.listDecisions({});
    const checks = await store.listChecks();
    expect(checks[0]).toMatchObject({ label: 'spam', labelledBy: 'import:answers.csv' });
    expect(await importRows(store, rows)).toMatchObject({ answered: 1, changed: 0 });
    expect(await store.listDecisions({})).toEqual(before);
    expect(await store.listChecks()).toEqual(checks);
  });

  it.each([
    [
      'an id never drawn',
      [
        { id: 'a', label: 'spam' },
        { id: 'c', label: 'ham' },
      ],
      'NOT_FOUND',
      2,
      'id',
      /never drawn/,
    ],
    [
      'a label outside the label set',
      [
        { id: 'a', label: 'spam' },
        { id: 'b', label: 'eggs' },
      ],
      'INVALID_INPUT',
      2,
      'label',
      /"eggs" is not in the project.s label set/,
    ],
    ['a missing label column', [{ id: 'a' }], 'INVALID_INPUT', 1, 'label', /no "label" column/],
    ['a missing id column', [{ label: 'spam' }], 'INVALID_INPUT', 1, 'id', /no "id" column/],
    ['an empty id', [{ id: ' ', label: 'spam' }], 'INVALID_INPUT', 1, 'id', /empty item id/],
  ] as const)(
    'refuses %s naming file, line and field, writing nothing',
    async (_, rows, code, line, field, message) => {
      const store = await seeded();
      const error = await refusal(importRows(store, rows));
      expect(error.code).toBe(code);
      expect(error.location).toEqual({ file: 'answers.csv', line, field });
      expect(error.message).toMatch(message);
      expect(await store.listChecks({ labelled: true })).toEqual([]);
      expect((await store.listDecisions({ itemIds: ['a'] }))[0]?.decidedBy).toBe('auto');
    },
  );

  it('refuses a malformed line with its number', async () => {
    const store = await seeded();
    const error = await refusal(
      importRows(store, [{ id: 'a', label: 'spam' }, { error: 'bad JSON' }]),
    );
    expect(error.location).toEqual({ file: 'answers.csv', line: 2 });
    expect(await store.listChecks({ labelled: true })).toEqual([]);
  });
});

describe('exportChecks', () => {
  it('writes each drawn item with the project fields and its label, never the machine label', async () => {
    const store = await seeded();
    await answerOne(store, 'b', 'ham', 'x');
    const sink = memorySink({ flat: true });
    expect(await exportChecks({ store, sink, fields: ['text'] })).toEqual({ written: 2 });
    expect(sink.records).toEqual([
      { id: 'a', text: 'buy now', label: null },
      { id: 'b', text: 'hello', label: 'ham' },
    ]);
    expect(sink.state).toBe('closed');
  });

  it('round-trips: the exported rows, filled in, import as answers', async () => {
    const store = await seeded();
    const sink = memorySink();
    await exportChecks({ store, sink, fields: ['text'] });
    const filled = sink.records.map((r) => ({ ...r, label: 'spam' }));
    expect(await importRows(store, filled)).toMatchObject({ answered: 2, changed: 2 });
  });
});

describe('checkStatus', () => {
  it('counts drawn and labelled per stratum and prices them at the expert price', async () => {
    const store = await seeded();
    await store.upsertItems([item('d')]);
    await store.addChecks([
      { itemId: 'd', draw: 2, stratum: 'low', stratumSize: 5, probability: 0.2, drawnAt },
    ]);
    await answerOne(store, 'a', 'spam', 'x');
    expect(await checkStatus({ store, expertItemUsd: 2.5 })).toEqual({
      drawn: 3,
      labelled: 1,
      draws: 2,
      strata: [
        { stratum: 'all', size: 3, drawn: 2, labelled: 1 },
        { stratum: 'low', size: 5, drawn: 1, labelled: 0 },
      ],
      expertItemUsd: 2.5,
      costSoFar: 2.5,
      costToGo: 5,
    });
  });
});
