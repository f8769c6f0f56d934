import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { fitPlattScaling, plattCalibrator } from './platt-scaling.js';

/** Binary rows whose top confidence c is right with probability sigmoid(a·logit(c) + b). */
function plattData(n: number, a: number, b: number, seed: number) {
  const rng = createRng(seed);
  const probabilities = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = 0.5 + 0.5 * rng.next();
    probabilities[2 * i] = c;
    probabilities[2 * i + 1] = 1 - c;
    const pRight = 1 / (1 + Math.exp(-(a * Math.log(c / (1 - c)) + b)));
    labels[i] = rng.next() < pRight ? 0 : 1;
  }
  return { probabilities, labels, K: 2 };
}

describe('fitPlattScaling', () => {
  it('recovers the logistic map the data was generated with', () => {
    const fitted = fitPlattScaling(plattData(20000, 0.6, 0.3, 5));
    if (fitted.params.method !== 'platt') throw new Error('wrong method');
    expect(fitted.params.a).toBeCloseTo(0.6, 1);
    expect(fitted.params.b).toBeCloseTo(0.3, 1);
  });

  it('smooths the targets, so all-right gold does not promise certainty', () => {
    const probabilities = new Float64Array([0.9, 0.1, 0.8, 0.2, 0.7, 0.3]);
    const fitted = fitPlattScaling({ probabilities, labels: [0, 0, 0], K: 2 });
    const out = fitted.apply(probabilities);
    expect(out[0]).toBeLessThan(0.95);
    expect(out[0]).toBeGreaterThan(0.5);
  });

  it('maps the top label and keeps rows summing to 1', () => {
    const out = plattCalibrator(1, 0, 3).apply(new Float64Array([0.2, 0.5, 0.3]));
    expect(out[1]).toBeCloseTo(0.5, 12);
    expect((out[0] as number) + (out[1] as number) + (out[2] as number)).toBeCloseTo(1, 12);
  });
});
