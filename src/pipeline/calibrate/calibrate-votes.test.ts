import { describe, expect, it } from 'vitest';
import { restoreCalibrator } from '../../core/calibration/restore-calibrator.js';
import { HiloError } from '../../core/errors.js';
import { calibrateVotes } from './calibrate-votes.js';
import { loadCalibrator } from './calibration-source.js';
import {
  FIXTURE_LABELS,
  FIXTURE_SOURCE,
  fixtureClock,
  seedRoutingFixture,
} from '../../testing/fixtures/route-fixture.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';

const METHODS = ['none', 'temperature', 'platt', 'isotonic', 'histogram'];

describe('calibrateVotes', () => {
  it('cross-fits every method on gold, keeps the best by held-out NLL and stores it', async () => {
    const store = new MemoryStore();
    await seedRoutingFixture(store, { gold: 800, pool: 10 });
    const report = await calibrateVotes({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
    });
    expect(report.goldItems).toBe(800);
    expect(Object.keys(report.scores).sort()).toEqual([...METHODS].sort());
    const nll = Object.values(report.scores).map((s) => s.nll);
    expect(report.scores[report.best]?.nll).toBe(Math.min(...nll));
    expect(report.method).toBe(report.best);
    // Confidence c is right with probability c²: overconfident, so calibrating must lower ECE.
    expect(report.best).not.toBe('none');
    expect(report.scores[report.best]?.ece).toBeLessThan((report.scores.none?.ece ?? 0) / 2);
    const stored = await store.getModel(`calibrator:${FIXTURE_SOURCE}`);
    expect(stored).toMatchObject({
      version: 1,
      trainedOn: 800,
      createdAt: '2026-01-02T00:00:00.000Z',
    });
    expect(stored?.metrics).toMatchObject({
      method: report.method,
      goldItems: 800,
      folds: 5,
      labelRuns: ['label-1'],
    });
    expect(restoreCalibrator(stored?.payload).method).toBe(report.method);
    expect(report.reliability.before.reduce((n, b) => n + b.count, 0)).toBe(800);
    const loaded = await loadCalibrator(store, FIXTURE_SOURCE);
    expect(loaded?.calibrator.params).toEqual(JSON.parse(stored?.payload ?? 'null'));
  });

  it('stores the method asked for, and a new version each time', async () => {
    const store = new MemoryStore();
    await seedRoutingFixture(store, { gold: 200, pool: 0 });
    await calibrateVotes({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
    });
    const report = await calibrateVotes({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
      method: 'platt',
      folds: 3,
    });
    expect(report).toMatchObject({ method: 'platt', folds: 3, version: 2 });
    expect((await loadCalibrator(store, FIXTURE_SOURCE))?.calibrator.method).toBe('platt');
  });

  it('refuses a gold set too small to cross-fit, saying how to fix it', async () => {
    const store = new MemoryStore();
    await seedRoutingFixture(store, { gold: 5, pool: 10 });
    await expect(
      calibrateVotes({
        store,
        clock: fixtureClock,
        source: FIXTURE_SOURCE,
        labels: FIXTURE_LABELS,
      }),
    ).rejects.toThrow(/found 5.*--role gold/);
    await expect(
      calibrateVotes({ store, clock: fixtureClock, source: 'llm:x', labels: FIXTURE_LABELS }),
    ).rejects.toBeInstanceOf(HiloError);
  });

  it('warns when a local model voted on gold from a label run rather than out of fold', async () => {
    const store = new MemoryStore();
    await seedRoutingFixture(store, { gold: 0, pool: 0, test: 50 });
    // Treat the test items as gold: their votes come from label run `label-1`.
    const test = await store.listItems({ role: 'test' });
    await store.upsertItems(test.map((item) => ({ ...item, role: 'gold' })));
    const report = await calibrateVotes({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
    });
    expect(report.warnings.join(' ')).toMatch(
      /50 gold votes of model:local@1 come from a label run/,
    );
  });
});
