import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';
import { spawnHilo, until } from './spawned-cli.js';

describe('hilo learn --every', () => {
  it('retrains in a running process as people answer, and stops cleanly on Ctrl-C', async () => {
    const dir = await tempDir('learn-loop');
    const project = join(dir, 'bank');
    const p = ['--project', project];
    // 20 gold and 7 pool items per intent.
    const byLabel = SUBSET_LABELS.map((label) => bankingSubset().filter((r) => r.label === label));
    const goldRows = byLabel.flatMap((rows) => rows.slice(0, 20));
    const poolRows = byLabel.flatMap((rows) => rows.slice(20, 27));
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const gold = await writeJsonl(join(dir, 'gold.jsonl'), goldRows);
    const pool = poolRows.map(({ id, text }) => ({ id, text }));
    expect((await hilo(['import', gold, '--role', 'gold', ...p])).code).toBe(0);
    expect(
      (await hilo(['import', await writeJsonl(join(dir, 'pool.jsonl'), pool), ...p])).code,
    ).toBe(0);

    const child = spawnHilo(['learn', '--every', '5', '--interval', '0.2', '--folds', '0', ...p]);
    const out = child.out;
    const err = child.err;
    try {
      await until(() => out() + err(), /round 1: model:local@1 trained on 120 items/, 60_000);

      // A person answers six pool items (one per intent): six new labels, over the threshold of five.
      const answers = ['worker,task,label'];
      for (const r of poolRows.filter((_, i) => i % 7 === 0))
        answers.push(`ann,${r.id},${r.label}`);
      const votes = join(dir, 'answers.csv');
      await writeFile(votes, `${answers.join('\n')}\n`);
      const imported = await hilo(['import-votes', votes, ...p]);
      expect(imported.code, imported.err).toBe(0);

      await until(out, /round 2: model:local@2 trained on 126 items/, 60_000);
      expect(out()).toMatch(/round 2: .*\(6 new labels/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await child.exited).toBe(0);
    expect(out()).toMatch(/stopped after 2 rounds; newest model:local@2\n$/);
    expect(err()).toMatch(/stopping after the step in progress/);
  }, 150_000);
});
