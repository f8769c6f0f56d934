import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { learnThenTest } from './learn-then-test.js';
import { learnThenTestPerClass } from './learn-then-test-per-class.js';

describe('learnThenTestPerClass', () => {
  // Class 0: 300 items all right; class 1: 300 items, right only on the top half (score > 0.5).
  const n = 600;
  const predicted = Int32Array.from({ length: n }, (_, i) => i % 2);
  const scores = Float64Array.from({ length: n }, (_, i) => 1 - Math.floor(i / 2) / 300);
  const correct = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 || i < 300 ? 1 : 0));
  const grid = [0.9, 0.7, 0.5, 0.3, 0.1];

  it('tests each class at delta / K on its own gold', () => {
    const result = learnThenTestPerClass({
      scores,
      correct,
      predicted,
      K: 2,
      thresholds: [grid, grid],
      target: 0.9,
      delta: 0.1,
    });
    expect(result.deltaPerClass).toBeCloseTo(0.05, 15);
    expect(result.thresholds[0]).toBe(0.1);
    expect(result.thresholds[1]).toBe(0.5);
    const classOne = learnThenTest({
      scores: scores.filter((_, i) => i % 2 === 1),
      correct: correct.filter((_, i) => i % 2 === 1),
      thresholds: grid,
      target: 0.9,
      delta: 0.05,
    });
    expect(result.perClass[1]).toEqual(classOne);
  });

  it('gives Infinity to a class with nothing certified', () => {
    const result = learnThenTestPerClass({
      scores,
      correct,
      predicted,
      K: 3,
      thresholds: [grid, grid, grid],
      target: 0.95,
      delta: 0.1,
    });
    expect(result.thresholds[2]).toBe(Number.POSITIVE_INFINITY);
  });

  it('needs candidates for every class', () => {
    expect(() =>
      learnThenTestPerClass({
        scores,
        correct,
        predicted,
        K: 2,
        thresholds: [grid],
        target: 0.95,
        delta: 0.1,
      }),
    ).toThrow(HiloError);
  });
});
