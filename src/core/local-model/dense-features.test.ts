import { describe, expect, it } from 'vitest';
import { denseSoftmax, unitRows } from './dense-features.js';

describe('unitRows', () => {
  it('scales each vector to unit length, keeps zero vectors, shares one index array', () => {
    const rows = unitRows([Float32Array.of(3, 4), Float32Array.of(0, 0), [0, -2]]);
    expect(Array.from(rows[0]?.values ?? [])).toEqual([
      expect.closeTo(0.6, 15),
      expect.closeTo(0.8, 15),
    ]);
    expect(Array.from(rows[1]?.values ?? [])).toEqual([0, 0]);
    expect(Array.from(rows[2]?.values ?? [])).toEqual([0, -1]);
    expect(Array.from(rows[0]?.indices ?? [])).toEqual([0, 1]);
    expect(rows[1]?.indices).toBe(rows[0]?.indices);
  });

  it('holds every vector to the given length', () => {
    expect(() => unitRows([Float32Array.of(1, 2)], 3)).toThrow(
      /vector 0 has 2 dimensions, the model 3/,
    );
    expect(unitRows([])).toEqual([]);
  });
});

describe('denseSoftmax', () => {
  it('is softmax(bias + xᵀW) with K weights per column', () => {
    // x = [1, 2]; W column 0 = [1, 0], column 1 = [0, 1]; bias [0, ln 2] → logits [1, 2 + ln 2].
    const p = denseSoftmax(
      Float64Array.of(1, 2),
      Float64Array.of(1, 0, 0, 1),
      Float64Array.of(0, Math.log(2)),
    );
    const e = Math.exp(1);
    const f = 2 * Math.exp(2);
    expect(p[0]).toBeCloseTo(e / (e + f), 12);
    expect(p[1]).toBeCloseTo(f / (e + f), 12);
  });
});
