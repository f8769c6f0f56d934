import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { confidenceBand, drawChecks } from './draw-checks.js';

function pool(n: number, seed: number): { confidence: Float64Array; predicted: Int32Array } {
  const rng = createRng(seed);
  const confidence = new Float64Array(n);
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    confidence[i] = [0.6, 0.8, 0.9, 0.95, 1][rng.int(5)] as number;
    predicted[i] = rng.int(3) - (i % 50 === 0 ? 3 : 0);
  }
  return { confidence, predicted };
}

const labels = ['a', 'b', 'c'];

describe('drawChecks', () => {
  it('draws the count asked, distinct, each with probability drawn / stratum size', () => {
    const { confidence, predicted } = pool(1000, 1);
    const { checks, strata } = drawChecks({
      confidence,
      predicted,
      labels,
      count: 120,
      design: 'stratified',
      seed: 3,
    });
    expect(checks).toHaveLength(120);
    expect(new Set(checks.map((c) => c.index)).size).toBe(120);
    for (const c of checks) {
      const s = strata.find((x) => x.key === c.stratum);
      expect(s).toBeDefined();
      expect(c.stratumSize).toBe(s?.size);
      expect(c.probability).toBeCloseTo((s?.drawn ?? 0) / (s?.size ?? 1), 12);
    }
    expect(strata.reduce((sum, s) => sum + s.drawn, 0)).toBe(120);
    expect(strata.reduce((sum, s) => sum + s.size, 0)).toBe(1000);
    expect(strata.some((s) => s.key.startsWith('none@'))).toBe(true);
  });

  it('is uniform with one stratum "all" under the uniform design', () => {
    const { confidence, predicted } = pool(500, 2);
    const { checks, strata } = drawChecks({
      confidence,
      predicted,
      labels,
      count: 50,
      design: 'uniform',
      seed: 1,
    });
    expect(strata).toEqual([{ key: 'all', size: 500, drawn: 50 }]);
    expect(checks.every((c) => c.probability === 0.1)).toBe(true);
  });

  it('gives sure strata a lower rate than unsure ones, and every stratum a draw', () => {
    const { confidence, predicted } = pool(3000, 4);
    const { strata } = drawChecks({
      confidence,
      predicted,
      labels,
      count: 300,
      design: 'stratified',
      seed: 5,
    });
    const rate = (key: string): number => {
      const s = strata.find((x) => x.key === key);
      return (s?.drawn ?? 0) / (s?.size ?? 1);
    };
    expect(rate('a@>=0.99')).toBeLessThan(rate('a@0.5-0.7') / 2);
    expect(strata.every((s) => s.drawn >= 1)).toBe(true);
  });

  it('keeps earlier draws in their strata, tops up, and recomputes their probabilities', () => {
    const { confidence, predicted } = pool(1000, 6);
    const first = drawChecks({
      confidence,
      predicted,
      labels,
      count: 60,
      design: 'stratified',
      seed: 7,
    });
    const already = first.checks.map((c) => ({ index: c.index, stratum: c.stratum }));
    const second = drawChecks({
      confidence,
      predicted,
      labels,
      count: 60,
      design: 'stratified',
      seed: 8,
      already,
    });
    expect(second.checks).toHaveLength(120);
    const byIndex = new Map(second.checks.map((c) => [c.index, c]));
    for (const c of first.checks) {
      const again = byIndex.get(c.index);
      expect(again?.stratum).toBe(c.stratum);
      expect(again?.probability).toBeGreaterThanOrEqual(c.probability);
    }
    expect(second.strata.reduce((sum, s) => sum + s.drawn, 0)).toBe(120);
  });

  it('keeps a reused stratum even when the confidence has moved since', () => {
    const confidence = [0.6, 0.6, 0.6, 0.6];
    const predicted = [0, 0, 0, 0];
    const { checks, strata } = drawChecks({
      confidence,
      predicted,
      labels,
      count: 1,
      design: 'stratified',
      seed: 1,
      already: [{ index: 0, stratum: 'a@0.95-0.99' }],
    });
    expect(strata).toContainEqual({ key: 'a@0.95-0.99', size: 1, drawn: 1 });
    expect(checks.find((c) => c.index === 0)?.probability).toBe(1);
    expect(checks).toHaveLength(2);
  });

  it('caps the count at the candidates left and refuses bad input', () => {
    const { checks } = drawChecks({
      confidence: [0.9, 0.8],
      predicted: [0, 1],
      labels,
      count: 5,
      design: 'uniform',
      seed: 1,
    });
    expect(checks).toHaveLength(2);
    expect(() =>
      drawChecks({
        confidence: [0.9],
        predicted: [],
        labels,
        count: 1,
        design: 'uniform',
        seed: 1,
      }),
    ).toThrow(/length/);
    expect(() =>
      drawChecks({
        confidence: [0.9],
        predicted: [0],
        labels,
        count: -1,
        design: 'uniform',
        seed: 1,
      }),
    ).toThrow(/count/);
    expect(() =>
      drawChecks({
        confidence: [0.9],
        predicted: [0],
        labels,
        count: 1,
        design: 'uniform',
        seed: 1,
        already: [{ index: 3, stratum: 'all' }],
      }),
    ).toThrow(/candidate index/);
  });

  it('is reproducible from its seed and unbiased over draws', () => {
    const { confidence, predicted } = pool(200, 9);
    const a = drawChecks({
      confidence,
      predicted,
      labels,
      count: 20,
      design: 'stratified',
      seed: 11,
    });
    const b = drawChecks({
      confidence,
      predicted,
      labels,
      count: 20,
      design: 'stratified',
      seed: 11,
    });
    expect(a.checks).toEqual(b.checks);
    // Horvitz–Thompson estimate of the pool size from the draws is exact in expectation.
    let sum = 0;
    const trials = 400;
    const hits = new Float64Array(200);
    for (let t = 0; t < trials; t++) {
      const { checks } = drawChecks({
        confidence,
        predicted,
        labels,
        count: 20,
        design: 'stratified',
        seed: t,
      });
      for (const c of checks) {
        sum += 1 / c.probability;
        hits[c.index] = (hits[c.index] as number) + 1;
      }
    }
    expect(sum / trials).toBeCloseTo(200, 6);
    expect(hits.every((h) => h > 0)).toBe(true);
  });

  it('names confidence bands', () => {
    expect([1, 0.99, 0.97, 0.9, 0.86, 0.8, 0.7, 0.55, 0.2].map(confidenceBand)).toEqual([
      '>=0.99',
      '>=0.99',
      '0.95-0.99',
      '0.9-0.95',
      '0.85-0.9',
      '0.8-0.85',
      '0.7-0.8',
      '0.5-0.7',
      '<0.5',
    ]);
  });
});
