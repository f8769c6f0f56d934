import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HiloError } from '../../src/core/errors.js';
import type { Decision } from '../../src/core/types.js';
import { openRecordSink } from '../../src/files/open-record-sink.js';
import { openRecordSource } from '../../src/files/open-record-source.js';
import { readAll, useTempDir } from '../../src/testing/fixtures/temp-dir.js';
import { exportItems } from '../../src/pipeline/items/index.js';
import { importItems, type ImportItemsOptions } from '../../src/pipeline/items/index.js';
import { MemoryStore } from '../../src/testing/fakes/memory-store.js';

const dir = useTempDir();
const LABELS = ['ham', 'spam'];

async function importFile(
  store: MemoryStore,
  path: string,
  extra: Partial<ImportItemsOptions> = {},
) {
  return importItems({
    store,
    source: await openRecordSource(path),
    role: 'pool',
    idField: 'id',
    labelField: 'label',
    fields: ['text'],
    labels: LABELS,
    skipInvalid: false,
    ...extra,
  });
}

async function importFailure(
  path: string,
  extra: Partial<ImportItemsOptions> = {},
): Promise<HiloError> {
  const store = new MemoryStore();
  const error = await importFile(store, path, extra).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HiloError);
  expect(await store.countItems({})).toBe(0);
  return error as HiloError;
}

const decided: Decision = {
  itemId: '2',
  label: 'spam',
  confidence: 0.8,
  probabilities: { ham: 0.2, spam: 0.8 },
  decidedBy: 'auto',
  source: 'model:local@1',
  voteIds: [],
  zone: 'accept',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

describe('import then export through real files', () => {
  it.each(['items.jsonl', 'items.csv', 'items.tsv', 'items.parquet', 'items.jsonl.gz'])(
    'round-trips %s',
    async (name) => {
      const input = dir.path(`in-${name}`);
      const rows = [
        { id: '1', text: 'hello, "world"\nbye', lang: 'en' },
        { id: '2', text: 'WIN CASH', lang: 'en' },
        { id: '3', text: 'ciao', lang: 'it' },
      ];
      const sink = openRecordSink(input);
      for (const row of rows) await sink.write(row);
      await sink.close();

      const store = new MemoryStore();
      expect(await importFile(store, input)).toMatchObject({ read: 3, inserted: 3, skipped: [] });
      await store.putDecisions([decided]);
      const output = dir.path(`out-${name}`);
      await exportItems({ store, sink: openRecordSink(output), labels: LABELS });

      const { records } = await readAll(await openRecordSource(output));
      const values = records.map((r) => ('values' in r ? r.values : r));
      const flat = !name.includes('jsonl');
      const text = name.endsWith('.csv') || name.endsWith('.tsv');
      // CSV and TSV give text back; an empty cell is the empty string.
      const cell = (value: number | null) => (text ? (value === null ? '' : String(value)) : value);
      const none = text ? '' : null;
      const probabilities = (p: { ham: number; spam: number } | null) =>
        flat
          ? { p_ham: cell(p?.ham ?? null), p_spam: cell(p?.spam ?? null) }
          : { probabilities: p };
      expect(values).toEqual([
        {
          ...rows[0],
          label: none,
          ...probabilities(null),
          confidence: none,
          decidedBy: none,
          labelSource: none,
          source: none,
          zone: none,
          role: 'pool',
        },
        {
          ...rows[1],
          label: 'spam',
          ...probabilities({ ham: 0.2, spam: 0.8 }),
          confidence: cell(0.8),
          decidedBy: 'auto',
          labelSource: 'machine',
          source: 'model:local@1',
          zone: 'accept',
          role: 'pool',
        },
        {
          ...rows[2],
          label: none,
          ...probabilities(null),
          confidence: none,
          decidedBy: none,
          labelSource: none,
          source: none,
          zone: none,
          role: 'pool',
        },
      ]);
    },
  );
});

describe('malformed files stop the import, naming file, line and field', () => {
  it('JSONL with bad JSON on line 3', async () => {
    const path = dir.write(
      'bad.jsonl',
      '{"id":"1","text":"a"}\n{"id":"2","text":"b"}\n{"id":"3","text":\n',
    );
    const error = await importFailure(path);
    expect(error.location).toEqual({ file: path, line: 3 });
    expect(error.message).toMatch(new RegExp(`^${path}, line 3: not valid JSON`));
  });

  it('CSV with an unclosed quote', async () => {
    const path = dir.write('quote.csv', 'id,text\n1,a\n2,"never closed\n3,c\n');
    const error = await importFailure(path);
    expect(error.location).toEqual({ file: path, line: 3 });
    expect(error.message).toMatch(/never closed/);
  });

  it('CSV with a row of the wrong length', async () => {
    const path = dir.write('count.csv', 'id,text\n1,a\n2,b,c\n');
    const error = await importFailure(path);
    expect(error.location).toEqual({ file: path, line: 3 });
    expect(error.message).toMatch(/3 values where the header row has 2 columns/);
  });

  it('CSV without an id', async () => {
    const path = dir.write('noid.csv', 'id,text\n1,a\n,b\n');
    expect((await importFailure(path)).location).toEqual({ file: path, line: 3, field: 'id' });
  });

  it('gold CSV with a label outside the label set', async () => {
    const path = dir.write('gold.csv', 'id,text,label\n1,a,ham\n2,b,spma\n');
    const error = await importFailure(path, { role: 'gold' });
    expect(error.location).toEqual({ file: path, line: 3, field: 'label' });
  });

  it('a Parquet file cut short', async () => {
    const whole = dir.path('whole.parquet');
    const sink = openRecordSink(whole);
    for (let i = 0; i < 100; i++) await sink.write({ id: `${i}`, text: `text ${i}` });
    await sink.close();
    const cut = dir.path('cut.parquet');
    const bytes = readFileSync(whole);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 20));
    await expect(openRecordSource(cut)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      location: { file: cut },
    });
  });

  it('with skipInvalid, every bad line of a CSV is reported', async () => {
    const path = dir.write(
      'mixed.csv',
      'id,text,label\n1,a,ham\n2,b\n,c,ham\n4,d,eggs\n1,e,ham\n6,f,spam\n',
    );
    const store = new MemoryStore();
    const report = await importFile(store, path, { role: 'gold', skipInvalid: true });
    expect(report.skipped.map((s) => [s.line, s.field])).toEqual([
      [3, undefined],
      [4, 'id'],
      [5, 'label'],
      [6, 'id'],
    ]);
    expect(report).toMatchObject({ read: 6, inserted: 2 });
  });
});
