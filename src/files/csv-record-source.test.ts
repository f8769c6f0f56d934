import { describe, expect, it } from 'vitest';
import { csvRecordSource } from './csv-record-source.js';
import { failure, readAll, useTempDir } from '../testing/fixtures/temp-dir.js';

const dir = useTempDir();

describe('csvRecordSource', () => {
  it('maps rows onto the header and skips empty lines', async () => {
    const file = dir.write('a.csv', 'id,text,n\n1,hello,3\n\n2,"a, b",\n');
    const { records } = await readAll(csvRecordSource(file));
    expect(records).toEqual([
      { line: 2, values: { id: '1', text: 'hello', n: '3' } },
      { line: 4, values: { id: '2', text: 'a, b', n: '' } },
    ]);
  });

  it('gives the line a record starts on when quoted fields span lines (LF and CRLF)', async () => {
    const text = 'id,text\n1,"one\ntwo\nthree"\n2,x\n3,"a ""quoted"" word"\n4,y\n';
    const { records } = await readAll(csvRecordSource(dir.write('multi.csv', text)));
    expect(records.map((r) => r.line)).toEqual([2, 5, 6, 7]);
    expect(records[0]).toEqual({ line: 2, values: { id: '1', text: 'one\ntwo\nthree' } });
    expect(records[2]).toEqual({ line: 6, values: { id: '3', text: 'a "quoted" word' } });
    const crlf = 'id,text\r\n1,"a\r\nb\r\nc"\r\n2,x\r\n3,"d\r\ne"\r\n4,y\r\n';
    const windows = await readAll(csvRecordSource(dir.write('crlf.csv', crlf)));
    expect(windows.records.map((r) => r.line)).toEqual([2, 5, 6, 8]);
  });

  it('yields a row with the wrong number of values as an error, and goes on', async () => {
    const file = dir.write('count.csv', 'id,text\n1,a\n2,b,extra\n3\n4,d\n');
    const { records } = await readAll(csvRecordSource(file));
    expect(records).toEqual([
      { line: 2, values: { id: '1', text: 'a' } },
      { line: 3, error: '3 values where the header row has 2 columns' },
      { line: 4, error: '1 value where the header row has 2 columns' },
      { line: 5, values: { id: '4', text: 'd' } },
    ]);
  });

  it('reports an unclosed quote at the line the field opens', async () => {
    const file = dir.write('open.csv', 'id,text\n1,a\n2,b\n3,"never closed\n4,d\n5,e\n');
    const { records } = await readAll(csvRecordSource(file));
    expect(records.slice(0, 2).map((r) => r.line)).toEqual([2, 3]);
    expect(records[2]).toEqual({ line: 4, error: expect.stringMatching(/never closed/) });
    expect(records).toHaveLength(3);
  });

  it('reports text after a closing quote at its line', async () => {
    const file = dir.write('close.csv', 'id,text\n1,a\n2,"b"c\n');
    const { records } = await readAll(csvRecordSource(file));
    expect(records[0]).toEqual({ line: 2, values: { id: '1', text: 'a' } });
    expect(records[1]).toEqual({ line: 3, error: expect.stringMatching(/closing quote/) });
  });

  it('keeps errors and records in file order across batches', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? `${i},x,y` : `${i},t`));
    const file = dir.write('order.csv', `id,text\n${rows.join('\n')}\n`);
    const { records, sizes } = await readAll(csvRecordSource(file), 8);
    expect(records.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    expect(records.filter((r) => 'error' in r).map((r) => r.line)).toEqual([5, 12, 19, 26]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(9);
  });

  it('names a blank header column by its position and numbers repeated names', async () => {
    const file = dir.write('names.csv', ',id,,id,id,id.1\n0,a,b,c,d,e\n');
    const { records } = await readAll(csvRecordSource(file));
    expect(records).toEqual([
      {
        line: 2,
        values: { column1: '0', id: 'a', column3: 'b', 'id.2': 'c', 'id.3': 'd', 'id.1': 'e' },
      },
    ]);
  });

  it('rejects a header row that cannot be parsed, naming file and line', async () => {
    const broken = dir.write('broken.csv', 'id,"te"xt\n1,2\n');
    expect(await failure(readAll(csvRecordSource(broken)))).toMatchObject({
      code: 'INVALID_INPUT',
      location: { file: broken, line: 1 },
      message: expect.stringMatching(/cannot read the header row/),
    });
  });

  it('reads nothing from an empty file or one with only a header', async () => {
    expect((await readAll(csvRecordSource(dir.write('empty.csv', '')))).records).toEqual([]);
    expect((await readAll(csvRecordSource(dir.write('head.csv', 'id,text\n')))).records).toEqual(
      [],
    );
  });

  it('reads TSV, where a stray quote inside a field is a plain character', async () => {
    const file = dir.write('a.tsv', 'id\ttext\n1\tsay "hi" now\n2\t"tab\there"\n');
    const { records } = await readAll(csvRecordSource(file, { delimiter: '\t' }));
    expect(records).toEqual([
      { line: 2, values: { id: '1', text: 'say "hi" now' } },
      { line: 3, values: { id: '2', text: 'tab\there' } },
    ]);
  });

  it('reads gzip and strips a byte-order mark from the header', async () => {
    const file = dir.write('z.csv.gz', '\ufeffid,text\n1,a\n');
    const { records } = await readAll(csvRecordSource(file, { gzip: true }));
    expect(records).toEqual([{ line: 2, values: { id: '1', text: 'a' } }]);
  });
});
