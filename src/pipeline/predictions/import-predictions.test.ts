import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { runsOfKind } from '../../core/runs/run-records.js';
import { item, vote } from '../../testing/builders/index.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';
import { currentLabeller } from '../label/index.js';
import { importPredictions, type ImportPredictionsOptions } from './import-predictions.js';

const labels = ['joy', 'fear', 'anger'];
const clock = { now: () => Date.UTC(2026, 11, 7) };

function run(
  store: MemoryStore,
  rows: readonly FakeRow[],
  over: Partial<ImportPredictionsOptions> = {},
) {
  return importPredictions({
    store,
    source: memorySource('preds.csv', rows),
    model: 'm1',
    labels,
    clock,
    ...over,
  });
}

const rows: FakeRow[] = [
  { id: 'a', label: 'joy', confidence: '0.9', text: 'glad' },
  { id: 'b', p_joy: '0.1', p_fear: '0.6', p_anger: '0.2', p_i_dont_know: '0.1', text: 'oh no' },
  { id: 'c', label: 'anger', confidence: '0.6', text: 'grr' },
];

describe('importPredictions', () => {
  it('creates missing items, stores machine votes of import:<model> with a label run, and leaves stored items alone', async () => {
    const store = new MemoryStore();
    await store.upsertItems([
      item('c', { role: 'gold', goldLabel: 'anger', fields: { text: 'mine' } }),
    ]);
    const report = await run(store, rows);
    expect(report).toMatchObject({
      source: 'import:m1',
      read: 3,
      added: 3,
      replaced: 0,
      unchanged: 0,
      itemsCreated: 2,
    });
    expect(report.methods).toEqual({ verbalized: 2, distribution: 1 });
    expect(report.outside).toEqual({
      rows: 1,
      meanMass: expect.closeTo(0.1, 9),
      options: ['i_dont_know'],
    });
    expect(await store.getItem('a')).toEqual({
      id: 'a',
      fields: { text: 'glad' },
      role: 'pool',
      batch: null,
      goldLabel: null,
    });
    expect((await store.getItem('c'))?.fields).toEqual({ text: 'mine' });
    const votes = await store.listVotes({ source: 'import:m1' });
    expect(votes.map((v) => [v.itemId, v.label, v.method, v.runId])).toEqual([
      ['a', 'joy', 'verbalized', report.runId],
      ['b', 'fear', 'distribution', report.runId],
      ['c', 'anger', 'verbalized', report.runId],
    ]);
    const [labelRun] = runsOfKind(await store.listRuns({ kind: 'label' }), 'label');
    expect(labelRun).toMatchObject({ id: report.runId, status: 'done', itemsDone: 3, costUsd: 0 });
    expect(labelRun?.config).toMatchObject({
      kind: 'import',
      model: 'm1',
      method: 'mixed',
      labeller: 'import:m1',
      roles: ['pool', 'gold'],
    });
    expect((await currentLabeller({ store })).id).toBe('import:m1');
    const decisions = await store.listDecisions({});
    expect(decisions.map((d) => [d.itemId, d.label, d.decidedBy, d.source])).toEqual([
      ['a', 'joy', 'machine', 'import:m1'],
      ['b', 'fear', 'machine', 'import:m1'],
      ['c', 'anger', 'machine', 'import:m1'],
    ]);
  });

  it('is idempotent: the same file again writes no vote; a changed prediction replaces the old vote', async () => {
    const store = new MemoryStore();
    await run(store, rows);
    const again = await run(store, rows);
    expect(again).toMatchObject({ added: 0, replaced: 0, unchanged: 3, itemsCreated: 0 });
    expect(await store.listVotes({ source: 'import:m1' })).toHaveLength(3);
    const changed = await run(store, [rows[0] as FakeRow, { ...rows[2], confidence: '0.8' }]);
    expect(changed).toMatchObject({ added: 0, replaced: 1, unchanged: 1 });
    const onC = await store.listVotes({ itemIds: ['c'], source: 'import:m1' });
    expect(onC.map((v) => v.verbalized)).toEqual([0.8]);
    expect((await store.listDecisions({ itemIds: ['c'] }))[0]?.voteIds).toEqual([onC[0]?.id]);
  });

  it('keeps other sources’ votes, and a decision of higher rank, when replacing', async () => {
    const store = new MemoryStore();
    await run(store, rows);
    await store.addVotes([vote('c', 'human:x', { label: 'joy' })]);
    const before = (await store.listDecisions({ itemIds: ['c'] }))[0];
    await store.putDecisions([
      { ...(before as NonNullable<typeof before>), decidedBy: 'human', label: 'joy' },
    ]);
    await run(store, [{ ...rows[2], label: 'fear' }]);
    expect(
      (await store.listVotes({ itemIds: ['c'] })).map((v) => `${v.source}:${v.label}`),
    ).toEqual(['human:x:joy', 'import:m1:fear']);
    expect((await store.listDecisions({ itemIds: ['c'] }))[0]).toMatchObject({
      decidedBy: 'human',
      label: 'joy',
    });
  });

  it('records the method asked for and the price per prediction', async () => {
    const store = new MemoryStore();
    const report = await run(store, rows, { method: 'logprobs', costPerItem: 0.002 });
    expect(report.methods).toEqual({ logprobs: 3 });
    const votes = await store.listVotes({ source: 'import:m1' });
    expect(votes.every((v) => v.method === 'logprobs' && v.costUsd === 0.002)).toBe(true);
    const [labelRun] = await store.listRuns({ kind: 'label' });
    expect(labelRun?.costUsd).toBeCloseTo(0.006, 12);
  });

  it('refuses a bad row naming the file, line and field, and writes nothing', async () => {
    const store = new MemoryStore();
    const bad = [...rows, { id: 'd', label: 'joy', confidence: '1.5' }];
    const error = await run(store, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).message).toBe(
      'preds.csv, line 4, field "confidence": confidence must be a number in [0, 1], got "1.5"',
    );
    expect(await store.countItems({})).toBe(0);
    expect(await store.listVotes({})).toEqual([]);
    expect(await store.listRuns({})).toEqual([]);
  });

  it('refuses an id given twice and an unreadable line', async () => {
    const store = new MemoryStore();
    await expect(run(store, [rows[0] as FakeRow, rows[0] as FakeRow])).rejects.toThrow(
      'preds.csv, line 2, field "id": id "a" already appears on line 1',
    );
    await expect(run(store, [{ error: 'not valid JSON' }])).rejects.toThrow(
      'preds.csv, line 1: not valid JSON',
    );
  });

  it('stores a prediction of an option mapped outside the label set as an abstention', async () => {
    const store = new MemoryStore();
    const report = await run(store, [{ id: 'a', label: 'unsure', confidence: 0.9 }], {
      labelMap: new Map([['unsure', null]]),
    });
    expect(report.abstained).toBe(1);
    const [v] = await store.listVotes({});
    expect(v).toMatchObject({
      label: null,
      probabilities: null,
      abstainReason: 'the prediction is an option outside the label set',
    });
    expect(await store.listDecisions({})).toEqual([]);
  });
});
