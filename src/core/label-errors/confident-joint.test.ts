import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { confidentJoint, estimateJoint, perClassThresholds } from './confident-joint.js';

const rows = (...values: number[][]): Float64Array[] => values.map((v) => Float64Array.from(v));

// Six items, two classes; item 2 is labelled 0 but the model puts 0.8 on class 1.
const probabilities = rows([0.9, 0.1], [0.8, 0.2], [0.2, 0.8], [0.1, 0.9], [0.3, 0.7], [0.6, 0.4]);
const given = Int32Array.of(0, 0, 0, 1, 1, 1);

describe('confident joint (Northcutt et al. 2021, eqs. 1–2), by hand', () => {
  it('thresholds are the mean self-confidence per given label', () => {
    const t = perClassThresholds(probabilities, given, 2);
    expect(t[0]).toBeCloseTo((0.9 + 0.8 + 0.2) / 3, 12); // 0.6333
    expect(t[1]).toBeCloseTo((0.9 + 0.7 + 0.4) / 3, 12); // 0.6667
  });

  it('counts each item in the likeliest class at or above its threshold, or nowhere', () => {
    const joint = confidentJoint(probabilities, given, 2);
    // x5 = (0.6, 0.4): 0.6 < t0 and 0.4 < t1, so it is not counted.
    expect([...joint.confidentLabel]).toEqual([0, 0, 1, 1, 1, -1]);
    expect([...joint.counts]).toEqual([2, 1, 0, 2]);
    expect([...joint.givenCounts]).toEqual([3, 3]);
  });

  it('calibrates each row to the given-label count and normalises to 1', () => {
    // Row 0: [2, 1] · 3/3 = [2, 1]; row 1: [0, 2] · 3/2 = [0, 3]; divided by n = 6.
    const q = estimateJoint(confidentJoint(probabilities, given, 2));
    expect(q[0]).toBeCloseTo(2 / 6, 12);
    expect(q[1]).toBeCloseTo(1 / 6, 12);
    expect(q[2]).toBeCloseTo(0, 12);
    expect(q[3]).toBeCloseTo(3 / 6, 12);
  });

  it('gives a class nobody carries an infinite threshold', () => {
    const t = perClassThresholds(rows([0.2, 0.8, 0]), Int32Array.of(1), 3);
    expect(t[0]).toBe(Infinity);
    expect(t[1]).toBeCloseTo(0.8, 12);
  });

  it('refuses labels outside the classes and mismatched lengths', () => {
    expect(() => confidentJoint(rows([1, 0]), Int32Array.of(2), 2)).toThrow(HiloError);
    expect(() => confidentJoint(rows([1, 0]), Int32Array.of(0, 1), 2)).toThrow(
      '1 distributions but 2 labels',
    );
    expect(() => confidentJoint(rows([1, 0, 0]), Int32Array.of(0), 2)).toThrow(
      '3 probabilities for 2 classes',
    );
  });
});
