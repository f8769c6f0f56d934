import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parquetMetadataAsync, asyncBufferFromFile } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { openRecordSink } from './open-record-sink.js';
import { openRecordSource } from './open-record-source.js';
import { failure, readAll, useTempDir } from '../testing/fixtures/temp-dir.js';

const dir = useTempDir();

const ROWS = [
  { id: 'a', text: 'hi, "you"\nthere', n: 1, meta: { tags: ['x'] }, ok: true },
  { id: 'b', text: 'tab\there', n: 2.5, meta: null, ok: false },
  { id: 'c', text: '', n: null, meta: 'plain', ok: null },
];

async function writeAll(
  path: string,
  rows: readonly Record<string, unknown>[],
  rowGroupSize?: number,
) {
  const sink = openRecordSink(path, rowGroupSize === undefined ? {} : { rowGroupSize });
  for (const row of rows) await sink.write(row);
  await sink.close();
}

async function valuesOf(path: string): Promise<unknown[]> {
  const { records } = await readAll(await openRecordSource(path));
  return records.map((r) => ('values' in r ? r.values : r));
}

describe('openRecordSink', () => {
  it.each(['out.jsonl', 'out.jsonl.gz', 'out.parquet'])(
    'round-trips values through %s',
    async (name) => {
      const path = dir.path(name);
      await writeAll(path, ROWS, 2);
      expect(await valuesOf(path)).toEqual(ROWS);
    },
  );

  it.each(['out.csv', 'out.tsv', 'out.csv.gz'])(
    'round-trips %s as text, nested values as JSON',
    async (name) => {
      const path = dir.path(name);
      await writeAll(path, ROWS);
      expect(await valuesOf(path)).toEqual([
        { id: 'a', text: 'hi, "you"\nthere', n: '1', meta: '{"tags":["x"]}', ok: 'true' },
        { id: 'b', text: 'tab\there', n: '2.5', meta: '', ok: 'false' },
        { id: 'c', text: '', n: '', meta: 'plain', ok: '' },
      ]);
    },
  );

  it('quotes CSV cells only when needed', async () => {
    const path = dir.path('quoted.csv');
    await writeAll(path, [{ a: 'plain', b: 'x,y', c: 'say "hi"', d: 'two\nlines', e: 3 }]);
    expect(readFileSync(path, 'utf8')).toBe('a,b,c,d,e\nplain,"x,y","say ""hi""","two\nlines",3\n');
  });

  it('says which formats are flat', () => {
    expect(openRecordSink(dir.path('f.jsonl')).flat).toBe(false);
    expect(openRecordSink(dir.path('f.csv')).flat).toBe(true);
    expect(openRecordSink(dir.path('f.parquet')).flat).toBe(true);
  });

  it('writes Parquet one row group at a time', async () => {
    const path = dir.path('groups.parquet');
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, p: i / 25 }));
    await writeAll(path, rows, 10);
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([10, 10, 5]);
    expect(await valuesOf(path)).toEqual(rows);
  });

  it('types a Parquet column that is all null in the first group as JSON, which takes any value', async () => {
    const path = dir.path('late.parquet');
    const rows = [{ x: null }, { x: null }, { x: 0.5 }, { x: 'text' }];
    await writeAll(path, rows, 2);
    expect(await valuesOf(path)).toEqual(rows);
  });

  it('rejects a value that does not fit its Parquet column, or a key the first record lacks', async () => {
    const typed = openRecordSink(dir.path('typed.parquet'), { rowGroupSize: 1 });
    await typed.write({ n: 1 });
    expect(await failure(typed.write({ n: 'two' }))).toMatchObject({
      code: 'INVALID_INPUT',
      location: { field: 'n' },
    });
    await typed.abort?.();
    const csv = openRecordSink(dir.path('keys.csv'));
    await csv.write({ a: 1 });
    expect(await failure(csv.write({ a: 2, b: 3 }))).toMatchObject({
      code: 'INVALID_INPUT',
      location: { field: 'b' },
    });
    await csv.abort?.();
  });

  it('shows the file only once closed, and abort leaves an existing file untouched', async () => {
    for (const name of ['keep.csv', 'keep.parquet']) {
      const path = dir.path(name);
      writeFileSync(path, 'old');
      const sink = openRecordSink(path, { rowGroupSize: 1 });
      await sink.write({ id: 'new' });
      await sink.write({ id: 'newer' });
      expect(readFileSync(path, 'utf8')).toBe('old');
      await sink.abort?.();
      expect(readFileSync(path, 'utf8')).toBe('old');
    }
    expect(readdirSync(dir.path('.')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes an empty but valid file when nothing was written', async () => {
    for (const name of ['none.jsonl', 'none.csv', 'none.parquet']) {
      await writeAll(dir.path(name), []);
      expect(existsSync(dir.path(name))).toBe(true);
      expect(await valuesOf(dir.path(name))).toEqual([]);
    }
  });

  it('reports a folder that does not exist as an error naming the file', async () => {
    const path = dir.path('no/such/folder/out.jsonl');
    const sink = openRecordSink(path);
    const error = await failure(sink.write({ id: 'a' }).then(() => sink.close()));
    expect(error).toMatchObject({ location: { file: path } });
  });
});
