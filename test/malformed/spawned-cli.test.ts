import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hilo } from '../../e2e/cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'hilo-malformed-cli-'));
const project = join(root, 'project');
const CLI = join(import.meta.dirname, '..', '..', 'e2e', 'run-cli.ts');

beforeAll(async () => {
  expect((await hilo(['init', project, '--labels', 'spam,ham'])).code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `hilo import FILE` in its own process, as a user runs it. */
function importFile(file: string): Promise<{ code: number | null; err: string; ms: number }> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'import', file, '--project', project],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
  return new Promise((done) =>
    child.once('exit', (code) => done({ code, err, ms: Date.now() - started })),
  );
}

function expectOneLineRefusal(run: { code: number | null; err: string }, file: string): string {
  expect(run.code, run.err).toBe(2);
  const errors = run.err.split('\n').filter((line) => line.startsWith('hilo: '));
  expect(errors).toHaveLength(1);
  expect(run.err).not.toMatch(/\n\s+at |RangeError|Maximum call stack/);
  // eslint-disable-next-line no-control-regex -- finding raw control bytes is the point
  expect(run.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(errors[0]).toContain(file);
  return errors[0] as string;
}

describe('hilo import in its own process on malformed files', () => {
  it(
    'stops a 2 MB gzip holding a 2 GiB line at the 16 MiB line cap, quickly, with one line',
    { timeout: 60_000 },
    async () => {
      // 128 gzip members of 16 MiB each: one 2 GiB line of "a" after an opening quote.
      const member = gzipSync(Buffer.alloc(16 << 20, 'a'));
      const file = join(root, 'huge-line.jsonl.gz');
      writeFileSync(
        file,
        Buffer.concat([gzipSync('{"id": "x", "text": "'), ...Array(128).fill(member)]),
      );
      const run = await importFile(file);
      const error = expectOneLineRefusal(run, file);
      expect(error).toMatch(
        /line 1: a line longer than 16 MiB \(input\.maxLineMiB in hilo\.yaml\)/,
      );
      expect(run.ms).toBeLessThan(30_000);
    },
  );

  it('refuses invalid UTF-8 in a CSV naming line and field', async () => {
    const csv = join(root, 'latin.csv');
    writeFileSync(
      csv,
      Buffer.concat([Buffer.from('id,text\n1,ok\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const error = expectOneLineRefusal(await importFile(csv), csv);
    expect(error).toContain('line 3, field "text": invalid UTF-8 (\\xe9)');
  });

  it('refuses 100,000 levels of nesting with one line naming the line', async () => {
    const deep = join(root, 'deep.jsonl');
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    writeFileSync(deep, `{"id": "1", "text": "t", "x": ${nested}}\n`);
    expect(expectOneLineRefusal(await importFile(deep), deep)).toMatch(
      /line 1: nested deeper than 64/,
    );
  });
});
