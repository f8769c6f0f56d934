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
    // Audited items get as many people as human-zone items (overlap 3).
    expect(cost.audit).toBeCloseTo(0.275 * 2000 * 0.02 * 3, 9);
    expect(cost.total).toBeCloseTo(cost.machine + cost.people + cost.audit, 9);
  });

  it('costs the same as the baseline plus the machine when everything goes to people', () => {
    const cost = hybridCost({ accept: 0, overlap: 0, human: 1000 }, unit);
    expect(cost.total).toBeCloseTo(1000 * 0.002 + 1100 * 3 * 0.25, 9);
  });
});

describe('hybridCost, worked by hand', () => {
  it('prices overlap items at the people they wait for, against people alone at the same overlap', () => {
    // 100 items: 60 accepted, 30 overlap (2 people each), 10 human (1 person); $15/h at 120/h is
    // $0.125 a person; people.controlRate 10% of served items is 1/9 control per task; machine
    // $0.001 an item.
    const byHand: UnitCosts = {
      machinePerItem: 0.001,
      annotation: 0.125,
      overlap: 1,
      overlapZoneHumans: 2,
      controlRate: 1 / 9,
      auditRate: 0,
    };
    const counts = { accept: 60, overlap: 30, human: 10 };
    // 0.1 + 0.125 × 10/9 × (30 × 2 + 10 × 1) = 0.1 + 9.7222… = 9.8222…
    expect(hybridCost(counts, byHand).total).toBeCloseTo(9.822222, 6);
    const roi = compareWithBaselines({
      counts,
      unit: byHand,
      planAccuracy: { estimate: 0.97, lower: 0.96, upper: 0.98 },
      machineAccuracy: { estimate: 0.9, lower: 0.88, upper: 0.92 },
      humanAccuracy: 0.95,
    });
    // People alone: 100 × 10/9 × 0.125 = 13.888…; the plan is 29.3% less, not the 59% of
    // pricing overlap items at one person (0.1 + 0.125 × 10/9 × 40 = 5.6556).
    expect(roi.allHuman.cost).toBeCloseTo(13.888889, 6);
    expect(roi.savingFractionVsHuman).toBeCloseTo(0.2928, 5);
    // Expected people-answers from dynamic overlap replace 30 × 2.
    expect(hybridCost({ ...counts, overlapPeople: 66 }, byHand).total).toBeCloseTo(
      0.1 + 0.125 * (10 / 9) * 76,
      9,
    );
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
