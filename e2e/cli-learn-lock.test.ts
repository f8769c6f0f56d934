import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';
import { spawnHilo, until } from './spawned-cli.js';

describe('hilo learn: one trainer per database', () => {
  it('refuses a second trainer naming the first, lets a waiting one take over when it stops', async () => {
    const dir = await tempDir('learn-lock');
    const project = join(dir, 'bank');
    const p = ['--project', project];
    const gold = SUBSET_LABELS.flatMap((label) =>
      bankingSubset()
        .filter((r) => r.label === label)
        .slice(0, 10),
    );
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const goldFile = await writeJsonl(join(dir, 'gold.jsonl'), gold);
    expect((await hilo(['import', goldFile, '--role', 'gold', ...p])).code).toBe(0);

    const loop = spawnHilo(['learn', '--every', '1000', '--interval', '0.2', '--folds', '0', ...p]);
    let waiting: ReturnType<typeof spawnHilo> | undefined;
    try {
      await until(loop.out, /round 1: model:local@1 trained on 60 items/, 60_000);
      const holder = `pid ${loop.pid} on host ${hostname()}`;

      // A one-shot training and a second loop, each in another process, exit at once.
      const once = await hilo(['learn', '--folds', '0', ...p]);
      expect(once.code).toBe(4);
      expect(once.err).toMatch(
        new RegExp(
          `^hilo: another trainer is running: ${holder} has held the learn lock since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC .*add --wait`,
        ),
      );
      expect(once.err.trim().split('\n')).toHaveLength(1);
      const second = await hilo(['learn', '--every', '5', '--folds', '0', ...p]);
      expect(second.code).toBe(4);
      expect(second.err).toContain(holder);

      // One that waits takes over as soon as the loop stops (Ctrl-C releases the lock).
      waiting = spawnHilo(['learn', '--wait', '--folds', '0', ...p]);
      await until(
        waiting.err,
        new RegExp(`waiting for the learn lock: ${holder} has held it`),
        60_000,
      );
      expect(waiting.out()).toBe('');
      loop.kill('SIGINT');
      expect(await loop.exited).toBe(0);
      expect(await waiting.exited).toBe(0);
      expect(waiting.out()).toMatch(/^trained model:local@2 on 60 items/);
    } finally {
      loop.kill('SIGKILL');
      waiting?.kill('SIGKILL');
    }
    // Nobody holds it now: a one-shot training runs.
    const after = await hilo(['learn', '--folds', '0', ...p]);
    expect(after.code, after.err).toBe(0);
    expect(after.out).toMatch(/^trained model:local@3 /);
  }, 150_000);
});
