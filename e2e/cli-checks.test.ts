import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import { hilo, readJsonl, tempDir, writeJsonl } from './cli-harness.js';

describe('hilo checks draw → export → import --role check → export (SQLite)', () => {
  it('draws pool items for experts, takes their answers from a file, and keeps them as expert labels', async () => {
    const rows = bankingSubset().slice(0, 300);
    const dir = await tempDir('checks');
    const project = join(dir, 'bank');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const yaml = join(project, 'hilo.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8')).replace(/expertItemUsd: 1\b/, 'expertItemUsd: 2.5'),
    );
    const gold = rows.filter((_, i) => i % 3 === 0);
    const pool = rows.filter((_, i) => i % 3 !== 0);
    await writeJsonl(join(dir, 'gold.jsonl'), gold);
    await writeJsonl(
      join(dir, 'pool.jsonl'),
      pool.map(({ id, text }) => ({ id, text })),
    );
    expect(
      (await hilo(['checks', 'draw', '--count', '5', '--source', 'model:local@1', ...p])).err,
    ).toMatch(/no pool items to draw checks from: run `hilo import` first/);
    for (const role of ['gold', 'pool']) {
      const imported = await hilo(['import', join(dir, `${role}.jsonl`), '--role', role, ...p]);
      expect(imported.code, imported.err).toBe(0);
    }
    expect((await hilo(['learn', ...p])).code).toBe(0);
    expect((await hilo(['label', ...p])).code).toBe(0);
    expect((await hilo(['calibrate', ...p])).code).toBe(0);
    expect((await hilo(['checks', ...p])).out).toMatch(/no checks drawn yet/);

    const drawn = await hilo(['checks', 'draw', '--budget', '51', ...p]);
    expect(drawn.code, drawn.err).toBe(0);
    expect(drawn.out).toMatch(
      new RegExp(
        `draw 1: 20 new checks from ${pool.length} pool items scored by model:local@1 \\(calibrated confidence\\)`,
      ),
    );
    expect(drawn.out).toMatch(/cost: \$50\.00 for the new checks at \$2\.50 per item/);
    expect(drawn.out).toMatch(/next: reviewers answer them/);
    const topped = await hilo(['checks', 'draw', '--count', '10', '--seed', '2', ...p]);
    expect(topped.out).toMatch(/draw 2: 10 new checks .*; 30 checks in all/);

    const file = join(dir, 'checks.csv');
    const exported = await hilo(['checks', 'export', file, ...p]);
    expect(exported.out).toMatch(/wrote 30 checks/);
    const csv = (await readFile(file, 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('id,text,label');
    expect(csv.length).toBe(31);
    const truth = new Map(rows.map((r) => [r.id, r.label]));
    const ids = csv.slice(1).map((line) => line.split(',')[0] as string);
    const answers = join(dir, 'answers.jsonl');
    await writeJsonl(
      answers,
      ids.slice(0, 25).map((id) => ({ id, label: truth.get(id) })),
    );

    const bad = join(dir, 'bad.jsonl');
    await writeJsonl(bad, [
      { id: ids[0], label: truth.get(ids[0] as string) },
      { id: gold[0]?.id, label: 'pin_blocked' },
    ]);
    const refused = await hilo(['import', bad, '--role', 'check', ...p]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/bad\.jsonl, line 2, field "id": item "b\d+" was never drawn/);

    const imported = await hilo(['import', answers, '--role', 'check', ...p]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/imported 25 expert answers to checks .*\(25 changed\)/);
    expect((await hilo(['import', answers, '--role', 'check', ...p])).out).toMatch(/\(0 changed\)/);

    const status = await hilo(['checks', ...p]);
    expect(status.out).toMatch(/30 checks drawn in 2 draws, 25 labelled by experts, 5 waiting/);
    expect(status.out).toMatch(
      /cost so far: \$62\.50 \(\$2\.50 per item, prices\.expertItemUsd\); \$12\.50 for the 5 still waiting/,
    );

    const route = await hilo(['route', '--target-accuracy', '0.8', ...p]);
    expect(route.code, route.err).toBe(0);
    const out = join(dir, 'out.jsonl');
    expect((await hilo(['export', out, ...p])).code).toBe(0);
    const final = new Map((await readJsonl(out)).map((r) => [r['id'], r]));
    for (const id of ids.slice(0, 25)) {
      expect(final.get(id)).toMatchObject({
        label: truth.get(id),
        labelSource: 'expert',
        decidedBy: 'expert',
      });
    }
    expect(final.get(ids[29])?.['labelSource']).not.toBe('expert');
  }, 120_000);
});
