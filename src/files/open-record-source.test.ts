import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openRecordSource } from './open-record-source.js';
import { fileFormat } from './record-format.js';
import { failure, readAll, useTempDir } from '../testing/fixtures/temp-dir.js';

const dir = useTempDir();

describe('fileFormat', () => {
  it('reads the format and compression off the name', () => {
    expect(fileFormat('a/items.JSONL')).toEqual({ format: 'jsonl', gzip: false });
    expect(fileFormat('items.ndjson.gz')).toEqual({ format: 'jsonl', gzip: true });
    expect(fileFormat('items.json')).toEqual({ format: 'jsonl', gzip: false });
    expect(fileFormat('items.tsv')).toEqual({ format: 'tsv', gzip: false });
    expect(fileFormat('x.parquet')).toEqual({ format: 'parquet', gzip: false });
    expect(fileFormat('data.txt', 'csv')).toEqual({ format: 'csv', gzip: false });
  });

  it('rejects an unknown extension naming the file', () => {
    for (const name of ['items.xlsx', 'items', 'items.gz', 'x.parquet.gz']) {
      expect(() => fileFormat(name)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', location: { file: name } }),
      );
    }
  });
});

describe('openRecordSource', () => {
  it('picks the reader by extension', async () => {
    const csv = dir.write('a.csv', 'id,text\n1,x\n');
    const tsv = dir.write('a.tsv', 'id\ttext\n1\tx\n');
    const jsonl = dir.write('a.ndjson', '{"id":"1","text":"x"}\n');
    for (const path of [csv, tsv]) {
      expect((await readAll(await openRecordSource(path))).records).toEqual([
        { line: 2, values: { id: '1', text: 'x' } },
      ]);
    }
    expect((await readAll(await openRecordSource(jsonl))).records).toEqual([
      { line: 1, values: { id: '1', text: 'x' } },
    ]);
  });

  it('takes a format that overrides the name', async () => {
    const path = dir.write('data.txt', 'id,text\n1,x\n');
    const { records } = await readAll(await openRecordSource(path, { format: 'csv' }));
    expect(records).toHaveLength(1);
  });

  it('reports a missing file as NOT_FOUND and a folder as INVALID_INPUT, naming them', async () => {
    const missing = dir.path('missing.csv');
    expect(await failure(openRecordSource(missing))).toMatchObject({
      code: 'NOT_FOUND',
      location: { file: missing },
      message: expect.stringContaining(missing),
    });
    const folder = dir.path('folder.csv');
    mkdirSync(folder);
    expect(await failure(openRecordSource(folder))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await failure(openRecordSource(dir.path('a.xlsx')))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
