import { describe, expect, it } from 'vitest';
import { chooseWithinBudget } from '../routing/budget-policy.js';
import { clopperPearson } from '../routing/clopper-pearson.js';
import { learnThenTest } from '../routing/learn-then-test.js';
import type { UnitCosts } from './hybrid-cost.js';
import { planTable } from './plan-table.js';

const unit: UnitCosts = {
  machinePerItem: 0.001,
  annotation: 0.2,
  overlap: 2,
  overlapZoneHumans: 1,
  controlRate: 0,
  auditRate: 0,
};

// 400 gold items scored 0.9975..0: right on the top 200, then every other one.
const scores = Float64Array.from({ length: 400 }, (_, r) => 1 - (r + 1) / 400);
const correct = Uint8Array.from({ length: 400 }, (_, r) => (r < 200 || r % 2 === 1 ? 1 : 0));
// 1000 pool items evenly spread over [0, 1).
const pool = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
const thresholds = [0.3, 0.75, 0.6, 0.45];

describe('planTable', () => {
  const table = planTable({
    gold: { scores, correct },
    pool,
    thresholds,
    lo: 0.2,
    target: 0.95,
    delta: 0.05,
    humanAccuracy: 0.96,
    unit,
  });

  it('lists thresholds strictest first with pool coverage and zones', () => {
    expect(table.rows.map((r) => r.threshold)).toEqual([0.75, 0.6, 0.45, 0.3]);
    expect(table.rows[0]?.counts).toMatchObject({ accept: 250, overlap: 550, human: 200 });
    expect(table.rows[0]?.coverage).toBe(0.25);
  });

  it('gives the accepted accuracy on gold with its interval, and the mixed expected accuracy', () => {
    const row = table.rows[2];
    if (!row) throw new Error('missing row');
    expect(row.goldAccepted).toBe(219);
    expect(row.goldCorrect).toBe(209);
    expect(row.acceptedAccuracy).toEqual(clopperPearson(209, 219, 0.05));
    expect(row.expectedAccuracy.estimate).toBeCloseTo(0.55 * (209 / 219) + 0.45 * 0.96, 12);
    expect(row.expectedAccuracy.lower).toBeLessThan(row.expectedAccuracy.estimate);
  });

  it('marks the certified rows exactly as learnThenTest does and points at the loosest', () => {
    const ltt = learnThenTest({ scores, correct, thresholds, target: 0.95, delta: 0.05 });
    expect(table.rows.map((r) => r.certified)).toEqual(ltt.tests.map((t) => t.certified));
    expect(table.rows[table.chosen ?? -1]?.threshold).toBe(ltt.threshold);
    expect(table.chosen).toBe(1);
  });

  it('costs each row and its saving against people alone', () => {
    const row = table.rows[0];
    expect(table.allHumanCost).toBeCloseTo(1000 * 2 * 0.2, 9);
    expect(row?.cost.total).toBeCloseTo(1 + 0.2 * (550 * 1 + 200 * 2), 9);
    expect(row?.saving).toBeCloseTo(400 - (row?.cost.total ?? 0), 9);
    expect(table.allMachine.accuracy.estimate).toBe(300 / 400);
  });

  it('feeds budget mode', () => {
    const options = table.rows.map((r) => ({
      ...r,
      accuracy: r.expectedAccuracy,
      cost: r.cost.total,
    }));
    const best = chooseWithinBudget(options, 250);
    expect(best).not.toBeNull();
    expect(best?.cost).toBeLessThanOrEqual(250);
    for (const o of options)
      if (o.cost <= 250)
        expect(o.accuracy.estimate).toBeLessThanOrEqual(best?.accuracy.estimate ?? 0);
  });
});
