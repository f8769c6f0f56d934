import { describe, expect, it } from 'vitest';
import { cascadeOrdering, cascadePlan, chooseCascade, type CertifyOrdering } from './index.js';

const stage1 = { predicted: [0, 1, 0, 1, 0], confidence: [0.95, 0.85, 0.6, 0.4, Number.NaN] };
const stage2 = { predicted: [0, 0, 1, 1, 1], confidence: [0.9, 0.97, 0.92, 0.5, 0.88] };
const prices = { stage1: 0.001, stage2: 0.01, people: 0.5 };

describe('cascadeOrdering', () => {
  it('scores an item by stage 1 when stage 1 keeps it, else by stage 2', () => {
    const o = cascadeOrdering({ stage1, stage2, t1: 0.8 });
    expect([...o.stage]).toEqual([1, 1, 2, 2, 2]);
    expect([...o.score]).toEqual([0.95, 0.85, 0.92, 0.5, 0.88]);
    expect([...o.predicted]).toEqual([0, 1, 1, 1, 1]);
  });

  it('sends to people an item neither stage answered', () => {
    const o = cascadeOrdering({
      stage1: { predicted: [0], confidence: [Number.NaN] },
      stage2: { predicted: [0], confidence: [Number.NaN] },
      t1: 0.5,
    });
    expect(o.score[0]).toBe(-1);
    expect(o.predicted[0]).toBe(-1);
  });
});

describe('cascadePlan', () => {
  it('counts kept items per stage and prices every stage', () => {
    const o = cascadeOrdering({ stage1, stage2, t1: 0.8 });
    const plan = cascadePlan(o, Uint8Array.of(1, 0, 0, 0, 1), prices);
    expect(plan).toMatchObject({ keptByStage1: 1, keptByStage2: 1, stage2Runs: 3, people: 3 });
    expect(plan.t2).toBe(0.88);
    expect(plan.cost).toBeCloseTo(5 * 0.001 + 3 * 0.01 + 3 * 0.5);
  });

  it('sends everything to people when nothing is kept', () => {
    const o = cascadeOrdering({ stage1, stage2, t1: 0.8 });
    const plan = cascadePlan(o, new Uint8Array(5), prices);
    expect(plan).toMatchObject({ people: 5, t2: null });
  });
});

describe('chooseCascade', () => {
  it('tests each t1 at α / |grid| and keeps the cheapest certified plan', () => {
    const levels: number[] = [];
    // A stand-in test that keeps the items scoring ≥ 0.85 for every t1 but 0.99 (none there).
    const certify: CertifyOrdering = (o, a) => {
      levels.push(a);
      return Uint8Array.from(o.score, (s) => (o.t1 !== 0.99 && s >= 0.85 ? 1 : 0));
    };
    const choice = chooseCascade({
      stage1,
      stage2,
      t1Grid: [0.5, 0.8, 0.99],
      alpha: 0.06,
      certify,
      prices,
    });
    expect(levels.map((l) => l.toFixed(3))).toEqual(['0.020', '0.020', '0.020']);
    expect(choice.alphaPerT1).toBeCloseTo(0.02);
    // t1 = 0.5 keeps 3 (stage 1 claims item 2 at 0.6, below t2) and pays people for 2;
    // t1 = 0.8 runs stage 2 once more but keeps 4: people cost more than a stage-2 run.
    expect(choice.plans.map((p) => p.people)).toEqual([2, 1, 5]);
    expect(choice.chosen?.t1).toBe(0.8);
    expect(choice.plans[2]?.t2).toBeNull();
  });

  it('chooses nothing when no t1 certifies, and refuses an empty grid', () => {
    const none = () => new Uint8Array(5);
    const base = { stage1, stage2, alpha: 0.05, prices };
    expect(chooseCascade({ ...base, t1Grid: [0.9], certify: none }).chosen).toBeNull();
    expect(() => chooseCascade({ ...base, t1Grid: [], certify: none })).toThrow(/grid/);
  });
});
