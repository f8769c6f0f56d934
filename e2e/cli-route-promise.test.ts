import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN_PROMISE_EXIT_CODE } from '../src/cli/exit-codes.js';
import { openProject } from '../src/compose/index.js';
import {
  FIXTURE_LABELS,
  seedRoutingFixture,
  type FixtureOptions,
} from '../src/testing/fixtures/route-fixture.js';
import { hilo, tempDir } from './cli-harness.js';

/** A SQLite project seeded as `hilo learn` + `hilo label` would leave it, then calibrated. */
async function seeded(name: string, byRole: FixtureOptions['byRole']) {
  const dir = join(await tempDir(name), 'p');
  expect((await hilo(['init', dir, '--labels', FIXTURE_LABELS.join(',')])).code).toBe(0);
  const project = await openProject({ dir });
  try {
    await seedRoutingFixture(project.store, { gold: 800, pool: 2000, test: 600, byRole });
  } finally {
    await project.close();
  }
  expect((await hilo(['calibrate', '--project', dir])).code).toBe(0);
  return ['--project', dir, '--target-accuracy', '0.9'];
}

describe('hilo route: a broken promise and gold unlike the pool', () => {
  it('says the promise is broken, and exits non-zero only when asked', async () => {
    const p = await seeded('broken', { test: { accuracy: (c) => (c * c) / 2 } });
    const quiet = await hilo(['route', ...p]);
    expect(quiet.code).toBe(0);
    expect(quiet.out).toMatch(/^BROKEN PROMISE: accepted labels were promised ≥ 90\.0% correct/m);
    const strict = await hilo(['route', '--fail-on-broken-promise', ...p]);
    expect(strict.code).toBe(BROKEN_PROMISE_EXIT_CODE);
    const json = await hilo(['route', '--json', '--fail-on-broken-promise', ...p]);
    expect(json.code).toBe(BROKEN_PROMISE_EXIT_CODE);
    expect(json.err).toContain('BROKEN PROMISE');
    expect((JSON.parse(json.out) as { brokenPromise: boolean }).brokenPromise).toBe(true);
  });

  it('passes with --fail-on-broken-promise when the test items keep the promise', async () => {
    const p = await seeded('kept', {});
    const run = await hilo(['route', '--fail-on-broken-promise', ...p]);
    expect(run.code).toBe(0);
    expect(run.out).not.toContain('BROKEN PROMISE');
    expect(run.out).not.toContain('warning: gold');
  });

  it('warns in route and plan when gold does not look like a sample of the pool', async () => {
    const p = await seeded('picked', { gold: { confidence: (u) => 0.6 + 0.4 * u } });
    for (const command of ['route', 'plan']) {
      const run = await hilo([command, ...p]);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/^warning: gold does not look like a random sample of the pool/m);
      expect(run.out).toContain('hilo checks draw');
    }
  });
});
