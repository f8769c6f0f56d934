import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

/** Sets keys of a project's hilo.yaml written by `hilo init`. */
async function edit(project: string, replacements: readonly [string, string][]): Promise<void> {
  const file = join(project, 'hilo.yaml');
  let text = await readFile(file, 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`hilo.yaml has no "${from}"`);
    text = text.replace(from, to);
  }
  await writeFile(file, text, 'utf8');
}

describe('hilo aggregate, agreement and rank on a pairwise project (synthetic systems)', () => {
  it('aggregates people and a judge, measures the judge, and ranks the systems in order', async () => {
    const dir = await tempDir('pairwise');
    const project = join(dir, 'arena');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', 'a,b,tie'])).code).toBe(0);
    await edit(project, [
      ['kind: classify', 'kind: pairwise'],
      ['fields:\n  - text\n', 'fields:\n  - prompt\n  - a\n  - b\n'],
    ]);
    // Three systems of known strength; every pair met 60 times, sides at random.
    const strength: Record<string, number> = { strong: 1.5, middle: 0, weak: -1.5 };
    const names = Object.keys(strength);
    const rng = createRng(5);
    const items: Record<string, unknown>[] = [];
    const votes = ['worker,task,label'];
    const judge = ['id,label,p_a,p_b,p_tie'];
    for (let n = 0; n < 180; n++) {
      const [x, y] = ((pair) => (rng.next() < 0.5 ? pair : [pair[1], pair[0]]))(
        [
          [names[0], names[1]],
          [names[0], names[2]],
          [names[1], names[2]],
        ][n % 3] as [string, string],
      );
      const pA = 1 / (1 + Math.exp((strength[y as string] ?? 0) - (strength[x as string] ?? 0)));
      const truth = rng.next() < pA ? 'a' : 'b';
      items.push({ id: `q${n}`, prompt: 'p', a: 'x', b: 'y', model_a: x, model_b: y });
      for (const w of ['w1', 'w2', 'w3'])
        votes.push(`${w},q${n},${rng.next() < 0.85 ? truth : truth === 'a' ? 'b' : 'tie'}`);
      // The judge picks A whenever it is unsure: a position bias the agreement table shows.
      const said = rng.next() < 0.7 ? truth : 'a';
      judge.push(`q${n},${said},${said === 'a' ? 1 : 0},${said === 'b' ? 1 : 0},0`);
    }
    await writeJsonl(join(dir, 'items.jsonl'), items);
    await writeFile(join(dir, 'votes.csv'), `${votes.join('\n')}\n`);
    await writeFile(join(dir, 'judge.csv'), `${judge.join('\n')}\n`);
    expect((await hilo(['import', join(dir, 'items.jsonl'), ...p])).code).toBe(0);
    expect((await hilo(['import-votes', join(dir, 'votes.csv'), ...p])).code).toBe(0);
    const predictions = await hilo([
      'import-predictions',
      join(dir, 'judge.csv'),
      '--model',
      'judge',
      ...p,
    ]);
    expect(predictions.code, predictions.err).toBe(0);

    const unset = await hilo(['rank', ...p]);
    expect(unset.code).not.toBe(0);
    expect(unset.err).toContain(
      'a ranking needs pairwise.systemA and pairwise.systemB in hilo.yaml',
    );
    await edit(project, [
      ['  systemA: null\n  systemB: null', '  systemA: model_a\n  systemB: model_b'],
    ]);

    const aggregated = await hilo(['aggregate', ...p]);
    expect(aggregated.code, aggregated.err).toBe(0);
    expect(aggregated.out).toMatch(
      /^recommended: 180 items decided from 720 votes of 4 annotators/,
    );
    const median = await hilo(['aggregate', '--method', 'median', ...p]);
    expect(median.err).toContain(
      'the posterior median orders the levels of a rating scale; this project is kind pairwise',
    );

    const agreement = await hilo(['agreement', '--samples', '0', ...p]);
    expect(agreement.code, agreement.err).toBe(0);
    expect(agreement.out).toMatch(/people: 540 verdicts on 180 pairs/);
    const judgeLine = agreement.out.split('\n').find((l) => l.includes('import:judge')) ?? '';
    const first = Number(/([\d.]+)%\s*$/.exec(judgeLine)?.[1]);
    expect(first).toBeGreaterThan(60);

    const csv = join(dir, 'ranking.csv');
    const ranked = await hilo(['rank', '--out', csv, ...p]);
    expect(ranked.code, ranked.err).toBe(0);
    expect(ranked.out).toContain('Bradley–Terry over 180 decided verdicts of 3 systems (prior 1)');
    const rows = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('rank,system,score,standard_error,lower,upper,wins,losses,ties');
    expect(rows.slice(1).map((r) => r.split(',')[1])).toEqual(['strong', 'middle', 'weak']);
    const json = JSON.parse((await hilo(['rank', '--votes', '--json', ...p])).out) as {
      comparisons: number;
      systems: { system: string; lower: number; upper: number }[];
    };
    expect(json.comparisons).toBe(540);
    expect(json.systems.map((s) => s.system)).toEqual(['strong', 'middle', 'weak']);
    expect(json.systems[0]?.lower).toBeGreaterThan(json.systems[1]?.upper ?? 0);
  });
});

describe('hilo aggregate and agreement on a rating project', () => {
  it('decides by the posterior median by default and reports ordinal agreement', async () => {
    const dir = await tempDir('rating');
    const project = join(dir, 'severity');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', '1,2,3,4,5'])).code).toBe(0);
    await edit(project, [['kind: classify', 'kind: rating']]);
    const rng = createRng(9);
    const votes = ['worker,task,label'];
    const truth = ['task,label'];
    for (let n = 0; n < 60; n++) {
      const level = 1 + rng.int(5);
      truth.push(`r${n},${level}`);
      for (const w of ['e1', 'e2', 'e3', 'e4']) {
        const step = rng.next() < 0.3 ? (rng.next() < 0.5 ? -1 : 1) : 0;
        votes.push(`${w},r${n},${Math.min(5, Math.max(1, level + step))}`);
      }
    }
    await writeFile(join(dir, 'votes.csv'), `${votes.join('\n')}\n`);
    await writeFile(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
    const imported = await hilo([
      'import-votes',
      join(dir, 'votes.csv'),
      '--truth',
      join(dir, 'truth.csv'),
      ...p,
    ]);
    expect(imported.code, imported.err).toBe(0);
    const aggregated = await hilo(['aggregate', ...p]);
    expect(aggregated.code, aggregated.err).toBe(0);
    expect(aggregated.out).toMatch(/^recommended, posterior median: 60 items decided/);
    expect(aggregated.out).toMatch(/accuracy on 60 held-out truth items: \d+(\.\d)?%/);
    const mae = Number(/MAE ([\d.]+)/.exec(aggregated.out)?.[1]);
    expect(mae).toBeLessThan(0.2);
    const mode = await hilo(['aggregate', '--method', 'ds', ...p]);
    expect(mode.out).toMatch(/^dawid-skene: 60 items decided/);
    const agreement = await hilo(['agreement', '--samples', '0', ...p]);
    expect(agreement.out).toMatch(/Krippendorff's alpha ordinal 0\.\d{3}, interval 0\.\d{3}/);
    expect(agreement.out).toMatch(/e1 \/ e2\s+60\s+0\.\d{3}/);
  });
});

describe('hilo aggregate and agreement on a multi-label project', () => {
  it('aggregates sets per label and reports α with MASI and per label', async () => {
    const dir = await tempDir('multilabel');
    const project = join(dir, 'toxic');
    const p = ['--project', project];
    const init = await hilo([
      'init',
      project,
      '--kind',
      'multilabel',
      '--labels',
      'toxic,obscene,insult',
      '--field',
      'text',
    ]);
    expect(init.code, init.err).toBe(0);
    const labels = ['toxic', 'obscene', 'insult'];
    const rng = createRng(4);
    const votes = ['worker,task,label'];
    const truth = ['task,label'];
    const people = { careful: 0.95, steady: 0.9, sloppy1: 0.55, sloppy2: 0.55, sloppy3: 0.55 };
    for (let n = 0; n < 80; n++) {
      const applies = labels.map(() => rng.next() < 0.35);
      // In CSV a set is its names joined by |, the empty set [].
      const code = (set: string[]): string => (set.length > 0 ? set.join('|') : '[]');
      truth.push(`t${n},${code(labels.filter((_, l) => applies[l]))}`);
      for (const [who, accuracy] of Object.entries(people)) {
        const said = labels.filter((_, l) => rng.next() < accuracy === applies[l]);
        votes.push(`${who},t${n},${code(said)}`);
      }
    }
    await writeFile(join(dir, 'votes.csv'), `${votes.join('\n')}\n`);
    await writeFile(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
    const imported = await hilo([
      'import-votes',
      join(dir, 'votes.csv'),
      '--truth',
      join(dir, 'truth.csv'),
      ...p,
    ]);
    expect(imported.code, imported.err).toBe(0);
    const accuracy = (out: string): number =>
      Number(/exact-set accuracy on 80 held-out truth items: ([\d.]+)%/.exec(out)?.[1]);
    const mv = await hilo(['aggregate', '--method', 'mv', ...p]);
    expect(mv.code, mv.err).toBe(0);
    const ds = await hilo(['aggregate', ...p]);
    expect(ds.out).toMatch(
      /^recommended, per label: 80 items decided from 400 votes of 5 annotators/,
    );
    expect(ds.out).toContain('confidence is exact-set accuracy');
    expect(accuracy(ds.out)).toBeGreaterThan(accuracy(mv.out) + 10);
    const exported = join(dir, 'out.jsonl');
    expect((await hilo(['export', exported, ...p])).code).toBe(0);
    const first = JSON.parse((await readFile(exported, 'utf8')).split('\n')[0] ?? '{}') as {
      labels: string[];
      probabilities: Record<string, number>;
    };
    expect(Object.keys(first.probabilities).sort()).toEqual([...labels].sort());
    const agreement = await hilo(['agreement', '--samples', '0', ...p]);
    expect(agreement.code, agreement.err).toBe(0);
    expect(agreement.out).toMatch(/Krippendorff's alpha, MASI distance between sets: 0\.\d{3}/);
    expect(agreement.out).toMatch(/\n {2}obscene\s+\d+\.\d%\s+0\.\d{3}\s+0\.\d{3}/);
  });
});
