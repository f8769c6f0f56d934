import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';
import { item, vote } from '../../testing/builders/index.js';
import { importVotes } from './import-votes.js';

const labels = ['spam', 'ham'];
let now = Date.UTC(2026, 11, 7);
const clock = { now: () => (now += 250) };

function run(store: MemoryStore, rows: readonly FakeRow[], skipInvalid = false) {
  return importVotes({ store, source: memorySource('v.csv', rows), labels, clock, skipInvalid });
}

const FILE: FakeRow[] = [
  { worker: 'ada', task: 't2', label: 'spam' },
  { worker: 'bo', task: 't1', label: 'ham' },
  { worker: 'ada', task: 't2', label: 'spam' },
  { worker: 'ada', task: 't1', label: 'ham' },
];

describe('importVotes', () => {
  it('stores every vote, grouped by item in file order, with three store calls in one transaction', async () => {
    const store = new MemoryStore();
    const report = await run(store, FILE);
    expect(report).toMatchObject({ read: 4, added: 4, alreadyStored: 0, itemsCreated: 2 });
    expect(report.annotators).toBe(2);
    expect(report.seconds.read).toBeGreaterThan(0);
    expect(report.seconds.store).toBeGreaterThan(0);
    const votes = await store.listVotes({});
    expect(votes.map((v) => [v.itemId, v.source, v.label])).toEqual([
      ['t1', 'human:bo', 'ham'],
      ['t1', 'human:ada', 'ham'],
      ['t2', 'human:ada', 'spam'],
      ['t2', 'human:ada', 'spam'],
    ]);
    expect(votes.every((v) => v.method === 'human' && v.probabilities === null)).toBe(true);
    expect(store.calls.get('transaction')).toBe(1);
    expect(store.calls.get('addHumanVotes')).toBe(1);
    expect(store.calls.get('addMissingItems')).toBe(1);
    // Every item was new: nothing stored could match, so nothing is tallied.
    expect(store.calls.get('tallyVotes')).toBeUndefined();
  });

  it('adds nothing on a second import and only the extra occurrences of a grown file', async () => {
    const store = new MemoryStore();
    await run(store, FILE);
    expect(await run(store, FILE)).toMatchObject({ added: 0, alreadyStored: 4, itemsCreated: 0 });
    const grown = [
      ...FILE,
      { worker: 'ada', task: 't2', label: 'spam' },
      { worker: 'cy', task: 't3', label: 'ham' },
    ];
    expect(await run(store, grown)).toMatchObject({ added: 2, alreadyStored: 4, itemsCreated: 1 });
    expect(await store.listVotes({ itemIds: ['t2'] })).toHaveLength(3);
  });

  it('counts only people’s votes as already stored, and never rewrites a stored item', async () => {
    const store = new MemoryStore();
    const stored = item('t1', { role: 'gold', goldLabel: 'ham', fields: { text: 'kept' } });
    await store.upsertItems([stored]);
    await store.addVotes([
      vote('t1', 'llm:m', { label: 'ham' }),
      vote('t1', 'human:bo', { label: 'ham' }),
    ]);
    const report = await run(store, FILE);
    expect(report).toMatchObject({ added: 3, alreadyStored: 1, itemsCreated: 1 });
    expect(await store.getItem('t1')).toEqual(stored);
  });

  it('stops at a bad row naming file, line and field, and stores nothing', async () => {
    const store = new MemoryStore();
    const bad = [
      ...FILE,
      { worker: 'cy', task: 't9', label: 'eggs' },
      { worker: '', task: 't9', label: 'ham' },
    ];
    await expect(run(store, bad)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('v.csv, line 5, field "label": label "eggs" is not'),
    });
    expect(await store.countItems({})).toBe(0);
    expect(await store.listVotes({})).toEqual([]);
  });

  it('with skipInvalid stores the good rows and reports each bad one', async () => {
    const store = new MemoryStore();
    const rows = [{ error: 'broken quote' }, ...FILE, { worker: 'cy', task: '', label: 'ham' }];
    const report = await run(store, rows, true);
    expect(report).toMatchObject({ read: 6, added: 4 });
    expect(report.skipped).toEqual([
      { line: 1, reason: 'broken quote' },
      { line: 6, field: 'task', reason: 'missing task' },
    ]);
  });

  it('stores nothing and opens no transaction for a file without votes', async () => {
    const store = new MemoryStore();
    const report = await run(store, [{ error: 'x' }], true);
    expect(report).toMatchObject({ read: 1, added: 0, itemsCreated: 0, annotators: 0 });
    expect(store.calls.get('transaction')).toBeUndefined();
  });
});
