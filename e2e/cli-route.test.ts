import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS, type Row } from './banking-subset.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

let rows: Row[];
beforeAll(() => {
  rows = bankingSubset();
});

interface Exported {
  id: string;
  label: string | null;
  confidence: number | null;
  decidedBy: string | null;
  zone: string | null;
  role: string;
}

async function readJsonl(path: string): Promise<Exported[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Exported);
}

/** A project with the subset split into gold / test / pool by position, labelled by the local model. */
async function labelledProject(name: string, goldEvery: number) {
  const dir = await tempDir(name);
  const project = join(dir, 'bank');
  const p = ['--project', project];
  expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
  const gold = rows.filter((_, i) => i % goldEvery === 0);
  const test = rows.filter((_, i) => i % goldEvery === 1);
  const pool = rows.filter((_, i) => i % goldEvery > 1);
  await writeJsonl(
    join(dir, 'gold.jsonl'),
    gold.map((r) => ({ ...r })),
  );
  await writeJsonl(
    join(dir, 'test.jsonl'),
    test.map((r) => ({ ...r })),
  );
  await writeJsonl(
    join(dir, 'pool.jsonl'),
    pool.map(({ id, text }) => ({ id, text })),
  );
  for (const [file, role] of [
    ['gold', 'gold'],
    ['test', 'test'],
    ['pool', 'pool'],
  ]) {
    const imported = await hilo([
      'import',
      join(dir, `${file}.jsonl`),
      '--role',
      role as string,
      ...p,
    ]);
    expect(imported.code, imported.err).toBe(0);
  }
  expect((await hilo(['learn', ...p])).code).toBe(0);
  const labelled = await hilo(['label', ...p]);
  expect(labelled.code, labelled.err).toBe(0);
  return { dir, project, p, gold, test, pool, truth: new Map(rows.map((r) => [r.id, r.label])) };
}

describe('hilo calibrate → plan → route → export → audit (local labeller, SQLite)', () => {
  it('routes with a guarantee, and the export carries zones and auto decisions', async () => {
    // Gold: every second item (~700), test and pool: ~350 each.
    const { dir, p, gold, pool, truth } = await labelledProject('route', 4);
    const calibrated = await hilo(['calibrate', ...p]);
    expect(calibrated.code, calibrated.err).toBe(0);
    expect(calibrated.out).toMatch(
      new RegExp(`model:local@1 on ${gold.length} gold items, 5-fold cross-fitted`),
    );
    for (const method of ['none', 'temperature', 'platt', 'isotonic', 'histogram'])
      expect(calibrated.out).toMatch(new RegExp(`^[* ] ${method} `, 'm'));
    expect(calibrated.out).toMatch(
      /stored \w+ \(lowest held-out NLL\) as calibrator:model:local@1 version 1/,
    );

    const plan = await hilo(['plan', '--target-accuracy', '0.9', ...p]);
    expect(plan.code, plan.err).toBe(0);
    expect(plan.out).toMatch(/^→ /m);
    expect(plan.out).toMatch(/people alone: \$\d+\.\d\d/);

    const routed = await hilo([
      'route',
      '--target-accuracy',
      '0.9',
      '--confidence',
      '0.9',
      '--audit-rate',
      '0.1',
      ...p,
    ]);
    expect(routed.code, routed.err).toBe(0);
    expect(routed.out).toMatch(/^Accepting the machine's label for \d+% of items/);
    expect(routed.out).toContain(
      `these ${gold.length} gold items, which must be a random sample of the pool`,
    );
    expect(routed.out).toMatch(/check on \d+ held-out test items/);
    const json = JSON.parse(
      (await hilo(['route', '--target-accuracy', '0.9', '--confidence', '0.9', '--json', ...p]))
        .out,
    ) as { counts: { accept: number; overlap: number; human: number } };
    expect(json.counts.accept + json.counts.overlap + json.counts.human).toBe(pool.length);

    const out = join(dir, 'routed.jsonl');
    expect((await hilo(['export', out, ...p])).code).toBe(0);
    const lines = await readJsonl(out);
    const routedPool = lines.filter((l) => l.role === 'pool');
    expect(routedPool).toHaveLength(pool.length);
    const accepted = routedPool.filter((l) => l.zone === 'accept');
    expect(accepted.length).toBeGreaterThan(0);
    for (const line of accepted) expect(line.decidedBy).toBe('auto');
    for (const line of routedPool.filter((l) => l.zone !== 'accept')) {
      expect(line).toMatchObject({ zone: 'overlap', decidedBy: 'machine' });
    }
    const right = accepted.filter((l) => truth.get(l.id) === l.label).length;
    expect(right / accepted.length).toBeGreaterThan(0.85);
    // Gold and test items are not routed.
    expect(lines.filter((l) => l.role !== 'pool').every((l) => l.zone === null)).toBe(true);

    // People answer the audited items through import-votes; one in three disagrees.
    const audit0 = await hilo(['audit', ...p]);
    expect(audit0.code).toBe(0);
    expect(audit0.out).toMatch(/\d+ accepted items drawn for audit: 0 answered by people/);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const drawn = accepted.filter((l) => byId.has(l.id)).map((l) => l.id);
    const auditedIds = JSON.parse((await hilo(['audit', '--json', ...p])).out) as { drawn: number };
    expect(auditedIds.drawn).toBeGreaterThan(0);
    const votes = drawn.map((id, i) => {
      const label = byId.get(id)?.label as string;
      const other = SUBSET_LABELS.find((l) => l !== label) as string;
      return `ann1,${id},${i % 3 === 0 ? other : label}`;
    });
    await writeFile(join(dir, 'answers.csv'), ['worker,task,label', ...votes].join('\n') + '\n');
    expect((await hilo(['import-votes', join(dir, 'answers.csv'), ...p])).code).toBe(0);
    const audit = await hilo(['audit', '--fail-on-alarm', '--items', '3', ...p]);
    expect(audit.out).toMatch(/^ALARM: batch \(no batch\): accepted labels \d+\.\d% correct/m);
    // The audited items are listed with the machine's label and people's answer.
    const report = JSON.parse((await hilo(['audit', '--json', ...p])).out) as {
      items: { id: string; label: string; answer: string; agrees: boolean }[];
      agreement: { agreed: number; decided: number };
    };
    expect(report.agreement.decided).toBe(auditedIds.drawn);
    const wrong = report.items.filter((row) => !row.agrees);
    expect(report.agreement.agreed).toBe(auditedIds.drawn - wrong.length);
    expect(wrong.length).toBeGreaterThan(0);
    expect(audit.out).toContain(
      `people agree with the machine on ${report.agreement.agreed} of ${auditedIds.drawn}`,
    );
    const row = report.items[0]!;
    expect(audit.out).toMatch(
      new RegExp(`^  ${row.id} +${row.label} +${row.answer} +${row.agrees ? 'yes' : 'NO'}$`, 'm'),
    );
    if (auditedIds.drawn > 3)
      expect(audit.out).toContain(
        `… ${auditedIds.drawn - 3} more (--items ${auditedIds.drawn}, or --json)`,
      );
    expect(audit.code).toBe(1);
    expect((await hilo(['audit', ...p])).code).toBe(0);
  });

  it('says how many more gold items a too-small gold set needs', async () => {
    // Gold: every twelfth item (~120): too few to promise 97% with 95% confidence.
    const { p } = await labelledProject('route-small', 12);
    expect((await hilo(['calibrate', ...p])).code).toBe(0);
    const routed = await hilo(['route', '--target-accuracy', '0.97', ...p]);
    expect(routed.code, routed.err).toBe(0);
    expect(routed.out).toMatch(
      /^No threshold can promise accepted labels 97\.0% correct with 95% confidence from the \d+ gold items available/,
    );
    expect(routed.out).toMatch(
      /gold too small for this target: about \d+ more gold items needed \(\d+ in all\)/,
    );
    expect(routed.out).toMatch(/ 0 accept, /);
  });

  it('rejects conflicting modes and asks for calibration first', async () => {
    const dir = await tempDir('route-err');
    const project = join(dir, 'p');
    await hilo(['init', project, '--labels', 'spam,ham']);
    const both = await hilo(['route', '--meta', '--per-class', '--project', project]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/choose one of --per-class, --meta/);
    const bad = await hilo(['route', '--target-accuracy', '97', '--project', project]);
    expect(bad.code).toBe(2);
    const none = await hilo(['route', '--project', project]);
    expect(none.code).toBe(3);
  });
});
