import { describe, expect, it } from 'vitest';
import { routerFeatures } from './router-features.js';

describe('routerFeatures', () => {
  it('computes confidence, margin, normalised entropy and the one-hot label', () => {
    const f = routerFeatures({
      probabilities: new Float64Array([0.2, 0.7, 0.1, 0.5, 0.5, 0]),
      K: 3,
    });
    expect(f.names).toEqual([
      'confidence',
      'margin',
      'entropy',
      'predicted=0',
      'predicted=1',
      'predicted=2',
    ]);
    expect(f.d).toBe(6);
    const row0 = Array.from(f.matrix.subarray(0, 6));
    expect(row0[0]).toBe(0.7);
    expect(row0[1]).toBeCloseTo(0.5, 12);
    const h = -(0.2 * Math.log(0.2) + 0.7 * Math.log(0.7) + 0.1 * Math.log(0.1)) / Math.log(3);
    expect(row0[2]).toBeCloseTo(h, 12);
    expect(row0.slice(3)).toEqual([0, 1, 0]);
    // A tie: lowest index wins, margin 0, entropy ln 2 / ln 3.
    const row1 = Array.from(f.matrix.subarray(6, 12));
    expect(row1[1]).toBe(0);
    expect(row1[2]).toBeCloseTo(Math.log(2) / Math.log(3), 12);
    expect(row1.slice(3)).toEqual([1, 0, 0]);
  });

  it('adds disagreement and log text length when given', () => {
    const f = routerFeatures({
      probabilities: new Float64Array([0.9, 0.1]),
      K: 2,
      disagreement: [0.25],
      textLength: [99],
    });
    expect(f.names.slice(3, 5)).toEqual(['disagreement', 'log_text_length']);
    expect(f.matrix[3]).toBe(0.25);
    expect(f.matrix[4]).toBeCloseTo(Math.log(100), 12);
  });
});
