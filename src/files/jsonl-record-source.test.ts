import { describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import { jsonlRecordSource, parseJsonLine } from './jsonl-record-source.js';
import { failure, readAll, useTempDir } from '../testing/fixtures/temp-dir.js';

const dir = useTempDir();

describe('jsonlRecordSource', () => {
  it('numbers lines from 1, counting the blank lines it skips', async () => {
    const file = dir.write('a.jsonl', '{"id":"a"}\n\n   \n{"id":"b","n":2}\r\n{"id":"c"}');
    const { records } = await readAll(jsonlRecordSource(file));
    expect(records).toEqual([
      { line: 1, values: { id: 'a' } },
      { line: 4, values: { id: 'b', n: 2 } },
      { line: 5, values: { id: 'c' } },
    ]);
  });

  it('yields a bad line as an error naming its line, and goes on', async () => {
    const file = dir.write(
      'bad.jsonl',
      '{"id":1}\n{"id":2}\n{"id": 3,,}\n[1,2]\n"text"\nnull\n{"id":7}\n',
    );
    const { records } = await readAll(jsonlRecordSource(file));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(records[2]).toMatchObject({ line: 3, error: expect.stringMatching(/^not valid JSON/) });
    expect(records[3]).toEqual({ line: 4, error: 'expected a JSON object per line, got an array' });
    expect(records[4]).toEqual({ line: 5, error: 'expected a JSON object per line, got a string' });
    expect(records[5]).toEqual({ line: 6, error: 'expected a JSON object per line, got null' });
    expect(records[6]).toEqual({ line: 7, values: { id: 7 } });
  });

  it('yields batches of the asked size', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: i })).join('\n');
    const { records, sizes } = await readAll(jsonlRecordSource(dir.write('many.jsonl', lines)), 10);
    expect(sizes).toEqual([10, 10, 5]);
    expect(records.at(-1)).toEqual({ line: 25, values: { id: 24 } });
  });

  it('strips a byte-order mark and reads gzip', async () => {
    const file = dir.write('z.jsonl.gz', '\ufeff{"id":"a"}\n{"id":"b"}\n');
    const { records } = await readAll(jsonlRecordSource(file, { gzip: true }));
    expect(records).toEqual([
      { line: 1, values: { id: 'a' } },
      { line: 2, values: { id: 'b' } },
    ]);
  });

  it('reports a broken gzip stream or a missing file as a HiloError naming the file', async () => {
    const broken = dir.write('broken.jsonl', 'not gzip');
    const error = await failure(readAll(jsonlRecordSource(broken, { gzip: true })));
    expect(error).toBeInstanceOf(HiloError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', location: { file: broken } });
    const missing = dir.path('missing.jsonl');
    const gone = await failure(readAll(jsonlRecordSource(missing)));
    expect(gone).toMatchObject({ code: 'NOT_FOUND', location: { file: missing } });
  });

  it('stops reading when the consumer stops', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ id: i })).join('\n');
    const source = jsonlRecordSource(dir.write('stop.jsonl', lines));
    for await (const batch of source.batches(10)) {
      expect(batch).toHaveLength(10);
      break;
    }
  });
});

describe('parseJsonLine', () => {
  it('skips blank lines and keeps nested values', () => {
    expect(parseJsonLine(' \t', 4)).toBeUndefined();
    expect(parseJsonLine('{"a":{"b":[1]}}', 2)).toEqual({ line: 2, values: { a: { b: [1] } } });
  });
});
