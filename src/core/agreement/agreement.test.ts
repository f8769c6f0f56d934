import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVoteMatrix } from '../aggregation/build-vote-matrix.js';
import { createVoteMatrix, type VoteMatrix } from '../aggregation/vote-matrix.js';
import { annotatorAgreement } from './annotator-agreement.js';
import { bootstrapInterval } from './bootstrap-interval.js';
import { cohenKappa } from './cohen-kappa.js';
import { fleissKappa, fleissKappaFromCounts } from './fleiss-kappa.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { itemAgreement, percentAgreement } from './percent-agreement.js';

/** Reliability data as coders × units, values 1..K, null = missing. */
function reliabilityData(rows: (number | null)[][], K: number): VoteMatrix {
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  rows.forEach((row, coder) =>
    row.forEach((value, unit) => {
      if (value === null) return;
      item.push(unit);
      annotator.push(coder);
      label.push(value - 1);
    }),
  );
  return createVoteMatrix({
    numClasses: K,
    numItems: (rows[0] as unknown[]).length,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  });
}

const _ = null;

describe("Krippendorff's α", () => {
  it('gives 0.691 (nominal) on the Wikipedia example: 3 coders, 15 units, missing values', () => {
    const data = reliabilityData(
      [
        [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
        [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
        [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
      ],
      4,
    );
    expect(krippendorffAlpha(data)).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(data, { level: 'interval' })).toBeCloseTo(0.811, 3);
  });

  it("gives 0.743 / 0.815 / 0.849 on Krippendorff's (2011) 4-observer example C", () => {
    const data = reliabilityData(
      [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
      ],
      5,
    );
    expect(krippendorffAlpha(data, { level: 'nominal' })).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(data, { level: 'ordinal' })).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(data, { level: 'interval' })).toBeCloseTo(0.849, 3);
    // Interval α depends on the values the classes stand for, not only their order.
    const stretched = Float64Array.of(1, 2, 3, 4, 50);
    expect(krippendorffAlpha(data, { level: 'interval', values: stretched })).not.toBeCloseTo(
      0.849,
      2,
    );
  });

  it('is 1 under perfect agreement and NaN when only one value was ever used', () => {
    expect(
      krippendorffAlpha(
        reliabilityData(
          [
            [1, 2, 2],
            [1, 2, 2],
          ],
          2,
        ),
      ),
    ).toBe(1);
    expect(
      krippendorffAlpha(
        reliabilityData(
          [
            [1, 1],
            [1, 1],
          ],
          2,
        ),
      ),
    ).toBeNaN();
  });

  it('gives 0.1255 on bluebirds, as crowd-kit does', () => {
    const text = readFileSync(
      new URL('../aggregation/fixtures/bluebirds/answers.csv', import.meta.url),
      'utf8',
    );
    const votes = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [item, annotator, label] = line.split(',') as [string, string, string];
        return { item, annotator, label };
      });
    expect(krippendorffAlpha(buildVoteMatrix(votes).matrix)).toBeCloseTo(0.1255, 4);
  });
});

describe("Fleiss' κ", () => {
  it('gives 0.430 on Fleiss (1971), Table 1: 30 patients, 6 psychiatrists, 5 diagnoses', () => {
    // Rows: depression, personality disorder, schizophrenia, neurosis, other.
    const table = [
      [0, 0, 0, 6, 0],
      [0, 3, 0, 0, 3],
      [0, 1, 4, 0, 1],
      [0, 0, 0, 0, 6],
      [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0],
      [0, 0, 4, 0, 2],
      [2, 0, 3, 1, 0],
      [2, 0, 0, 4, 0],
      [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0],
      [1, 1, 0, 4, 0],
      [0, 3, 3, 0, 0],
      [1, 0, 0, 5, 0],
      [0, 2, 0, 3, 1],
      [0, 0, 5, 0, 1],
      [3, 0, 0, 1, 2],
      [5, 1, 0, 0, 0],
      [0, 2, 0, 4, 0],
      [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 6],
      [0, 1, 0, 5, 0],
      [0, 2, 0, 1, 3],
      [2, 0, 0, 4, 0],
      [1, 0, 0, 4, 1],
      [0, 5, 0, 1, 0],
      [4, 0, 0, 0, 2],
      [0, 2, 0, 4, 0],
      [1, 0, 5, 0, 0],
      [0, 0, 0, 0, 6],
    ];
    expect(fleissKappaFromCounts(Float64Array.from(table.flat()), 5)).toBeCloseTo(0.43, 3);
  });

  it('gives 0.210 on the Wikipedia example: 10 subjects, 14 raters, 5 categories', () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappaFromCounts(Float64Array.from(table.flat()), 5)).toBeCloseTo(0.21, 3);
  });

  it('reads the same table from votes', () => {
    const data = reliabilityData(
      [
        [1, 2, 2, 1],
        [1, 2, 1, 1],
        [2, 2, 1, 1],
      ],
      2,
    );
    const counts = Float64Array.of(2, 1, 0, 3, 2, 1, 3, 0);
    expect(fleissKappa(data)).toBeCloseTo(fleissKappaFromCounts(counts, 2), 12);
  });
});

describe("Cohen's κ", () => {
  it('gives 0.4 on the textbook example (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    const cells: [number, number, number][] = [
      [0, 0, 20],
      [0, 1, 5],
      [1, 0, 10],
      [1, 1, 15],
    ];
    const a = Int32Array.from(cells.flatMap(([x, , n]) => new Array<number>(n).fill(x)));
    const b = Int32Array.from(cells.flatMap(([, y, n]) => new Array<number>(n).fill(y)));
    expect(cohenKappa(a, b, { numClasses: 2 })).toBeCloseTo(0.4, 12);
  });

  it('skips missing labels and weighs ordered disagreements', () => {
    const a = Int32Array.of(0, 1, 2, 2, -1, 0);
    const b = Int32Array.of(0, 2, 2, 1, 1, 0);
    const withoutMissing = cohenKappa(Int32Array.of(0, 1, 2, 2, 0), Int32Array.of(0, 2, 2, 1, 0), {
      numClasses: 3,
    });
    expect(cohenKappa(a, b, { numClasses: 3 })).toBeCloseTo(withoutMissing, 12);
    const ordered = { numClasses: 4, weights: 'quadratic' } as const;
    const near = cohenKappa(Int32Array.of(0, 1, 2, 3), Int32Array.of(1, 1, 2, 3), ordered);
    const far = cohenKappa(Int32Array.of(0, 1, 2, 3), Int32Array.of(3, 1, 2, 3), ordered);
    expect(near).toBeGreaterThan(far);
    const linear = { numClasses: 2, weights: 'linear' } as const;
    expect(cohenKappa(Int32Array.of(0, 1), Int32Array.of(0, 1), linear)).toBe(1);
  });
});

describe('percent agreement, per item and per annotator', () => {
  const data = reliabilityData(
    [
      [1, 1, 2],
      [1, 2, 2],
      [1, 2, null],
    ],
    2,
  );

  it('averages the share of agreeing pairs over items with 2+ votes', () => {
    expect([...itemAgreement(data)]).toEqual([1, 1 / 3, 1]);
    expect(percentAgreement(data)).toBeCloseTo((1 + 1 / 3 + 1) / 3, 12);
  });

  it('compares each annotator with the aggregate', () => {
    const result = annotatorAgreement(data, Int32Array.of(0, 1, 1));
    expect([...result.votes]).toEqual([3, 3, 2]);
    expect([...result.agreement]).toEqual([2 / 3, 1, 1]);
    expect(result.kappa[1]).toBe(1);
    expect(result.kappa[0]).toBeLessThan(1);
  });
});

describe('bootstrapInterval', () => {
  const rows = Array.from({ length: 3 }, (_, coder) =>
    Array.from(
      { length: 60 },
      (_, unit) => ((unit * 7 + (coder === 2 && unit % 4 === 0 ? 1 : 0)) % 3) + 1,
    ),
  );
  const data = reliabilityData(rows, 3);

  it('brackets the estimate and is reproducible for a seed', () => {
    const run = () =>
      bootstrapInterval(data, (m) => krippendorffAlpha(m), { samples: 300, seed: 4 });
    const interval = run();
    expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
    expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
    expect(interval.upper - interval.lower).toBeGreaterThan(0);
    expect(interval.samples).toBe(300);
    expect(run()).toEqual(interval);
  });

  it('narrows as the level drops', () => {
    const wide = bootstrapInterval(data, fleissKappa, { samples: 300, level: 0.95, seed: 1 });
    const narrow = bootstrapInterval(data, fleissKappa, { samples: 300, level: 0.5, seed: 1 });
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });
});
