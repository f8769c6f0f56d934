import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hilo, tempDir } from './cli-harness.js';

const FIXTURE = join(
  import.meta.dirname,
  '..',
  'src',
  'core',
  'aggregation',
  'fixtures',
  'bluebirds',
);

describe('hilo import-votes → aggregate → agreement → export on a real crowd (bluebirds)', () => {
  it('moves crowd data in, aggregates it and reproduces the published accuracies', async () => {
    const dir = await tempDir('crowd');
    const project = join(dir, 'birds');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', '0,1'])).code).toBe(0);
    const imported = await hilo([
      'import-votes',
      join(FIXTURE, 'answers.csv'),
      '--task-field',
      'item',
      '--truth',
      join(FIXTURE, 'truth.csv'),
      ...p,
    ]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain(
      'imported 4212 votes from 39 annotators (0 already stored, 108 items created)',
    );
    expect(imported.out).toContain('set the test label of 108 items');
    const again = await hilo([
      'import-votes',
      join(FIXTURE, 'answers.csv'),
      '--task-field',
      'item',
      ...p,
    ]);
    expect(again.out).toContain('imported 0 votes from 39 annotators (4212 already stored');

    const mv = await hilo(['aggregate', '--method', 'mv', ...p]);
    expect(mv.out).toMatch(/accuracy on 108 held-out truth items: 75\.9%/);
    const ds = await hilo(['aggregate', '--method', 'ds', '--timings', ...p]);
    expect(ds.code, ds.err).toBe(0);
    const timings =
      /timings: read votes ([\d.]+) s, fit ([\d.]+) s, write decisions ([\d.]+) s, other ([\d.]+) s, total ([\d.]+) s \(peak RSS (\d+) MB\)/.exec(
        ds.err,
      );
    const [read, fit, write, other, total, rss] = (timings?.slice(1) ?? []).map(Number);
    expect(total).toBeCloseTo((read ?? 0) + (fit ?? 0) + (write ?? 0) + (other ?? 0), 2);
    expect(rss).toBeGreaterThan(0);
    expect(mv.err).not.toContain('timings:');
    const dsAccuracy = Number(/accuracy on 108 held-out truth items: ([\d.]+)%/.exec(ds.out)?.[1]);
    expect(dsAccuracy).toBeGreaterThanOrEqual(88.9);

    const agreement = await hilo(['agreement', '--json', '--samples', '50', ...p]);
    const table = JSON.parse(agreement.out) as {
      raters: number;
      fleissKappa: { estimate: number; lower: number; upper: number };
    };
    expect(table.raters).toBe(39);
    expect(table.fleissKappa.lower).toBeLessThanOrEqual(table.fleissKappa.estimate);
    expect(table.fleissKappa.upper).toBeGreaterThanOrEqual(table.fleissKappa.estimate);

    const out = join(dir, 'birds.jsonl');
    expect((await hilo(['export', out, ...p])).code).toBe(0);
  });

  it('rejects a vote outside the label set, naming file, line and field', async () => {
    const dir = await tempDir('crowd-bad');
    const project = join(dir, 'p');
    await hilo(['init', project, '--labels', 'yes,no']);
    const bad = await hilo([
      'import-votes',
      join(FIXTURE, 'answers.csv'),
      '--task-field',
      'item',
      '--project',
      project,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /answers\.csv, line 2, field "label": label "1" is not in the project's label set/,
    );
  });
});
