import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS, type Row } from './banking-subset.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

let rows: Row[];
beforeAll(() => {
  rows = bankingSubset();
});

describe('hilo init → import → learn → label → eval → export (local labeller, SQLite)', () => {
  it('labels every item with a distribution and scores it on held-out gold', async () => {
    const dir = await tempDir('e2e');
    const project = join(dir, 'bank');
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const gold = rows.filter((_, i) => i % 3 === 0);
    const test = rows.filter((_, i) => i % 3 === 1);
    const pool = rows.filter((_, i) => i % 3 === 2).map(({ id, text }) => ({ id, text }));
    await writeJsonl(join(dir, 'gold.jsonl'), gold);
    await writeJsonl(join(dir, 'test.jsonl'), test);
    await writeJsonl(join(dir, 'pool.jsonl'), pool);
    const p = ['--project', project];
    expect((await hilo(['import', join(dir, 'gold.jsonl'), '--role', 'gold', ...p])).out).toMatch(
      new RegExp(`imported ${gold.length} gold items`),
    );
    expect((await hilo(['import', join(dir, 'test.jsonl'), '--role', 'test', ...p])).code).toBe(0);
    const imported = await hilo(['import', join(dir, 'pool.jsonl'), ...p]);
    expect(imported.out).toContain(`(${pool.length} new, 0 updated)`);
    const again = await hilo(['import', join(dir, 'pool.jsonl'), ...p]);
    expect(again.out).toContain(`(0 new, ${pool.length} updated)`);

    const learned = await hilo(['learn', '--folds', '3', ...p]);
    expect(learned.code).toBe(0);
    expect(learned.out).toMatch(/trained model:local@1 on \d+ items/);

    const labelled = await hilo(['label', ...p]);
    expect(labelled.code, labelled.err).toBe(0);
    expect(labelled.out).toContain(`${test.length + pool.length} labelled`);
    expect(labelled.out).toContain(`${gold.length} already labelled`);

    const evaluation = await hilo(['eval', '--json', ...p]);
    const ev = JSON.parse(evaluation.out) as {
      scored: number;
      metrics: { accuracy: number; macroF1: number };
    };
    expect(ev.scored).toBe(test.length);
    expect(ev.metrics.accuracy).toBeGreaterThan(0.85);

    const out = join(dir, 'labels.jsonl');
    expect((await hilo(['export', out, ...p])).out).toContain(`wrote ${rows.length} items`);
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(rows.length);
    const first = lines.find((l) => l.id === pool[0]?.id) as {
      probabilities: Record<string, number>;
      label: string;
      confidence: number;
      decidedBy: string;
      source: string;
    };
    expect(Object.keys(first.probabilities).sort()).toEqual([...SUBSET_LABELS].sort());
    expect(Object.values(first.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(first.confidence).toBeCloseTo(first.probabilities[first.label] as number, 10);
    expect(first).toMatchObject({ decidedBy: 'machine', source: 'model:local@1' });

    const csv = join(dir, 'labels.csv');
    expect((await hilo(['export', csv, ...p])).code).toBe(0);
    const header = (await readFile(csv, 'utf8')).split('\n')[0] ?? '';
    expect(header).toContain('p_card_arrival');
  });

  it('a bad line names file, line and field, and stores nothing from that file', async () => {
    const dir = await tempDir('e2e-bad');
    const project = join(dir, 'p');
    await hilo(['init', project, '--labels', 'spam,ham']);
    const file = join(dir, 'gold.jsonl');
    await writeFile(
      file,
      [
        '{"id":"1","text":"win","label":"spam"}',
        '{"id":"2","text":"hi","label":"ham"}',
        '{"id":"3","text":"x","label":"spma"}',
      ].join('\n'),
    );
    const bad = await hilo(['import', file, '--role', 'gold', '--project', project]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/gold\.jsonl, line 3, field "label"/);
    const out = join(dir, 'out.jsonl');
    expect((await hilo(['export', out, '--project', project])).out).toContain('wrote 0 items');
    const skipped = await hilo([
      'import',
      file,
      '--role',
      'gold',
      '--skip-invalid',
      '--project',
      project,
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.err).toMatch(/skipped .*gold\.jsonl, line 3, field "label"/);
    expect(skipped.out).toContain('2 new');
  });

  it('fails with a one-line reason and a non-zero code', async () => {
    const dir = await tempDir('e2e-err');
    const missing = await hilo(['label', '--project', dir]);
    expect(missing.code).toBe(3);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/no hilo\.yaml/);
    const badRole = await hilo(['import', 'x.jsonl', '--role', 'golden', '--project', dir]);
    expect(badRole.code).toBe(2);
  });
});
