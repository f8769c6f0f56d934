import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { hilo } from '../../e2e/cli-harness.js';
import { SUITE_INPUT, type MalformedCase } from './cases.js';
import { generateMalformedFiles } from './generate.js';

const root = mkdtempSync(join(tmpdir(), 'hilo-malformed-'));
const template = join(root, 'template');
const SEED_ITEMS: Record<string, string> = { 'seed-1': 'kept as it was', 'seed-2': 'also kept' };
/** No file may take longer than this, hang included. */
const PER_FILE_MS = 10_000;

let cases: (MalformedCase & { readonly path: string })[] = [];

beforeAll(async () => {
  cases = generateMalformedFiles(join(root, 'files'));
  const init = await hilo(['init', template, '--labels', 'spam,ham']);
  expect(init.code, init.err).toBe(0);
  const yaml = join(template, 'hilo.yaml');
  const settings = parseDocument(readFileSync(yaml, 'utf8'));
  settings.set('input', { ...SUITE_INPUT });
  writeFileSync(yaml, settings.toString());
  const seed = join(root, 'seed.jsonl');
  writeFileSync(
    seed,
    Object.entries(SEED_ITEMS)
      .map(([id, text]) => JSON.stringify({ id, text }))
      .join('\n'),
  );
  const imported = await hilo(['import', seed, '--project', template]);
  expect(imported.code, imported.err).toBe(0);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The store's items as id → text. */
function storedItems(project: string): Record<string, string> {
  const db = new Database(join(project, 'hilo.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT id, fields FROM items ORDER BY id').all() as {
      id: string;
      fields: string;
    }[];
    return Object.fromEntries(
      rows.map((r) => [r.id, (JSON.parse(r.fields) as { text: unknown }).text as string]),
    );
  } finally {
    db.close();
  }
}

async function importCase(c: MalformedCase & { readonly path: string }, project: string) {
  cpSync(template, project, { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${c.name}: no answer in ${PER_FILE_MS} ms`)),
      PER_FILE_MS,
    );
  });
  try {
    return await Promise.race([
      hilo(['import', c.path, '--project', project, ...(c.args ?? [])]),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Control characters other than the line breaks between messages. */
// eslint-disable-next-line no-control-regex -- finding raw control bytes is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('the malformed-input suite: every file refused with one line naming file, line and field, or imported exactly', () => {
  it('generates at least 300 files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
  });

  it(
    'imports every file into a fresh store as its case expects',
    { timeout: 600_000 },
    async () => {
      const failures: string[] = [];
      for (const [index, c] of cases.entries()) {
        const project = join(root, `p${index}`);
        const run = await importCase(c, project);
        const problems = check(c, run, storedItems(project));
        if (problems.length > 0) failures.push(`${c.name} (${c.file}): ${problems.join('; ')}`);
        rmSync(project, { recursive: true, force: true });
      }
      expect(failures).toEqual([]);
    },
  );
});

function check(
  c: MalformedCase & { readonly path: string },
  run: { code: number; out: string; err: string },
  stored: Record<string, string>,
): string[] {
  const problems: string[] = [];
  if (/\n\s+at /.test(run.err)) problems.push('a stack trace');
  if (RAW_CONTROL.test(run.err)) problems.push(`raw control bytes in ${JSON.stringify(run.err)}`);
  if ('refused' in c.outcome) {
    const { line, field, message } = c.outcome.refused;
    const errors = run.err.split('\n').filter((l) => l.startsWith('hilo: '));
    if (run.code !== 2)
      problems.push(`exit ${run.code}, expected 2 (${run.err.trim() || run.out.trim()})`);
    if (errors.length !== 1)
      problems.push(`${errors.length} error lines in ${JSON.stringify(run.err)}`);
    const error = errors[0] ?? '';
    if (!error.includes(c.path)) problems.push(`the error does not name the file: ${error}`);
    if (line !== null && !error.includes(`line ${line},`) && !error.includes(`line ${line}:`)) {
      problems.push(`expected line ${line}: ${error}`);
    }
    if (field !== undefined && !error.includes(`field "${field}"`))
      problems.push(`expected field ${field}: ${error}`);
    if (!message.test(error)) problems.push(`expected ${String(message)}: ${error}`);
    if (JSON.stringify(stored) !== JSON.stringify(SEED_ITEMS)) problems.push('the store changed');
  } else {
    if (run.code !== 0) problems.push(`exit ${run.code}: ${run.err.trim()}`);
    const expected = { ...SEED_ITEMS, ...c.outcome.imported };
    const sorted = Object.fromEntries(
      Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    if (JSON.stringify(stored) !== JSON.stringify(sorted)) {
      problems.push(`stored ${JSON.stringify(stored)}, expected ${JSON.stringify(sorted)}`);
    }
  }
  return problems;
}
