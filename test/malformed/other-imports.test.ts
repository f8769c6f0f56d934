import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hilo } from '../../e2e/cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'hilo-other-imports-'));
const project = join(root, 'project');
const p = ['--project', project];

beforeAll(async () => {
  expect((await hilo(['init', project, '--labels', 'spam,ham'])).code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

describe('hilo import-votes and import-predictions read text as hilo import does', () => {
  it('import-votes refuses Latin-1 bytes naming line and field, and reads them with --encoding latin1', async () => {
    const votes = file('votes.csv', Buffer.from('worker,task,label\nrenée,t1,spam\n', 'latin1'));
    const refused = await hilo(['import-votes', votes, ...p]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${votes}, line 2, field "worker": invalid UTF-8 (\\xe9)`);
    const read = await hilo(['import-votes', votes, '--encoding', 'latin1', ...p]);
    expect(read.code, read.err).toBe(0);
    expect(read.out).toContain('imported 1 votes from 1 annotators');
    const bad = await hilo(['import-votes', votes, '--encoding', 'utf-16', ...p]);
    expect(bad.err).toContain('--encoding must be utf-8 or latin1');
  });

  it('empty vote and prediction files are refused as 0 votes / 0 predictions in FILE', async () => {
    const votes = file('none.csv', 'worker,task,label\n');
    const noVotes = await hilo(['import-votes', votes, ...p]);
    expect(noVotes.code).toBe(2);
    expect(noVotes.err).toContain(`hilo: 0 votes in ${votes}: the file is empty`);
    const predictions = file('none.jsonl', '\n');
    const noPredictions = await hilo(['import-predictions', predictions, '--model', 'm', ...p]);
    expect(noPredictions.code).toBe(2);
    expect(noPredictions.err).toContain(`hilo: 0 predictions in ${predictions}`);
  });

  it('import-predictions keeps ids beyond 2^53 apart', async () => {
    const predictions = file(
      'big.jsonl',
      '{"id": 9007199254740993, "label": "spam", "confidence": 0.9}\n' +
        '{"id": 9007199254740992, "label": "ham", "confidence": 0.8}\n',
    );
    const run = await hilo(['import-predictions', predictions, '--model', 'm', ...p]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/imported 2 predictions of import:m .*2 new votes.*2 items created/);
  });
});
