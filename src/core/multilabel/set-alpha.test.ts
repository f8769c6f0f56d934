import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../agreement/krippendorff-alpha.js';
import { createVoteMatrix } from '../aggregation/vote-matrix.js';
import { HiloError } from '../errors.js';
import { masiDistance } from './masi-distance.js';
import { setAlpha } from './set-alpha.js';

describe('masiDistance', () => {
  it('is 1 − Jaccard × M with M = 1, 2/3, 1/3, 0 (Passonneau 2006)', () => {
    expect(masiDistance([0, 1], [1, 0])).toBe(0); // same: J = 1, M = 1
    expect(masiDistance([0, 1], [0])).toBeCloseTo(1 - (1 / 2) * (2 / 3), 15); // subset: 2/3
    expect(masiDistance([0, 1], [1, 2])).toBeCloseTo(1 - (1 / 3) * (1 / 3), 15); // overlap: 8/9
    expect(masiDistance([0, 1], [2])).toBe(1); // disjoint: M = 0
    expect(masiDistance([], [])).toBe(0);
    expect(masiDistance([], [3])).toBe(1);
  });

  it('is symmetric, in [0, 1], and 0 exactly for equal sets', () => {
    const set = fc.uniqueArray(fc.nat(6), { maxLength: 7 });
    fc.assert(
      fc.property(set, set, (a, b) => {
        const d = masiDistance(a, b);
        expect(d).toBe(masiDistance(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        const equal = a.length === b.length && a.every((x) => b.includes(x));
        expect(d === 0).toBe(equal);
      }),
    );
  });
});

describe('setAlpha', () => {
  it('gives 4/7 on a hand-computed example', () => {
    // Item 1: {0,1} vs {0}, δ = 2/3; item 2: {2} vs {2}, δ = 0; n = 4 pairable sets.
    // D_o = (2 · 2/3) / 4 = 1/3. Across all 12 ordered pairs: 2 × (2/3 + 1 + 1 + 1 + 1 + 0)
    // = 28/3, so D_e = (28/3) / 12 = 7/9 and α = 1 − (1/3) / (7/9) = 4/7.
    expect(
      setAlpha([
        [[0, 1], [0]],
        [[2], [2]],
      ]),
    ).toBeCloseTo(4 / 7, 14);
  });

  it('gives 555/1426 with missing sets, empty sets and unpairable items', () => {
    // Reference: exact fractions in Python from the pair definition of D_o and D_e
    // (every ordered pair of sets, no grouping): D_o = 67/126, D_e = 713/819.
    const units = [
      [[0, 1], [0], [0, 1]],
      [[1, 2], [2, 3], null],
      [[3], [3], [3]],
      [[0], null, null],
      [[], [], [1]],
      [[0, 2], [0], [2]],
    ];
    expect(setAlpha(units)).toBeCloseTo(555 / 1426, 14);
  });

  it('is 1 under perfect agreement, NaN without pairable data or expected disagreement', () => {
    expect(
      setAlpha([
        [
          [0, 1],
          [1, 0],
        ],
        [[2], [2]],
      ]),
    ).toBe(1);
    expect(setAlpha([[[0], null], [[1]]])).toBeNaN();
    expect(
      setAlpha([
        [[0], [0]],
        [[0], [0]],
      ]),
    ).toBeNaN();
    expect(() => setAlpha([[[-1], [0]]])).toThrow(HiloError);
  });

  it("equals nominal Krippendorff's α when every set is a single label", () => {
    const cell = fc.option(fc.nat(3), { nil: null, freq: 4 });
    const data = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), {
      minLength: 2,
      maxLength: 12,
    });
    fc.assert(
      fc.property(data, (grid) => {
        const item: number[] = [];
        const annotator: number[] = [];
        const label: number[] = [];
        grid.forEach((row, i) =>
          row.forEach((value, j) => {
            if (value === null) return;
            item.push(i);
            annotator.push(j);
            label.push(value);
          }),
        );
        const matrix = createVoteMatrix({
          numClasses: 4,
          numItems: grid.length,
          item: Int32Array.from(item),
          annotator: Int32Array.from(annotator),
          label: Int32Array.from(label),
        });
        const sets = grid.map((row) => row.map((value) => (value === null ? null : [value])));
        const expected = krippendorffAlpha(matrix);
        if (Number.isNaN(expected)) expect(setAlpha(sets)).toBeNaN();
        else expect(setAlpha(sets)).toBeCloseTo(expected, 10);
      }),
    );
  });

  it('does not depend on the order of items or of annotators', () => {
    const set = fc.option(fc.uniqueArray(fc.nat(3), { maxLength: 3 }), { nil: null });
    const data = fc.array(fc.array(set, { minLength: 3, maxLength: 3 }), {
      minLength: 2,
      maxLength: 10,
    });
    fc.assert(
      fc.property(data, (units) => {
        const alpha = setAlpha(units);
        const shuffled = [...units].reverse().map((row) => [...row].reverse());
        if (Number.isNaN(alpha)) expect(setAlpha(shuffled)).toBeNaN();
        else expect(setAlpha(shuffled)).toBeCloseTo(alpha, 12);
      }),
    );
  });
});
