import { describe, expect, it } from 'vitest';
import { negativeLogLikelihood } from './proper-scores.js';
import { syntheticPredictions } from './synthetic-predictions.js';
import { fitTemperatureScaling, temperatureCalibrator } from './temperature-scaling.js';

describe('fitTemperatureScaling', () => {
  it.each([0.5, 1, 2.5])('recovers the temperature %f the data was generated with', (T) => {
    const data = syntheticPredictions({ n: 6000, K: 4, temperature: T, seed: 11 });
    const fitted = fitTemperatureScaling({ probabilities: data.probs, labels: data.labels, K: 4 });
    if (fitted.params.method !== 'temperature') throw new Error('wrong method');
    expect(fitted.params.temperature).toBeGreaterThan(T * 0.9);
    expect(fitted.params.temperature).toBeLessThan(T * 1.1);
  });

  it('finds the NLL minimum: nearby temperatures do no better', () => {
    const data = syntheticPredictions({ n: 2000, K: 3, temperature: 1.7, seed: 3 });
    const fitted = fitTemperatureScaling({ probabilities: data.probs, labels: data.labels, K: 3 });
    if (fitted.params.method !== 'temperature') throw new Error('wrong method');
    const T = fitted.params.temperature;
    const nll = (t: number) =>
      negativeLogLikelihood(temperatureCalibrator(t, 3).apply(data.probs), data.labels, 3);
    expect(nll(T)).toBeLessThanOrEqual(nll(T * 1.02));
    expect(nll(T)).toBeLessThanOrEqual(nll(T / 1.02));
  });

  it('stops at the sharpening bound when gold is perfectly separated', () => {
    const probs = new Float64Array([0.6, 0.4, 0.3, 0.7]);
    const fitted = fitTemperatureScaling({ probabilities: probs, labels: [0, 1], K: 2 });
    expect(fitted.params).toEqual({ method: 'temperature', K: 2, temperature: 0.01 });
  });

  it('returns rows that sum to 1, zeros included', () => {
    const out = temperatureCalibrator(2, 3).apply(new Float64Array([1, 0, 0, 0.2, 0.3, 0.5]));
    expect((out[0] as number) + (out[1] as number) + (out[2] as number)).toBeCloseTo(1, 12);
    expect((out[3] as number) + (out[4] as number) + (out[5] as number)).toBeCloseTo(1, 12);
    expect(out[1]).toBeGreaterThan(0);
  });
});
