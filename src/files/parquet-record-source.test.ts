import { readFileSync, writeFileSync } from 'node:fs';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { parquetRecordSource } from './parquet-record-source.js';
import { failure, readAll, useTempDir } from '../testing/fixtures/temp-dir.js';

const dir = useTempDir();

function writeParquet(name: string, rows: number, rowGroupSize: number): string {
  const file = dir.path(name);
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: 'id', data: Array.from({ length: rows }, (_, i) => `item-${i}`), type: 'STRING' },
      { name: 'n', data: Array.from({ length: rows }, (_, i) => BigInt(i)), type: 'INT64' },
      {
        name: 'score',
        data: Array.from({ length: rows }, (_, i) => (i % 2 ? i / 2 : null)),
        type: 'DOUBLE',
      },
    ],
    rowGroupSize,
  });
  return file;
}

describe('parquetRecordSource', () => {
  it('reads rows numbered from 1 across row groups, in batches', async () => {
    const file = writeParquet('groups.parquet', 10, 4);
    const { records, sizes } = await readAll(await parquetRecordSource(file), 3);
    // Batches never straddle row groups (4 + 4 + 2 rows).
    expect(sizes).toEqual([3, 1, 3, 1, 2]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(records[5]).toEqual({ line: 6, values: { id: 'item-5', n: 5, score: 2.5 } });
    expect(records[4]).toEqual({ line: 5, values: { id: 'item-4', n: 4, score: null } });
  });

  it('gives JSON-compatible values: large integers as text, dates as ISO text', async () => {
    const file = dir.path('types.parquet');
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'big', data: [2n ** 60n], type: 'INT64' },
        { name: 'at', data: [new Date(Date.UTC(2024, 0, 2))], type: 'TIMESTAMP' },
        { name: 'meta', data: [{ a: [1, 2] }], type: 'JSON' },
      ],
    });
    const { records } = await readAll(await parquetRecordSource(file));
    expect(records).toEqual([
      {
        line: 1,
        values: { big: '1152921504606846976', at: '2024-01-02T00:00:00.000Z', meta: { a: [1, 2] } },
      },
    ]);
  });

  it('rejects a file that is not Parquet, naming it', async () => {
    const file = dir.write('fake.parquet', 'id,text\n1,hello\n');
    expect(await failure(parquetRecordSource(file))).toMatchObject({
      code: 'INVALID_INPUT',
      location: { file },
      message: expect.stringMatching(/not a readable Parquet file/),
    });
    const empty = dir.write('empty.parquet', '');
    expect(await failure(parquetRecordSource(empty))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('rejects a truncated file', async () => {
    const whole = readFileSync(writeParquet('whole.parquet', 50, 10));
    const cut = dir.path('cut.parquet');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await failure(parquetRecordSource(cut))).toMatchObject({
      code: 'INVALID_INPUT',
      location: { file: cut },
    });
  });

  it('fails on a corrupt row group with the row it starts at', async () => {
    const file = writeParquet('corrupt.parquet', 40, 10);
    const bytes = readFileSync(file);
    // Overwrite the data pages of the row groups after the first, keeping the footer intact.
    const from = Math.floor(bytes.length * 0.3);
    bytes.fill(0xff, from, from + 200);
    writeFileSync(file, bytes);
    const source = await parquetRecordSource(file);
    const error = await failure(readAll(source, 100));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', location: { file } });
    expect(error['location']).toHaveProperty('line');
  });

  it('reports a missing file as NOT_FOUND', async () => {
    const file = dir.path('missing.parquet');
    expect(await failure(parquetRecordSource(file))).toMatchObject({
      code: 'NOT_FOUND',
      location: { file },
    });
  });
});
