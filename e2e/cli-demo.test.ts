import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hilo, tempDir } from './cli-harness.js';

describe('hilo demo', () => {
  it('runs the first pass on the shipped banking77 data, step by step, offline', async () => {
    const dir = join(await tempDir('demo'), 'demo');
    const run = await hilo(['demo', '--dir', dir], {});
    expect(run.code, run.err).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe(
      `hilo demo: banking77 (Casanueva et al. 2020, CC BY 4.0), 77 intents, project in ${dir}`,
    );
    expect(run.out).toMatch(/^1\. imported 10003 gold items \(training\) and 3080 held-out/m);
    expect(run.out).toMatch(/^2\. trained model:local@1 on 10003 items in/m);
    expect(run.out).toMatch(/^3\. labelled 3080 items with a probability for each of the 77/m);
    const accuracy = /accuracy (\d+\.\d)%/.exec(run.out)?.[1];
    expect(Number(accuracy)).toBeGreaterThan(70);
    expect(run.out).toMatch(
      new RegExp(`^5\\. exported 13083 items to ${join(dir, 'labels.jsonl')}`, 'm'),
    );
    const exported = (await readFile(join(dir, 'labels.jsonl'), 'utf8')).trim().split('\n');
    expect(exported).toHaveLength(13083);
    expect(run.out).toMatch(/demo finished in [\d.]+ s; try: hilo export out\.csv --project /);
  }, 180_000);
});
