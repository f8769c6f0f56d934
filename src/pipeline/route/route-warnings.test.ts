import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';
import type { Item } from '../../core/types.js';
import { calibrateVotes } from '../calibrate/index.js';
import { routeItems } from './route-items.js';
import {
  FIXTURE_LABELS,
  FIXTURE_SOURCE,
  fixtureClock,
  seedRoutingFixture,
  type FixtureOptions,
} from '../../testing/fixtures/route-fixture.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';

const prices = { models: {}, humanHourlyUsd: 12, humanItemsPerHour: 60, hostingPerHourUsd: 0 };

async function routed(byRole: FixtureOptions['byRole'] = {}, test = 0) {
  const store = new MemoryStore();
  await seedRoutingFixture(store, { gold: 800, pool: 2000, test, byRole });
  await calibrateVotes({
    store,
    clock: fixtureClock,
    source: FIXTURE_SOURCE,
    labels: FIXTURE_LABELS,
  });
  const report = await routeItems({
    store,
    clock: fixtureClock,
    source: FIXTURE_SOURCE,
    labels: FIXTURE_LABELS,
    fields: ['text'],
    prices,
    people: DEFAULT_PEOPLE_CONFIG,
    target: 0.9,
    delta: 0.05,
  });
  const run = await store.getRun(report.runId);
  if (run?.kind !== 'route') throw new Error('no route run');
  return { report, config: run.config };
}

describe('routing warnings', () => {
  it('stays quiet when gold is drawn like the pool', async () => {
    const { report, config } = await routed();
    expect(report.goldCheck?.suspicious).toBe(false);
    expect(report.warnings).toEqual([]);
    expect(config.goldCheck?.goldItems).toBe(800);
    expect(report.brokenPromise).toBe(false);
  });

  it('warns, and records it, when gold was picked among the easy items', async () => {
    // Gold stated confidence 0.6–1 while the pool's is 0.34–1: not a random sample.
    const easy: Partial<Record<Item['role'], { confidence: (u: number) => number }>> = {
      gold: { confidence: (u) => 0.6 + 0.4 * u },
    };
    const { report, config } = await routed(easy);
    expect(report.goldCheck?.suspicious).toBe(true);
    expect(report.goldCheck?.confidence.pValue).toBeLessThan(0.005);
    const [warning] = report.warnings;
    expect(warning).toMatch(/^warning: gold does not look like a random sample of the pool/);
    expect(warning).toContain('hilo checks draw');
    expect(config.warnings).toEqual(report.warnings);
  });

  it('says the promise is broken when test items fall below the target beyond their interval', async () => {
    // On test items the machine is right half as often as on gold.
    const { report, config } = await routed({ test: { accuracy: (c) => (c * c) / 2 } }, 600);
    expect(report.policy.certified).toBe(true);
    expect(report.testCheck?.accuracy.upper).toBeLessThan(0.9);
    expect(report.brokenPromise).toBe(true);
    expect(report.warnings.some((w) => w.startsWith('BROKEN PROMISE: accepted labels'))).toBe(true);
    expect(config.warnings?.some((w) => w.startsWith('BROKEN PROMISE'))).toBe(true);
  });

  it('keeps quiet about a test check whose interval still reaches the target', async () => {
    const { report } = await routed({}, 600);
    expect(report.testCheck?.accepted).toBeGreaterThan(0);
    expect(report.testCheck?.accuracy.upper).toBeGreaterThanOrEqual(0.9);
    expect(report.brokenPromise).toBe(false);
  });
});
