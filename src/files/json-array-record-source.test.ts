import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/fixtures/temp-dir.js';
import { startsAsArray } from './json-array-record-source.js';
import { openRecordSource } from './open-record-source.js';

async function readAll(path: string, batchSize = 2) {
  const out = [];
  for await (const batch of (await openRecordSource(path)).batches(batchSize)) {
    expect(batch.length).toBeLessThanOrEqual(batchSize);
    out.push(...batch);
  }
  return out;
}

const dir = useTempDir();

describe('a .json file holding one array', () => {
  it('is read element by element, each with the line it starts on', async () => {
    const path = dir.write(
      'tasks.json',
      '\uFEFF[\n  {"id": 1, "text": "a ] } [ \\" {"},\n  {\n    "id": 2\n  },\n  3,\n  {"id": 4}\n]\n',
    );
    expect(await readAll(path)).toEqual([
      { line: 2, values: { id: 1, text: 'a ] } [ " {' } },
      { line: 3, values: { id: 2 } },
      { line: 6, error: 'element 3 of the array is not an object' },
      { line: 7, values: { id: 4 } },
    ]);
  });

  it('reports a broken file as one error, and still reads JSON lines as before', async () => {
    const broken = dir.write('broken.json', '[{"id": 1},');
    const [only, ...rest] = await readAll(broken);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ line: 1, error: expect.stringMatching(/^not valid JSON/) });
    const lines = dir.write('lines.json', '{"id": 1}\n{"id": 2}\n');
    expect(await readAll(lines)).toEqual([
      { line: 1, values: { id: 1 } },
      { line: 2, values: { id: 2 } },
    ]);
  });

  it('tells an array from JSON lines by its first character', () => {
    expect(startsAsArray('\n  [{"id": 1}]')).toBe(true);
    expect(startsAsArray('{"id": [1]}')).toBe(false);
  });
});
