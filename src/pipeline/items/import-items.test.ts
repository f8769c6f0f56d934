import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { Progress, RecordSource } from '../../core/ports/index.js';
import { importItems, type ImportItemsOptions, type SkippedRecord } from './import-items.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { memorySource, type FakeRow } from '../../testing/fakes/memory-records.js';

const FILE = 'items.jsonl';

function options(
  store: MemoryStore,
  rows: readonly FakeRow[],
  extra: Partial<ImportItemsOptions> = {},
): ImportItemsOptions {
  return {
    store,
    source: memorySource(FILE, rows),
    role: 'pool',
    idField: 'id',
    labelField: 'label',
    fields: ['text'],
    labels: ['spam', 'ham'],
    skipInvalid: false,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<HiloError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HiloError);
  return error as HiloError;
}

const goodRows = (count: number, from = 0): FakeRow[] =>
  Array.from({ length: count }, (_, i) => ({ id: `item-${from + i}`, text: `text ${from + i}` }));

describe('importItems', () => {
  it('stores items with the project fields as text and the other columns kept', async () => {
    const store = new MemoryStore();
    const report = await importItems(
      options(
        store,
        [
          { id: 7, text: 'hello', source: 'web', meta: { a: 1 }, label: 'spam' },
          { id: 'b', text: 42 },
        ],
        { batch: 'week-1' },
      ),
    );
    expect(report).toEqual({ file: FILE, read: 2, inserted: 2, updated: 0, skipped: [] });
    expect(await store.getItem('7')).toEqual({
      id: '7',
      fields: { text: 'hello', source: 'web', meta: { a: 1 } },
      role: 'pool',
      batch: 'week-1',
      goldLabel: null,
    });
    expect((await store.getItem('b'))?.fields).toEqual({ text: '42' });
  });

  it('keeps the expert label of gold and control items', async () => {
    const store = new MemoryStore();
    await importItems(options(store, [{ id: 'g', text: 't', label: 'ham' }], { role: 'gold' }));
    await importItems(options(store, [{ id: 'c', text: 't', label: 'spam' }], { role: 'control' }));
    expect(await store.getItem('g')).toMatchObject({
      role: 'gold',
      goldLabel: 'ham',
      fields: { text: 't' },
    });
    expect(await store.getItem('c')).toMatchObject({ role: 'control', goldLabel: 'spam' });
  });

  it('takes an optional label for test items, checked against the label set', async () => {
    const store = new MemoryStore();
    await importItems(
      options(
        store,
        [
          { id: 'a', text: 't', label: 'ham' },
          { id: 'b', text: 't' },
        ],
        { role: 'test' },
      ),
    );
    expect((await store.getItem('a'))?.goldLabel).toBe('ham');
    expect((await store.getItem('b'))?.goldLabel).toBeNull();
    const error = await rejection(
      importItems(options(store, [{ id: 'c', text: 't', label: 'eggs' }], { role: 'test' })),
    );
    expect(error.location).toEqual({ file: FILE, line: 1, field: 'label' });
  });

  it.each<[string, FakeRow, { field?: string; message: RegExp }]>([
    ['a missing id', { text: 't' }, { field: 'id', message: /missing id/ }],
    ['an empty id', { id: '  ', text: 't' }, { field: 'id', message: /empty id/ }],
    ['an id that is an object', { id: { x: 1 }, text: 't' }, { field: 'id', message: /an object/ }],
    ['a missing project field', { id: 'x' }, { field: 'text', message: /missing field "text"/ }],
    [
      'a project field that is a list',
      { id: 'x', text: ['a'] },
      { field: 'text', message: /must be text, got a list/ },
    ],
    [
      'a line that could not be parsed',
      { error: 'not valid JSON (Unexpected token)' },
      { message: /not valid JSON/ },
    ],
  ])('stops at %s, naming file, line and field', async (_, bad, expected) => {
    const store = new MemoryStore();
    const error = await rejection(
      importItems(options(store, [...goodRows(2), bad, ...goodRows(2, 10)])),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.location).toEqual({
      file: FILE,
      line: 3,
      ...(expected.field ? { field: expected.field } : {}),
    });
    expect(error.message).toMatch(expected.message);
    expect(error.message).toContain(`${FILE}, line 3`);
  });

  it('stops at a gold item with a label outside the label set, naming field "label"', async () => {
    const store = new MemoryStore();
    const rows = [
      { id: 'a', text: 't', label: 'ham' },
      { id: 'b', text: 't', label: 'spma' },
    ];
    const error = await rejection(importItems(options(store, rows, { role: 'gold' })));
    expect(error.location).toEqual({ file: FILE, line: 2, field: 'label' });
    expect(error.message).toMatch(/label "spma" is not in the project's label set \(spam, ham\)/);
  });

  it('stops at a control item without a label', async () => {
    const store = new MemoryStore();
    const rows = [{ id: 'a', text: 't', label: '' }];
    const error = await rejection(importItems(options(store, rows, { role: 'control' })));
    expect(error.location).toEqual({ file: FILE, line: 1, field: 'label' });
  });

  it('ignores the label column of pool items', async () => {
    const store = new MemoryStore();
    await importItems(options(store, [{ id: 'a', text: 't', label: 'not-a-label' }]));
    expect(await store.getItem('a')).toMatchObject({ goldLabel: null, fields: { text: 't' } });
  });

  it('names both lines of an id seen twice in the file', async () => {
    const store = new MemoryStore();
    const rows = [
      { id: 'a', text: 't' },
      { id: 'b', text: 't' },
      { id: 'a', text: 'again' },
    ];
    const error = await rejection(importItems(options(store, rows)));
    expect(error.location).toEqual({ file: FILE, line: 3, field: 'id' });
    expect(error.message).toMatch(/id "a" already appears on line 1/);
  });

  it('stores nothing from a file with a bad line, even after batches were written', async () => {
    const store = new MemoryStore();
    await importItems(options(store, [{ id: 'before', text: 'kept' }]));
    const rows = [...goodRows(2500), { id: 'bad' }];
    await rejection(importItems(options(store, rows)));
    expect(store.calls.get('upsertItems')).toBeGreaterThanOrEqual(3);
    expect(await store.countItems({})).toBe(1);
    expect(await store.getItem('item-0')).toBeUndefined();
  });

  it('stores nothing when the reader fails half-way', async () => {
    const store = new MemoryStore();
    const source: RecordSource = {
      path: FILE,
      async *batches() {
        yield [{ line: 1, values: { id: 'a', text: 't' } }];
        throw new HiloError('INVALID_INPUT', 'cannot decode the row group', {
          file: FILE,
          line: 2,
        });
      },
    };
    await rejection(importItems({ ...options(store, []), source }));
    expect(await store.countItems({})).toBe(0);
  });

  it('with skipInvalid stores the good records and reports every bad one', async () => {
    const store = new MemoryStore();
    const rows: FakeRow[] = [
      { id: 'a', text: 't', label: 'spam' },
      { error: 'not valid JSON' },
      { id: 'b', label: 'ham' },
      { id: 'c', text: 't', label: 'eggs' },
      { id: 'a', text: 't', label: 'ham' },
      { text: 't', label: 'ham' },
      { id: 'd', text: 't', label: 'ham' },
    ];
    const report = await importItems(options(store, rows, { role: 'gold', skipInvalid: true }));
    expect(report).toMatchObject({ read: 7, inserted: 2, updated: 0 });
    const expected: SkippedRecord[] = [
      { line: 2, reason: 'not valid JSON' },
      { line: 3, field: 'text', reason: 'missing field "text"' },
      {
        line: 4,
        field: 'label',
        reason: expect.stringMatching(/"eggs" is not in the project's label set/),
      },
      { line: 5, field: 'id', reason: 'id "a" already appears on line 1' },
      { line: 6, field: 'id', reason: 'missing id' },
    ];
    expect(report.skipped).toEqual(expected);
    expect((await store.listItems({})).map((item) => item.id)).toEqual(['a', 'd']);
  });

  it('updates on re-import and never duplicates', async () => {
    const store = new MemoryStore();
    const first = await importItems(options(store, goodRows(1500)));
    expect(first).toMatchObject({ inserted: 1500, updated: 0 });
    const changed = [
      { id: 'item-0', text: 'changed' },
      ...goodRows(1499, 1),
      { id: 'new', text: 'n' },
    ];
    const second = await importItems(options(store, changed, { batch: 'b2' }));
    expect(second).toMatchObject({ read: 1501, inserted: 1, updated: 1500 });
    expect(await store.countItems({})).toBe(1501);
    expect(await store.getItem('item-0')).toMatchObject({
      fields: { text: 'changed' },
      batch: 'b2',
    });
  });

  it('reports progress as records are read, and finishes even on failure', async () => {
    const events: string[] = [];
    const progress: Progress = {
      start: (label, total) => events.push(`start ${label} ${total}`),
      update: (done) => events.push(`update ${done}`),
      finish: (message) => events.push(`finish ${message ?? ''}`),
    };
    const store = new MemoryStore();
    await importItems(options(store, goodRows(2100), { progress }));
    expect(events).toEqual([
      `start import ${FILE} 0`,
      'update 1000',
      'update 2000',
      'update 2100',
      `finish imported 2100 items from ${FILE}`,
    ]);
    events.length = 0;
    await rejection(importItems(options(store, [{ id: 'x' }], { progress })));
    expect(events.at(-1)).toBe(`finish import of ${FILE} stopped`);
  });
});
