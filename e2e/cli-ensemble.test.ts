import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

describe('hilo ensemble → calibrate → route (two local models, SQLite)', () => {
  it('pools two labellers into one that calibrate and route treat like any other', async () => {
    const rows = bankingSubset().filter((_, i) => i % 2 === 0);
    const dir = await tempDir('ensemble');
    const project = join(dir, 'bank');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    await writeJsonl(
      join(dir, 'gold.jsonl'),
      rows.filter((_, i) => i % 2 === 0),
    );
    await writeJsonl(
      join(dir, 'pool.jsonl'),
      rows.filter((_, i) => i % 2 === 1).map(({ id, text }) => ({ id, text })),
    );
    for (const role of ['gold', 'pool']) {
      const imported = await hilo(['import', join(dir, `${role}.jsonl`), '--role', role, ...p]);
      expect(imported.code, imported.err).toBe(0);
    }
    // Two different machine labellers: a logistic model on words, then an MLP.
    expect((await hilo(['learn', ...p])).code).toBe(0);
    expect((await hilo(['label', ...p])).code).toBe(0);
    const yaml = join(project, 'hilo.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8')).replace('classifier: logistic', 'classifier: mlp'),
    );
    expect((await hilo(['learn', ...p])).code).toBe(0);
    expect((await hilo(['label', ...p])).code).toBe(0);

    const pooled = await hilo([
      'ensemble',
      '--sources',
      'model:local@1,model:local@2',
      '--name',
      'pair',
      ...p,
    ]);
    expect(pooled.code, pooled.err).toBe(0);
    expect(pooled.out).toMatch(/^ensemble:pair: log pooling of 2 labellers, \d+ items voted/);
    expect(pooled.out).toMatch(/weights learned on \d+ gold items/);
    expect(pooled.out).toMatch(/^ {2}model:local@1 {2}0\.\d{3}/m);
    expect(pooled.out).toContain('next: hilo calibrate --source ensemble:pair');

    const calibrated = await hilo(['calibrate', '--source', 'ensemble:pair', ...p]);
    expect(calibrated.code, calibrated.err).toBe(0);
    const routed = await hilo([
      'route',
      '--source',
      'ensemble:pair',
      '--target-accuracy',
      '0.9',
      '--json',
      ...p,
    ]);
    expect(routed.code, routed.err).toBe(0);
    const report = JSON.parse(routed.out) as { source: string; counts: { accept: number } };
    expect(report.source).toBe('ensemble:pair');
    expect(report.counts.accept).toBeGreaterThan(0);

    // The cascade: the logistic model first, the MLP second, under one whole-data-set promise
    // resting on expert checks drawn from the pool and answered from a file.
    const drawn = await hilo(['checks', 'draw', '--count', '150', '--design', 'uniform', ...p]);
    expect(drawn.code, drawn.err).toBe(0);
    const checksFile = join(dir, 'checks.jsonl');
    expect((await hilo(['checks', 'export', checksFile, ...p])).code).toBe(0);
    const truth = new Map(rows.map((r) => [r.id, r.label]));
    const answers = (await readFile(checksFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id)
      .map((id) => ({ id, label: truth.get(id) }));
    await writeJsonl(join(dir, 'answers.jsonl'), answers);
    const answered = await hilo(['import', join(dir, 'answers.jsonl'), '--role', 'check', ...p]);
    expect(answered.code, answered.err).toBe(0);
    const cascade = await hilo([
      'cascade',
      '--stages',
      'model:local@1,model:local@2',
      '--max-error',
      '0.2',
      '--dry-run',
      ...p,
    ]);
    expect(cascade.code, cascade.err).toBe(0);
    expect(cascade.out).toMatch(
      /^cascade model:local@1 → model:local@2 → people over \d+ pool items, 150 labelled expert checks/,
    );
    expect(cascade.out).toMatch(
      /promise: at most 20\.0% of the final labels are wrong, with 95\.0% confidence/,
    );
    expect(cascade.out).toContain('dry run: nothing written.');
    // The whole-data-set promise of one labeller on the same checks.
    const whole = await hilo([
      'route',
      '--source',
      'model:local@2',
      '--max-error',
      '0.2',
      '--people-error',
      '0',
      ...p,
    ]);
    expect(whole.code, whole.err).toBe(0);
    expect(whole.out).toMatch(/150 expert checks/);
    expect(whole.out).toMatch(/plus \$150\.00 for the 150 expert checks at \$1\.00 each/);
    const oneStage = await hilo(['cascade', '--stages', 'model:local@1', ...p]);
    expect(oneStage.code).not.toBe(0);
    expect(oneStage.err).toMatch(/--stages takes two labellers/);

    const bad = await hilo(['ensemble', '--sources', 'model:local@1', ...p]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/at least two different sources/);
  }, 120_000);
});
