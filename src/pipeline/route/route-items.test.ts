import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG, type Prices } from '../../core/project.js';
import type { RouteRunConfig } from '../../core/runs/run-records.js';
import type { Decision } from '../../core/types.js';
import { readAuditedItems } from '../audit/index.js';
import { calibrateVotes } from '../calibrate/index.js';
import { routeItems, type RouteItemsOptions } from './route-items.js';
import {
  FIXTURE_LABELS,
  FIXTURE_SOURCE,
  fixtureClock,
  seedRoutingFixture,
  type Truth,
} from '../../testing/fixtures/route-fixture.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';

const prices: Prices = {
  models: {},
  humanHourlyUsd: 12,
  humanItemsPerHour: 60,
  hostingPerHourUsd: 0,
};

async function project(
  gold: number,
  pool: number,
  extra: { test?: number; abstainRate?: number; accuracy?: (c: number) => number } = {},
) {
  const store = new MemoryStore();
  const truth = await seedRoutingFixture(store, { gold, pool, labelCost: 3, ...extra });
  await calibrateVotes({
    store,
    clock: fixtureClock,
    source: FIXTURE_SOURCE,
    labels: FIXTURE_LABELS,
  });
  const route = (options: Partial<RouteItemsOptions> = {}) =>
    routeItems({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
      fields: ['text'],
      prices,
      people: DEFAULT_PEOPLE_CONFIG,
      target: 0.9,
      delta: 0.05,
      ...options,
    });
  return { store, truth, route };
}

async function routeConfig(store: MemoryStore, runId: string): Promise<RouteRunConfig> {
  const run = await store.getRun(runId);
  if (run?.kind !== 'route') throw new Error(`${runId} is not a route run`);
  return run.config;
}

async function decisions(store: MemoryStore): Promise<Map<string, Decision>> {
  return new Map((await store.listDecisions({})).map((d) => [d.itemId, d]));
}

function acceptedAccuracy(
  all: Map<string, Decision>,
  truth: Truth,
): { accepted: number; accuracy: number } {
  let accepted = 0;
  let right = 0;
  for (const d of all.values()) {
    if (d.zone !== 'accept') continue;
    accepted++;
    if (truth.get(d.itemId) === d.label) right++;
  }
  return { accepted, accuracy: right / Math.max(1, accepted) };
}

describe('routeItems', () => {
  it('accepts what the gold certifies, decides it auto, and records the run', async () => {
    const { store, truth, route } = await project(1500, 3000, { test: 600 });
    const report = await route();
    expect(report.policy.certified).toBe(true);
    const threshold = report.policy.threshold as number;
    const all = await decisions(store);
    const pool = [...all.values()].filter((d) => d.itemId.startsWith('p'));
    expect(pool).toHaveLength(3000);
    for (const d of pool) {
      if (d.zone === 'accept') {
        expect(d.decidedBy).toBe('auto');
        expect(d.confidence).toBeGreaterThanOrEqual(threshold);
        expect(Object.values(d.probabilities ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      } else {
        expect(d).toMatchObject({ zone: 'overlap', decidedBy: 'machine', source: FIXTURE_SOURCE });
      }
    }
    expect(report.counts.accept + report.counts.overlap + report.counts.human).toBe(3000);
    expect(report.counts.accept).toBeGreaterThan(100);
    // On this data the true accuracy above a threshold t is well above 0.9 only for t near the top.
    expect(acceptedAccuracy(all, truth).accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.sentence).toMatch(
      /^Accepting the machine's label for \d+% of items \([\d,]+ of 3,000\)/,
    );
    expect(report.sentence).toContain('these 1,500 gold items');
    expect(report.testCheck?.items).toBe(600);
    expect(report.testCheck?.accepted).toBeGreaterThan(0);
    expect(await store.getRun(report.runId)).toMatchObject({
      kind: 'route',
      status: 'done',
      itemsDone: 3000,
    });
    const config = await routeConfig(store, report.runId);
    expect(config).toMatchObject({
      source: FIXTURE_SOURCE,
      calibrator: report.calibrator,
      policy: 'fixed-sequence',
      target: 0.9,
      delta: 0.05,
      threshold,
      lo: null,
      counts: report.counts,
      sentence: report.sentence,
      goldItems: 1500,
      goldNeededDetail: null,
      humanAccuracy: 0.95,
      testCheck: report.testCheck,
    });
    expect(config.cost).toMatchObject({
      currency: 'USD',
      overlap: 1,
      overlapZoneHumans: 2,
      dynamicOverlap: { max: 5, targetPosterior: 0.9, humanAccuracy: 0.95 },
      auditRate: 0,
    });
    // people.controlRate 0.1 of served items is one control per nine tasks.
    expect(config.cost.controlRate).toBeCloseTo(1 / 9, 12);
    // Machine cost: $3 over the 3,600 items the label run did; people: $12/h at 60 an hour.
    expect(config.cost.machinePerItem).toBeCloseTo(3 / 3600, 12);
    expect(report.cost.allHuman).toBeCloseTo(((3000 * 10) / 9) * 0.2, 9);
    // Overlap items wait for 2 people at least and 5 at most, dynamic overlap in between.
    const perTask = 0.2 * (10 / 9);
    const machine = 3000 * (3 / 3600);
    const fixed = machine + perTask * report.counts.human;
    expect(report.cost.planRange.low).toBeCloseTo(fixed + perTask * 2 * report.counts.overlap, 9);
    expect(report.cost.planRange.high).toBeCloseTo(fixed + perTask * 5 * report.counts.overlap, 9);
    expect(report.cost.plan).toBeGreaterThan(report.cost.planRange.low);
    expect(report.cost.plan).toBeLessThan(report.cost.planRange.high);
    expect(report.staffing).toMatch(/people\.overlap\.overlap: 2 at first/);
    expect(config.cost.staffing).toBe(report.staffing);
  });

  it('says how much more gold a too-small gold set would need, and accepts nothing', async () => {
    // Right with probability c + 0.2: at the top the machine is never wrong, but 120 gold items
    // cannot show 97% with 95% confidence (that takes 99 accepted gold items, all right).
    const { store, route } = await project(120, 500, {
      test: 50,
      accuracy: (c) => Math.min(1, c + 0.2),
    });
    const report = await route({ target: 0.97 });
    expect(report.policy.certified).toBe(false);
    expect(report.counts).toEqual({ accept: 0, overlap: 500, human: 0 });
    expect(report.goldNeeded?.additionalGold ?? 0).toBeGreaterThan(0);
    expect(report.sentence).toMatch(/^No threshold can promise accepted labels 97\.0% correct/);
    expect(report.sentence).toMatch(/about [\d,]+ more gold items/);
    const config = await routeConfig(store, report.runId);
    expect(config.goldNeededDetail).toEqual(report.goldNeeded);
    // No test item accepted: no accuracy estimate (NaN in the report, null in the stored run).
    expect(report.testCheck).toMatchObject({ items: 50, accepted: 0 });
    expect(report.testCheck?.accuracy.estimate).toBeNaN();
    expect(config.testCheck).toEqual({
      items: 50,
      accepted: 0,
      correct: 0,
      accuracy: { estimate: null, lower: 0, upper: 1 },
    });
    expect([...(await decisions(store)).values()].some((d) => d.decidedBy === 'auto')).toBe(false);
  });

  it('never overwrites a person’s decision, and demotes auto decisions a stricter routing no longer accepts', async () => {
    const { store, route } = await project(1500, 2000);
    const first = await route({ target: 0.85 });
    const before = await decisions(store);
    const human: Decision = {
      ...(before.get('p00001') as Decision),
      label: 'c',
      decidedBy: 'human',
      zone: null,
    };
    await store.putDecisions([human]);
    const second = await route({ target: 0.95, lo: 0.5 });
    expect(second.counts.accept).toBeLessThan(first.counts.accept);
    expect(second.counts.accept + second.counts.overlap + second.counts.human).toBe(1999);
    const after = await decisions(store);
    expect(after.get('p00001')).toEqual(human);
    let demoted = 0;
    for (const [id, d] of after) {
      if (before.get(id)?.decidedBy === 'auto' && d.zone !== 'accept' && id !== 'p00001') {
        expect(d.decidedBy).toBe('machine');
        demoted++;
      }
    }
    expect(demoted).toBeGreaterThan(0);
    expect(second.counts.human).toBeGreaterThan(0);
  });

  it('sends abstentions to people alone', async () => {
    const { store, route } = await project(1500, 1000, { abstainRate: 0.1 });
    const report = await route();
    const all = await decisions(store);
    const abstained = [...all.values()].filter((d) => d.itemId.startsWith('p') && d.label === null);
    expect(abstained.length).toBeGreaterThan(50);
    for (const d of abstained) expect(d).toMatchObject({ zone: 'human', decidedBy: 'machine' });
    expect(report.counts.human).toBe(abstained.length);
  });

  it.each(['per-class', 'meta'] as const)(
    'routes with the %s policy and keeps its promise on this data',
    async (mode) => {
      const { store, truth, route } = await project(3000, 3000, { test: 500 });
      const report = await route({ mode, target: 0.85 });
      expect(report.policy.mode).toBe(mode);
      expect(report.policy.certified).toBe(true);
      expect(report.counts.accept).toBeGreaterThan(0);
      expect(acceptedAccuracy(await decisions(store), truth).accuracy).toBeGreaterThanOrEqual(0.85);
      const config = await routeConfig(store, report.runId);
      expect(config.policy).toBe(mode);
      if (mode === 'per-class') {
        expect(Object.keys(config.thresholds ?? {}).sort()).toEqual(FIXTURE_LABELS);
        expect(config.score).toBe('confidence');
      } else {
        expect(report.policy.goldUsed).toBe(1500);
        expect(report.sentence).toContain('fitted on the other gold items');
        expect(config.router?.names.length).toBeGreaterThan(0);
        expect(config.score).toBe('router');
      }
      expect(report.testCheck?.accepted).toBeGreaterThan(0);
    },
  );

  it('with a budget, picks the most accurate plan that fits, or refuses when none does', async () => {
    const { route } = await project(1500, 2000);
    const roomy = await route({ mode: 'budget', budget: 10_000 });
    expect(roomy.cost.plan).toBeLessThanOrEqual(10_000);
    // The people's 95% beats the machine below its most confident items, so money buys people.
    expect(roomy.counts.overlap).toBeGreaterThan(1000);
    const tight = await route({ mode: 'budget', budget: 150 });
    expect(tight.cost.plan).toBeLessThanOrEqual(150);
    expect(tight.counts.accept).toBeGreaterThan(roomy.counts.accept);
    expect(tight.sentence).toMatch(/^(Within the budget of \$150|Accepting)/);
    await expect(route({ mode: 'budget', budget: 1 })).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
  });

  it('with a budget and little gold, still buys people for the least sure items', async () => {
    // 120 gold items certify nothing at 97%, but the strict end of the curve is still priced.
    const { route } = await project(120, 2000, { accuracy: (c) => Math.min(1, c + 0.2) });
    const report = await route({ mode: 'budget', budget: 150, target: 0.97 });
    expect(report.cost.plan).toBeLessThanOrEqual(150);
    expect(report.counts.accept).toBeGreaterThan(0);
    expect(report.counts.overlap).toBeGreaterThan(0);
    expect(report.sentence).toMatch(
      /^Within the budget of \$150, the most accurate plan costs \$\d+/,
    );
    expect(report.sentence).toContain('does not carry the promise');
  });

  it('draws a seeded share of accepted items for audit, never the same item twice', async () => {
    const { store, route } = await project(1500, 3000);
    const report = await route({ auditRate: 0.05 });
    const audited = await readAuditedItems(store);
    expect(report.audit?.items).toBe(Math.round(0.05 * report.counts.accept));
    expect(audited.size).toBe(report.audit?.items);
    const all = await decisions(store);
    for (const item of audited.values()) {
      const d = all.get(item.id);
      expect(d).toMatchObject({ zone: 'accept', decidedBy: 'auto', label: item.label });
      expect(['b1', 'b2']).toContain(item.batch);
    }
    const again = await route({ auditRate: 0.05 });
    const both = await readAuditedItems(store);
    expect(both.size).toBe(audited.size + (again.audit?.items ?? 0));
    expect((await routeConfig(store, report.runId)).auditRun).toBe(report.audit?.runId);
  });

  it('never draws an item marked as a duplicate for audit', async () => {
    const { store, route } = await project(1500, 3000);
    const first = await route({ auditRate: 0 });
    const accepted = [...(await decisions(store)).values()]
      .filter((d) => d.zone === 'accept')
      .map((d) => d.itemId);
    expect(accepted.length).toBe(first.counts.accept);
    const [representative, ...rest] = accepted;
    const marked = rest.filter((_, i) => i % 2 === 0);
    await store.replaceDuplicates(
      marked.map((itemId) => ({ itemId, duplicateOf: representative as string, similarity: 1 })),
    );
    const report = await route({ auditRate: 0.5 });
    const audited = await readAuditedItems(store);
    expect(report.audit?.items).toBeGreaterThan(0);
    for (const id of marked) expect(audited.has(id), id).toBe(false);
  });

  it('asks for calibration first', async () => {
    const store = new MemoryStore();
    await seedRoutingFixture(store, { gold: 10, pool: 10 });
    await expect(
      routeItems({
        store,
        clock: fixtureClock,
        source: FIXTURE_SOURCE,
        labels: FIXTURE_LABELS,
        fields: ['text'],
        prices,
        people: DEFAULT_PEOPLE_CONFIG,
        target: 0.9,
        delta: 0.05,
      }),
    ).rejects.toThrow(/hilo calibrate/);
  });
});
