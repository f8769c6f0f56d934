import { describe, expect, it } from 'vitest';
import { drawChecks } from '../../core/checks/index.js';
import { DEFAULT_PEOPLE_CONFIG, type Prices } from '../../core/project.js';
import { parseRun } from '../../core/runs/parse-run.js';
import {
  FIXTURE_LABELS,
  FIXTURE_SOURCE,
  fixtureClock,
  seedRoutingFixture,
} from '../../testing/fixtures/route-fixture.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { routeWholeSet, type RouteWholeSetOptions } from './route-whole-set.js';

const prices: Prices = {
  models: {},
  humanHourlyUsd: 12,
  humanItemsPerHour: 60,
  hostingPerHourUsd: 0,
};

/** A pool of 3,000 items with machine votes, and `count` uniform checks, answered unless told. */
async function project(count: number, options: { answer?: boolean } = {}) {
  const store = new MemoryStore();
  const truth = await seedRoutingFixture(store, {
    gold: 10,
    pool: 3000,
    accuracy: (c) => Math.min(1, c + 0.2),
  });
  const pool = (await store.listItems({ role: ['pool'] })).map((i) => i.id);
  const { checks } = drawChecks({
    confidence: new Float64Array(pool.length).fill(0.5),
    predicted: new Int32Array(pool.length),
    labels: FIXTURE_LABELS,
    count,
    design: 'uniform',
    seed: 3,
  });
  await store.addChecks(
    checks.map((c) => ({
      itemId: pool[c.index] as string,
      draw: 1,
      stratum: c.stratum,
      stratumSize: c.stratumSize,
      probability: c.probability,
      drawnAt: '2026-01-01T00:00:00.000Z',
    })),
  );
  if (options.answer !== false)
    await store.labelChecks(
      checks.map((c) => ({
        itemId: pool[c.index] as string,
        label: truth.get(pool[c.index] as string) as string,
      })),
      'reviewer:ada',
      '2026-01-02T00:00:00.000Z',
    );
  const route = (over: Partial<RouteWholeSetOptions> = {}) =>
    routeWholeSet({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
      fields: ['text'],
      prices,
      people: DEFAULT_PEOPLE_CONFIG,
      maxError: 0.05,
      alpha: 0.05,
      peopleError: { kind: 'declared', rate: 0 },
      ...over,
    });
  return { store, truth, route, checked: new Set(checks.map((c) => pool[c.index] as string)) };
}

describe('routeWholeSet', () => {
  it('keeps the whole data set within ε, never accepts a checked item, and records the promise', async () => {
    const { store, truth, route, checked } = await project(400);
    const report = await route();
    const f = report.figures;
    expect(f.kept).toBe(true);
    expect(f.spared).toBeGreaterThan(300);
    expect(f.spared + f.checks + f.toPeople).toBe(3000);
    expect(f.boundKind).toBe('exact');
    const decisions = await store.listDecisions({});
    const accepted = decisions.filter((d) => d.zone === 'accept');
    expect(accepted).toHaveLength(f.spared);
    expect(accepted.every((d) => d.decidedBy === 'auto' && !checked.has(d.itemId))).toBe(true);
    // The true final error: wrong accepted labels (people and experts right here) over the pool.
    const wrong = accepted.filter((d) => truth.get(d.itemId) !== d.label).length;
    expect(wrong / 3000).toBeLessThanOrEqual(0.05);
    expect(report.sentence).toMatch(
      /^The final data set of 3,000 items has at most 5% wrong labels, with 95% confidence/,
    );
    expect(report.sentence).toContain('400 expert checks drawn uniformly from the pool');
    const run = parseRun(JSON.parse(JSON.stringify(await store.getRun(report.runId))));
    expect(run.kind === 'route' && run.config.promise).toBe('whole-set');
    expect(run.kind === 'route' && run.config.wholeSet?.spared).toBe(f.spared);
  });

  it('accepts less when people err, and nothing when people alone break ε', async () => {
    const { route } = await project(400);
    const experts = await route();
    const people = await route({ peopleError: { kind: 'measured', errors: 4, answers: 200 } });
    expect(people.figures.spared).toBeLessThan(experts.figures.spared);
    expect(people.sentence).toContain("people's error of ≤");
    expect(people.sentence).toContain('from 200 control answers, 4 wrong');
    const hopeless = await route({ peopleError: { kind: 'declared', rate: 0.08 } });
    expect(hopeless.figures.kept).toBe(false);
    expect(hopeless.counts.accept).toBe(0);
    expect(hopeless.sentence).toMatch(/^No choice keeps the final data set/);
  });

  it('refuses unanswered checks, no checks, and an unknown people error', async () => {
    const waiting = await project(50, { answer: false });
    await expect(waiting.route()).rejects.toThrow(/50 of 50 expert checks still await an answer/);
    const none = await project(0);
    await expect(none.route()).rejects.toThrow(/no expert checks drawn from the pool/);
    const unknown = await project(50);
    await expect(unknown.route({ peopleError: null })).rejects.toThrow(/people's error is unknown/);
  });

  it('refuses checks drawn from a pool that has grown since', async () => {
    const { store, route } = await project(100);
    await store.upsertItems([
      { id: 'zz-new', fields: { text: 'new' }, role: 'pool', batch: null, goldLabel: null },
    ]);
    await expect(route()).rejects.toThrow(/drawn from 3000 pool items but the pool now has 3001/);
  });
});
