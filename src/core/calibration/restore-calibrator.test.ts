import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { CALIBRATION_METHODS } from './calibrator.js';
import { fitCalibrator } from './fit-calibrator.js';
import { restoreCalibrator } from './restore-calibrator.js';
import { syntheticPredictions } from './synthetic-predictions.js';

describe('restoreCalibrator', () => {
  const gold = syntheticPredictions({ n: 300, K: 3, temperature: 2, seed: 21 });
  const pool = syntheticPredictions({ n: 50, K: 3, temperature: 2, seed: 22 });

  it.each(CALIBRATION_METHODS)('round-trips a fitted %s calibrator through JSON', (method) => {
    const fitted = fitCalibrator(method, { probabilities: gold.probs, labels: gold.labels, K: 3 });
    const restored = restoreCalibrator(JSON.stringify(fitted.params));
    expect(restored.method).toBe(method);
    expect(Array.from(restored.apply(pool.probs))).toEqual(Array.from(fitted.apply(pool.probs)));
  });

  it.each(CALIBRATION_METHODS)('%s returns rows that sum to 1', (method) => {
    const fitted = fitCalibrator(method, { probabilities: gold.probs, labels: gold.labels, K: 3 });
    const out = fitted.apply(pool.probs);
    for (let i = 0; i < 50; i++) {
      const sum = (out[3 * i] as number) + (out[3 * i + 1] as number) + (out[3 * i + 2] as number);
      expect(sum).toBeCloseTo(1, 10);
    }
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown method', { method: 'magic', K: 2 }],
    ['a missing K', { method: 'none' }],
    ['a negative temperature', { method: 'temperature', K: 2, temperature: -1 }],
    ['unsorted knots', { method: 'isotonic', K: 2, x: [0.9, 0.5], y: [0.5, 0.9] }],
    ['mismatched bins', { method: 'histogram', K: 2, edges: [0.5], values: [0.5] }],
  ])('rejects %s with INVALID_INPUT', (_, value) => {
    try {
      restoreCalibrator(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HiloError);
      expect((error as HiloError).code).toBe('INVALID_INPUT');
    }
  });
});
