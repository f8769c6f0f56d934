import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hilo, tempDir } from './cli-harness.js';

const KINDS = join(import.meta.dirname, '..', 'src', 'testing', 'fixtures', 'kinds');
const EMOTIONS =
  'admiration,amusement,anger,annoyance,approval,caring,confusion,curiosity,desire,disappointment,disapproval,disgust,embarrassment,excitement,fear,gratitude,grief,joy,love,nervousness,optimism,pride,realization,relief,remorse,sadness,surprise,neutral';

async function lines(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function ok(args: string[]): Promise<string> {
  const result = await hilo(args);
  expect(result.code, result.err).toBe(0);
  return result.out;
}

describe('hilo init, import and export per task kind', () => {
  it('a multi-label project: init writes the kind, gold sets round-trip through JSONL and CSV', async () => {
    const dir = await tempDir('kinds-ml');
    const project = join(dir, 'emotions');
    const p = ['--project', project];
    await ok([
      'init',
      project,
      '--kind',
      'multilabel',
      '--labels',
      EMOTIONS,
      '--field',
      'text',
      '--max-labels',
      '4',
    ]);
    const yaml = parse(await readFile(join(project, 'hilo.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(yaml).toMatchObject({
      kind: 'multilabel',
      multilabel: { minLabels: 0, maxLabels: 4, measure: 'exact' },
    });

    const gold = join(KINDS, 'goemotions-multilabel.jsonl');
    expect(await ok(['import', gold, '--role', 'gold', ...p])).toContain('imported 48 gold items');
    await ok(['export', join(dir, 'out.jsonl'), ...p]);
    await ok(['export', join(dir, 'out.csv'), ...p]);
    const source = await lines(gold);
    const out = await lines(join(dir, 'out.jsonl'));
    const sets = (rows: Record<string, unknown>[], key: string) =>
      Object.fromEntries(rows.map((r) => [r.id, [...(r[key] as string[])].sort()]));
    expect(sets(out, 'labels')).toEqual(sets(source, 'label'));
    const csv = (await readFile(join(dir, 'out.csv'), 'utf8')).split('\n');
    expect(csv[0]).toMatch(/^id,text,label,labels,p_admiration,/);

    const again = join(dir, 'again');
    await ok(['init', again, '--kind', 'multilabel', '--labels', EMOTIONS, '--field', 'text']);
    await ok(['import', join(dir, 'out.jsonl'), '--role', 'gold', '--project', again]);
    await ok(['import', join(dir, 'out.csv'), '--role', 'test', '--project', again]);
    await ok(['export', join(dir, 'again.jsonl'), '--project', again]);
    const back = await lines(join(dir, 'again.jsonl'));
    expect(sets(back, 'labels')).toEqual(sets(source, 'label'));
    expect(back.every((r) => r.role === 'test')).toBe(true);

    const third = join(dir, 'third');
    await ok(['export', join(dir, 'out.parquet'), ...p]);
    await ok(['init', third, '--kind', 'multilabel', '--labels', EMOTIONS, '--field', 'text']);
    await ok(['import', join(dir, 'out.parquet'), '--role', 'gold', '--project', third]);
    await ok(['export', join(dir, 'third.jsonl'), '--project', third]);
    expect(sets(await lines(join(dir, 'third.jsonl')), 'labels')).toEqual(sets(source, 'label'));

    const names = EMOTIONS.split(',');
    const yes = Object.fromEntries(
      names.map((n) => [n, n === 'joy' ? 0.9 : n === 'love' ? 0.6 : 0.05]),
    );
    await writeFile(
      join(dir, 'preds.jsonl'),
      JSON.stringify({ id: 'new-1', text: 'so happy', probabilities: yes }) + '\n',
    );
    const imported = await ok([
      'import-predictions',
      join(dir, 'preds.jsonl'),
      '--model',
      'm',
      ...p,
    ]);
    expect(imported).toContain('imported 1 predictions of import:m');
    await ok(['export', join(dir, 'machine.jsonl'), ...p]);
    const machine = (await lines(join(dir, 'machine.jsonl'))).find((r) => r.id === 'new-1');
    expect(machine).toMatchObject({
      label: 'joy|love',
      labels: ['joy', 'love'],
      decidedBy: 'machine',
    });
    expect(machine?.confidence).toBeCloseTo(0.9 * 0.6 * 0.95 ** 26, 12);

    await writeFile(
      join(dir, 'bad.jsonl'),
      '{"id":"x","text":"t","label":["joy","fear","love","pride","grief"]}\n',
    );
    const bad = await hilo(['import', join(dir, 'bad.jsonl'), '--role', 'gold', ...p]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      'bad.jsonl, line 1, field "label": 5 labels, more than multilabel.maxLabels (4)',
    );
  });

  it('a pairwise project: no labels needed, responses and systems kept, crowd votes read', async () => {
    const dir = await tempDir('kinds-pw');
    const project = join(dir, 'judge');
    const p = ['--project', project];
    await ok(['init', project, '--kind', 'pairwise', '--system-fields', 'system_a,system_b']);
    const yaml = parse(await readFile(join(project, 'hilo.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(yaml).toMatchObject({
      kind: 'pairwise',
      fields: ['prompt', 'a', 'b'],
      labels: [{ name: 'a' }, { name: 'b' }, { name: 'tie' }],
      pairwise: {
        prompt: 'prompt',
        a: 'a',
        b: 'b',
        systemA: 'system_a',
        systemB: 'system_b',
        swap: true,
      },
    });
    await ok(['import', join(KINDS, 'llmfao-pairwise.jsonl'), '--role', 'test', ...p]);
    expect(await ok(['import-votes', join(KINDS, 'llmfao-pairwise-votes.csv'), ...p])).toContain(
      'imported 129 votes',
    );
    await ok(['export', join(dir, 'out.jsonl'), ...p]);
    const out = await lines(join(dir, 'out.jsonl'));
    expect(out).toHaveLength(30);
    expect(Object.keys(out[0] ?? {}).slice(0, 7)).toEqual([
      'id',
      'prompt',
      'a',
      'b',
      'system_a',
      'system_b',
      'label',
    ]);

    await writeFile(join(dir, 'nosys.jsonl'), '{"id":"x","prompt":"p","a":"1","b":"2"}\n');
    const bad = await hilo(['import', join(dir, 'nosys.jsonl'), ...p]);
    expect(bad.err).toContain('nosys.jsonl, line 1, field "system_a": missing field "system_a"');
  });

  it('a rating project: --scale writes the levels, numbers match them, CSV keeps the distribution', async () => {
    const dir = await tempDir('kinds-rt');
    const project = join(dir, 'abuse');
    const p = ['--project', project];
    await ok(['init', join(dir, 'five'), '--kind', 'rating', '--scale', '1-5', '--field', 'text']);
    const five = parse(await readFile(join(dir, 'five', 'hilo.yaml'), 'utf8')) as {
      labels: { name: string }[];
    };
    expect(five.labels.map((l) => l.name)).toEqual(['1', '2', '3', '4', '5']);
    await ok([
      'init',
      project,
      '--kind',
      'rating',
      '--scale',
      '-3-1',
      '--field',
      'user',
      '--measure',
      'within-k',
    ]);
    await copyFile(join(KINDS, 'convabuse-rating.jsonl'), join(dir, 'items.jsonl'));
    await ok(['import', join(dir, 'items.jsonl'), '--role', 'gold', ...p]);
    await ok(['export', join(dir, 'out.csv'), ...p]);
    const csv = (await readFile(join(dir, 'out.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toContain('label,p_-3,p_-2,p_-1,p_0,p_1,confidence');
    expect(csv).toHaveLength(49);

    await writeFile(join(dir, 'half.jsonl'), '{"id":"x","user":"u","label":2.5}\n');
    const bad = await hilo(['import', join(dir, 'half.jsonl'), '--role', 'gold', ...p]);
    expect(bad.err).toContain(
      'field "label": rating 2.5 is not a level of the scale (-3, -2, -1, 0, 1)',
    );
    const noScale = await hilo(['init', join(dir, 'none'), '--kind', 'rating']);
    expect(noScale.err).toContain('init --kind rating needs the levels');
  });
});
