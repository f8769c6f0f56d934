import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hilo, tempDir } from './cli-harness.js';

const FIXTURES = join(import.meta.dirname, '..', 'src', 'pipeline', 'predictions', 'fixtures');
const STANCE = join(FIXTURES, 'pac-stance', 'stance-200.csv');
const EMOTION = join(FIXTURES, 'llm-logits-emotion', 'mistral-100.csv');

/** The fixture's rows as [id, text, gold label], read with a CSV parser good enough for it. */
async function stanceRows(): Promise<[string, string, string][]> {
  const text = await readFile(STANCE, 'utf8');
  const rows: [string, string, string][] = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const m = /^(\d+),("(?:[^"]|"")*"|[^,]*),([a-z]+),/.exec(line);
    if (!m) throw new Error(`unexpected line ${line}`);
    const quoted = (m[2] as string).startsWith('"');
    const sentence = quoted ? (m[2] as string).slice(1, -1).replace(/""/g, '"') : (m[2] as string);
    rows.push([m[1] as string, sentence, m[3] as string]);
  }
  return rows;
}

describe('hilo import-predictions → calibrate → route on real GPT-4o predictions (PAC stance)', () => {
  it('imports verbalized confidence, calibrates and routes the imported labeller, and re-imports nothing', async () => {
    const dir = await tempDir('predictions');
    const project = join(dir, 'stance');
    const p = ['--project', project];
    const init = await hilo([
      'init',
      project,
      '--labels',
      'agrees,neutral,disagrees',
      '--field',
      'text',
    ]);
    expect(init.code, init.err).toBe(0);
    const args = ['import-predictions', STANCE, '--model', 'gpt-4o', '--id-field', 'column1'];
    const noLabel = await hilo([...args, ...p]);
    expect(noLabel.code).toBe(2);
    expect(noLabel.err).toContain(
      'stance-200.csv, line 2, field "label": no label column "label" (the columns are "column1", "text", "Y", "Yhat (GPT4o)", "confidence"; name one with --label-field)',
    );
    const imported = await hilo([...args, '--label-field', 'Yhat (GPT4o)', ...p]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(
      /imported 200 predictions of import:gpt-4o from .*stance-200\.csv: 200 new votes, 0 replaced, 0 unchanged \(200 items created; verbalized 200; run label-1-/,
    );

    const rows = await stanceRows();
    expect(rows).toHaveLength(200);
    const gold = rows.slice(0, 150).map(([id, text, label]) => ({ id, text, label }));
    await writeFile(join(dir, 'gold.jsonl'), gold.map((r) => JSON.stringify(r)).join('\n'));
    expect((await hilo(['import', join(dir, 'gold.jsonl'), '--role', 'gold', ...p])).code).toBe(0);

    const calibrated = await hilo(['calibrate', ...p]);
    expect(calibrated.code, calibrated.err).toBe(0);
    expect(calibrated.err + calibrated.out).toContain(
      'labeller: import:gpt-4o (newest finished label run',
    );
    expect(calibrated.out).toContain('import:gpt-4o on 150 gold items');
    expect(calibrated.out).toMatch(/as calibrator:import:gpt-4o version 1/);

    const routed = await hilo(['route', '--target-accuracy', '0.8', '--json', ...p]);
    expect(routed.code, routed.err).toBe(0);
    const route = JSON.parse(routed.out) as {
      source: string;
      counts: { accept: number; overlap: number; human: number };
      goldItems: number;
    };
    expect(route.source).toBe('import:gpt-4o');
    expect(route.goldItems).toBe(150);
    expect(route.counts.accept + route.counts.overlap + route.counts.human).toBe(50);

    const again = await hilo([...args, '--label-field', 'Yhat (GPT4o)', ...p]);
    expect(again.out).toContain('0 new votes, 0 replaced, 200 unchanged (0 items created');

    const evaluated = await hilo(['eval', '--roles', 'gold', ...p]);
    expect(evaluated.code, evaluated.err).toBe(0);
    expect(evaluated.out).toContain('import:gpt-4o on 150 held-out items');

    // People answer two items: aggregation counts the model as one more annotator (200 votes + 2).
    await writeFile(join(dir, 'answers.csv'), 'worker,task,label\nw1,150,agrees\nw1,151,neutral\n');
    expect((await hilo(['import-votes', join(dir, 'answers.csv'), ...p])).code).toBe(0);
    const aggregated = await hilo(['aggregate', '--method', 'mv', ...p]);
    expect(aggregated.code, aggregated.err).toBe(0);
    expect(aggregated.out).toMatch(/2 items decided from 202 votes of 2 annotators/);
  });

  it('keeps the mass on "I don\'t know" and "None of the above" as other mass, with a notice', async () => {
    const dir = await tempDir('predictions-emotion');
    const project = join(dir, 'emotion');
    const p = ['--project', project];
    await hilo(['init', project, '--labels', 'sadness,joy,anger,fear', '--field', 'text']);
    const imported = await hilo([
      'import-predictions',
      EMOTION,
      '--model',
      'mistral-7b',
      '--id-field',
      'item_id',
      '--cost-per-item',
      '0.0001',
      ...p,
    ]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain(
      '100 new votes, 0 replaced, 0 unchanged (100 items created; distribution 100;',
    );
    expect(imported.out).toContain('cost recorded: $0.0100 ($0.0001 per prediction)');
    expect(imported.err).toMatch(
      /notice: 100 of 100 predictions put mass on options outside the label set \(i_dont_know, none_of_the_above\): \d+\.\d% of their probability on average, kept as other mass/,
    );
  });

  it('refuses a bad row naming file, line and field, and stores nothing', async () => {
    const dir = await tempDir('predictions-bad');
    const project = join(dir, 'p');
    const p = ['--project', project];
    await hilo(['init', project, '--labels', 'yes,no', '--field', 'text']);
    const file = join(dir, 'preds.csv');
    await writeFile(file, 'id,text,label,confidence\na,x,yes,0.9\nb,y,maybe,0.8\n');
    const bad = await hilo(['import-predictions', file, '--model', 'm', ...p]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      'preds.csv, line 3, field "label": label "maybe" is not in the label set (yes, no); map it with --label-map',
    );
    const mapped = await hilo([
      'import-predictions',
      file,
      '--model',
      'm',
      '--label-map',
      '{"maybe": "no"}',
      ...p,
    ]);
    expect(mapped.out).toContain('2 new votes, 0 replaced, 0 unchanged (2 items created');
  });

  it('reads a Label Studio task export (one JSON array)', async () => {
    const dir = await tempDir('predictions-ls');
    const project = join(dir, 'p');
    const p = ['--project', project];
    await hilo(['init', project, '--labels', 'positive,negative', '--field', 'text']);
    const tasks = [1, 2, 3].map((id) => ({
      id,
      data: { text: `review ${id}` },
      predictions: [
        {
          model_version: 'sentiment-v2',
          score: id === 3 ? 1.4 : 0.5 + id / 10,
          result: [
            {
              from_name: 'sentiment',
              to_name: 'text',
              type: 'choices',
              value: { choices: [id === 2 ? 'Negative' : 'Positive'] },
            },
          ],
        },
      ],
    }));
    const file = join(dir, 'tasks.json');
    await writeFile(file, JSON.stringify(tasks, null, 2));
    const map = ['--label-map', '{"Positive": "positive", "Negative": "negative"}'];
    const bad = await hilo(['import-predictions', file, '--model', 'sentiment-v2', ...map, ...p]);
    expect(bad.code).toBe(2);
    // Pretty-printed, each task takes 24 lines: the third (score 1.4) starts on line 50.
    expect(bad.err).toMatch(
      /tasks\.json, line 50, field "confidence": confidence must be a number in \[0, 1\], got 1\.4/,
    );
    await writeFile(file, JSON.stringify(tasks.slice(0, 2), null, 2));
    const good = await hilo(['import-predictions', file, '--model', 'sentiment-v2', ...map, ...p]);
    expect(good.code, good.err).toBe(0);
    expect(good.out).toContain(
      '2 new votes, 0 replaced, 0 unchanged (2 items created; verbalized 2;',
    );
  });
});
