import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { HiloError } from '../errors.js';
import { bootstrapInterval, quantile } from './bootstrap.js';

const meanOf = (values: number[]) => (sample: Int32Array) => {
  let sum = 0;
  for (const i of sample) sum += values[i] as number;
  return sum / sample.length;
};

describe('bootstrapInterval', () => {
  const correct = Array.from({ length: 400 }, (_, i) => (i % 10 < 7 ? 1 : 0)); // accuracy 0.7

  it('brackets the estimate with about the normal-approximation width', () => {
    const interval = bootstrapInterval({
      n: correct.length,
      statistic: meanOf(correct),
      rng: createRng(1),
    });
    expect(interval.estimate).toBeCloseTo(0.7, 12);
    expect(interval.lower).toBeLessThan(0.7);
    expect(interval.upper).toBeGreaterThan(0.7);
    // 2 × 1.96 × sqrt(0.7 × 0.3 / 400) ≈ 0.0898
    expect(interval.upper - interval.lower).toBeGreaterThan(0.07);
    expect(interval.upper - interval.lower).toBeLessThan(0.11);
    expect(interval.resamples).toBe(1000);
    expect(interval.confidence).toBe(0.95);
  });

  it('is reproducible for a seed and changes with it', () => {
    const run = (seed: number) =>
      bootstrapInterval({
        n: 50,
        statistic: meanOf(correct),
        rng: createRng(seed),
        resamples: 200,
      });
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('narrows as the confidence level drops', () => {
    const at = (confidence: number) =>
      bootstrapInterval({ n: 400, statistic: meanOf(correct), rng: createRng(9), confidence });
    const wide = at(0.99);
    const narrow = at(0.5);
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it('collapses on a constant statistic', () => {
    const interval = bootstrapInterval({
      n: 10,
      statistic: () => 0.25,
      rng: createRng(2),
      resamples: 50,
    });
    expect([interval.lower, interval.estimate, interval.upper]).toEqual([0.25, 0.25, 0.25]);
  });

  it('drops resamples whose statistic is not finite', () => {
    // A ratio over the items flagged 1: undefined when a resample holds none of them.
    const flagged = [1, 0, 0, 0, 0];
    const statistic = (sample: Int32Array) => {
      let hits = 0;
      for (const i of sample) hits += flagged[i] as number;
      return hits / hits;
    };
    const interval = bootstrapInterval({ n: 5, statistic, rng: createRng(5), resamples: 500 });
    expect(interval.resamples).toBeLessThan(500);
    expect(interval.resamples).toBeGreaterThan(300); // P(no flagged item) = 0.8^5 ≈ 0.33
    expect(interval.lower).toBe(1);
  });

  it('rejects meaningless settings', () => {
    const base = { statistic: () => 0, rng: createRng(1) };
    expect(() => bootstrapInterval({ ...base, n: 0 })).toThrow(HiloError);
    expect(() => bootstrapInterval({ ...base, n: 3, resamples: 0 })).toThrow(HiloError);
    expect(() => bootstrapInterval({ ...base, n: 3, confidence: 1 })).toThrow(HiloError);
  });
});

describe('quantile', () => {
  it('interpolates linearly between order statistics, as numpy does', () => {
    const values = Float64Array.of(1, 2, 3, 4);
    expect(quantile(values, 0.5)).toBe(2.5);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 1)).toBe(4);
    expect(quantile(values, 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });
});
