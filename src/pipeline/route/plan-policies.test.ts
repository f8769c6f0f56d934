import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_CONFIG, type Prices } from '../../core/project.js';
import { calibrateVotes } from '../calibrate/index.js';
import { planPolicies } from './plan-policies.js';
import {
  FIXTURE_LABELS,
  FIXTURE_SOURCE,
  fixtureClock,
  seedRoutingFixture,
} from '../../testing/fixtures/route-fixture.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';

const prices: Prices = {
  models: {},
  humanHourlyUsd: 15,
  humanItemsPerHour: 100,
  hostingPerHourUsd: 0,
};

describe('planPolicies', () => {
  it('prices candidate thresholds against people alone and marks the guaranteed one', async () => {
    const store = new MemoryStore();
    await seedRoutingFixture(store, { gold: 1500, pool: 2000, labelCost: 2 });
    const options = {
      store,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
      fields: ['text'],
      prices,
      people: { ...DEFAULT_PEOPLE_CONFIG, overlap: { human: 1, overlap: 1, max: 1 } },
      target: 0.9,
      delta: 0.05,
      humanAccuracy: 0.95,
    };
    const raw = await planPolicies(options);
    expect(raw).toMatchObject({
      calibrated: false,
      calibrator: 'none',
      goldItems: 1500,
      poolItems: 2000,
    });
    await calibrateVotes({
      store,
      clock: fixtureClock,
      source: FIXTURE_SOURCE,
      labels: FIXTURE_LABELS,
    });
    const plan = await planPolicies({ ...options, staffing: { overlap: 2, controlRate: 0 } });
    expect(plan.calibrated).toBe(true);
    // $2 over the 2,000 items labelled; $15 an hour at 100 an hour.
    expect(plan.unit.machinePerItem).toBeCloseTo(0.001, 12);
    expect(plan.unit.annotation).toBeCloseTo(0.15, 12);
    expect(plan.table.allHumanCost).toBeCloseTo(2000 * 2 * 0.15, 9);
    const rows = plan.table.rows;
    expect(rows.length).toBeGreaterThan(5);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.threshold).toBeLessThan(rows[i - 1]?.threshold as number);
      expect(rows[i]?.coverage).toBeGreaterThanOrEqual(rows[i - 1]?.coverage as number);
    }
    // Every unaccepted item overlaps (one person with the machine); nobody is sent to people alone.
    for (const row of rows) expect(row.counts.human).toBe(0);
    const chosen = plan.table.chosen as number;
    expect(rows[chosen]?.certified).toBe(true);
    expect(rows.slice(chosen + 1).some((r) => r.certified)).toBe(false);
    // The table reaches down to 5% coverage even where the gold cannot certify.
    expect(rows[0]?.coverage).toBeLessThan(0.1);
    expect(plan.roi?.plan.cost).toBeCloseTo(rows[chosen]?.cost.total as number, 9);
    expect(plan.roi?.savingVsHuman).toBeGreaterThan(0);
  });
});
