import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import {
  learnWeights,
  memberRow,
  poolDistributions,
  pooledTopLabel,
  projectToSimplex,
} from './index.js';
import type { MemberDistributions } from './index.js';

const labels = ['a', 'b'];
const member = (...rows: (Record<string, number> | null)[]): MemberDistributions => ({
  K: 2,
  rows: Float64Array.from(rows.flatMap((r) => [...memberRow(r, 0, labels)])),
});

describe('memberRow', () => {
  it('keeps mass outside the label set as the last outcome and rescales to 1', () => {
    expect([...memberRow({ a: 0.3, b: 0.1 }, 0.1, labels)].map((x) => x.toFixed(3))).toEqual([
      '0.600',
      '0.200',
      '0.200',
    ]);
    expect(memberRow(null, 0, labels).every(Number.isNaN)).toBe(true);
  });
});

describe('poolDistributions', () => {
  const x = member({ a: 0.9, b: 0.1 }, { a: 0.5, b: 0.5 }, null);
  const y = member({ a: 0.6, b: 0.4 }, null, null);

  it('averages probabilities (linear) and renormalises the geometric mean (log)', () => {
    const linear = poolDistributions({ members: [x, y], weights: [0.5, 0.5], pooling: 'linear' });
    expect(linear[0]).toBeCloseTo(0.75);
    const log = poolDistributions({ members: [x, y], weights: [0.5, 0.5], pooling: 'log' });
    const pa = Math.sqrt(0.9 * 0.6);
    const pb = Math.sqrt(0.1 * 0.4);
    // The other-mass outcome is 0 for both members, so it pools to the floor: ~0.
    expect(log[0]).toBeCloseTo(pa / (pa + pb), 4);
  });

  it('leaves out a member that did not label an item and rescales the others', () => {
    const pooled = poolDistributions({ members: [x, y], weights: [0.2, 0.8], pooling: 'linear' });
    expect(pooled[3]).toBeCloseTo(0.5);
    expect(Number.isNaN(pooled[6] as number)).toBe(true);
    const top = pooledTopLabel(pooled, 2);
    expect([...top.predicted]).toEqual([0, 0, -1]);
  });

  it('makes the ensemble unsure where a member puts mass on "I don\'t know"', () => {
    const unsure: MemberDistributions = { K: 2, rows: memberRow({ a: 0.3, b: 0.1 }, 0.6, labels) };
    const sure = member({ a: 0.9, b: 0.1 });
    const pooled = poolDistributions({
      members: [unsure, sure],
      weights: [0.5, 0.5],
      pooling: 'linear',
    });
    expect(pooledTopLabel(pooled, 2).confidence[0]).toBeCloseTo((0.3 + 0.9) / 2);
  });
});

describe('projectToSimplex', () => {
  it('projects onto non-negative weights summing to 1', () => {
    expect([...projectToSimplex(Float64Array.of(0.8, 0.6))].map((v) => v.toFixed(2))).toEqual([
      '0.60',
      '0.40',
    ]);
    expect([...projectToSimplex(Float64Array.of(2, -1, 0))]).toEqual([1, 0, 0]);
  });
});

/**
 * A worked example: a strong member (right 90% of the time, sure when right) and a weak one
 * (right 55%, equally sure whether right or wrong), on 400 labelled items, one member missing
 * on every fifth item.
 */
function workedExample(seed: number) {
  const rng = createRng(seed);
  const n = 400;
  const truth = new Int32Array(n);
  const strong = new Float64Array(n * 3);
  const weak = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const y = rng.int(2);
    truth[i] = y;
    const put = (rows: Float64Array, right: boolean, p: number) => {
      const label = right ? y : 1 - y;
      rows[i * 3 + label] = p;
      rows[i * 3 + (1 - label)] = 1 - p - 0.02;
      rows[i * 3 + 2] = 0.02;
    };
    put(strong, rng.next() < 0.9, 0.85);
    put(weak, rng.next() < 0.55, 0.9);
    if (i % 5 === 0) weak.fill(Number.NaN, i * 3, i * 3 + 3);
  }
  return {
    truth,
    members: [
      { K: 2, rows: weak },
      { K: 2, rows: strong },
    ],
  };
}

describe('learnWeights', () => {
  for (const pooling of ['linear', 'log'] as const) {
    it(`moves the weight toward the better labeller (${pooling} pooling)`, () => {
      const { truth, members } = workedExample(3);
      const equal = poolDistributions({ members, weights: [0.5, 0.5], pooling });
      const learned = learnWeights({ members, truth, pooling });
      expect(learned.weights[1]).toBeGreaterThan(0.8);
      expect((learned.weights[0] as number) + (learned.weights[1] as number)).toBeCloseTo(1);
      // The learned weights fit the truth better than equal weights do.
      let equalLl = 0;
      for (let i = 0; i < truth.length; i++)
        equalLl += Math.log(equal[i * 3 + (truth[i] as number)] as number);
      expect(learned.logLikelihood).toBeGreaterThan(equalLl / truth.length);
    });
  }

  it('shares the weight when two members are equally good and independent', () => {
    const a = workedExample(5).members[1] as MemberDistributions;
    const { truth, members } = workedExample(5);
    const b = members[1] as MemberDistributions;
    const learned = learnWeights({
      members: [a, { K: 2, rows: b.rows.slice() }],
      truth,
      pooling: 'linear',
    });
    expect(learned.weights[0]).toBeCloseTo(0.5, 1);
  });

  it('refuses a truth of the wrong length', () => {
    const { members } = workedExample(1);
    expect(() => learnWeights({ members, truth: [0], pooling: 'log' })).toThrow(
      /400 items but 1 true labels/,
    );
  });
});
