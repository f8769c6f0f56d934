import { describe, expect, it } from 'vitest';
import { compareWithBaselines, hybridCost, type UnitCosts } from './hybrid-cost.js';

const unit: UnitCosts = {
  machinePerItem: 0.002,
  annotation: 0.25,
  overlap: 3,
  overlapZoneHumans: 1,
  controlRate: 0.1,
  auditRate: 0.02,
};

describe('hybridCost', () => {
  it('adds machine pass, people per zone, audits, and controls on human work', () => {
    const cost = hybridCost({ accept: 2000, overlap: 500, human: 500 }, unit);
    expect(cost.machine).toBeCloseTo(6, 12);
    expect(cost.people).toBeCloseTo(0.275 * (500 * 1 + 500 * 3), 9);
    expect(cost.audit).toBeCloseTo(0.275 * 2000 * 0.02, 9);
    expect(cost.total).toBeCloseTo(cost.machine + cost.people + cost.audit, 9);
  });

  it('costs the same as the baseline plus the machine when everything goes to people', () => {
    const cost = hybridCost({ accept: 0, overlap: 0, human: 1000 }, unit);
    expect(cost.total).toBeCloseTo(1000 * 0.002 + 1100 * 3 * 0.25, 9);
  });
});

describe('compareWithBaselines', () => {
  it('reports saving against people and the price of extra right labels against the machine', () => {
    const roi = compareWithBaselines({
      counts: { accept: 2000, overlap: 500, human: 500 },
      unit,
      planAccuracy: { estimate: 0.97, lower: 0.96, upper: 0.98 },
      machineAccuracy: { estimate: 0.9, lower: 0.88, upper: 0.92 },
      humanAccuracy: 0.96,
    });
    const plan = hybridCost({ accept: 2000, overlap: 500, human: 500 }, unit).total;
    expect(roi.allHuman.cost).toBeCloseTo(3300 * 3 * 0.25, 9);
    expect(roi.savingVsHuman).toBeCloseTo(2475 - plan, 9);
    expect(roi.savingFractionVsHuman).toBeCloseTo((2475 - plan) / 2475, 12);
    expect(roi.extraCorrectVsMachine).toBeCloseTo(210, 9);
    expect(roi.costPerExtraCorrect).toBeCloseTo((plan - 6) / 210, 12);
  });
});
