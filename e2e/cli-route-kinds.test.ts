import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject } from '../src/compose/index.js';
import { SET_LABELS, seedKindFixture } from '../src/testing/fixtures/kind-fixture.js';
import { hilo, tempDir } from './cli-harness.js';

describe('hilo calibrate, route and report on a multi-label project', () => {
  it('calibrates per label, routes with an exact-set promise and reports per label', async () => {
    const dir = join(await tempDir('kinds'), 'p');
    expect((await hilo(['init', dir, '--labels', SET_LABELS.join(',')])).code).toBe(0);
    const file = join(dir, 'hilo.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^kind: classify$/m, 'kind: multilabel'),
    );
    const project = await openProject({ dir });
    try {
      // Votes as a labeller leaves them: one yes-probability per label, gold and test sets.
      await seedKindFixture(project.store, 'multilabel', { gold: 800, pool: 1500, test: 800 });
    } finally {
      await project.close();
    }
    const p = ['--project', dir];

    const calibrate = await hilo(['calibrate', ...p]);
    expect(calibrate.code, calibrate.err).toBe(0);
    expect(calibrate.out).toContain('one calibrator per label');
    for (const label of SET_LABELS) expect(calibrate.out).toMatch(new RegExp(`^  ${label} `, 'm'));
    expect(calibrate.out).toMatch(/^ {2}macro /m);

    const refused = await hilo(['route', '--per-class', ...p]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('do not apply to kind multilabel');

    const route = await hilo(['route', '--target-accuracy', '0.9', ...p]);
    expect(route.code, route.err).toBe(0);
    expect(route.out).toMatch(
      /correct by exact-set accuracy \([\d,]+ of [\d,]+\), and with 95% confidence at least 90\.0%/,
    );

    const perLabel = await hilo([
      'route',
      '--measure',
      'per-label',
      '--target-accuracy',
      '0.95',
      ...p,
    ]);
    expect(perLabel.code, perLabel.err).toBe(0);
    expect(perLabel.out).toContain('per-label accuracy, every label on its own');
    const within = await hilo(['route', '--within', '1', ...p]);
    expect(within.err).toContain('--within applies to kind rating, not multilabel');

    const reportPath = join(dir, 'report.html');
    const report = await hilo(['report', '--out', reportPath, ...p]);
    expect(report.code, report.err).toBe(0);
    const page = await readFile(reportPath, 'utf8');
    expect(page).toContain('Labels, one by one');
    expect(page).toMatch(/Exact-set accuracy:\s*<strong>\d+\.\d%<\/strong>/);
    for (const label of SET_LABELS) expect(page).toContain(`<td>${label}</td>`);
    expect(page).not.toContain('id="confusion"');
  });
});
