import { describe, expect, it } from 'vitest';
import { confidenceAuroc } from '../calibration/confidence-auroc.js';
import { createRng } from '../rng.js';
import { fitMetaRouter, restoreMetaRouter } from './meta-router.js';
import { selectMetaRouterPolicy } from './meta-router-policy.js';

/**
 * Items with a confidence feature and a label one-hot; the machine is wrong with probability
 * sigmoid(2 − 6·confidence + 2·[label 2]): label 2 is hard whatever the confidence says.
 */
function routerData(n: number, seed: number) {
  const rng = createRng(seed);
  const names = ['confidence', 'predicted=0', 'predicted=1', 'predicted=2'];
  const features = new Float64Array(n * 4);
  const wrong = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = 0.4 + 0.6 * rng.next();
    const label = rng.int(3);
    features[i * 4] = c;
    features[i * 4 + 1 + label] = 1;
    const z = 2 - 6 * c + (label === 2 ? 2 : 0);
    wrong[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { names, features, wrong, correct: wrong.map((w) => 1 - w) };
}

describe('fitMetaRouter', () => {
  it('recovers the logistic model the data was drawn from', () => {
    const data = routerData(20000, 1);
    const router = fitMetaRouter({
      features: data.features,
      names: data.names,
      wrong: data.wrong,
      l2: 0,
    });
    const { mean, scale, weights } = router.params;
    // Back to raw units: the confidence slope, and label 2's offset against label 0.
    const slope = (weights[0] as number) / (scale[0] as number);
    const offset =
      (weights[3] as number) / (scale[3] as number) - (weights[1] as number) / (scale[1] as number);
    expect(slope).toBeCloseTo(-6, 0);
    expect(offset).toBeCloseTo(2, 0);
    expect(mean[0]).toBeCloseTo(0.7, 1);
  });

  it('ranks items better than confidence alone when a label is hard', () => {
    const train = routerData(3000, 2);
    const test = routerData(3000, 3);
    const router = fitMetaRouter({
      features: train.features,
      names: train.names,
      wrong: train.wrong,
    });
    const confidence = test.features.filter((_, j) => j % 4 === 0);
    const byRouter = confidenceAuroc(router.score(test.features), test.correct);
    const byConfidence = confidenceAuroc(confidence, test.correct);
    expect(byRouter).toBeGreaterThan(byConfidence + 0.02);
  });

  it('restores from JSON to the same scores', () => {
    const data = routerData(500, 4);
    const router = fitMetaRouter({ features: data.features, names: data.names, wrong: data.wrong });
    const restored = restoreMetaRouter(JSON.parse(JSON.stringify(router.params)));
    expect(Array.from(restored.score(data.features))).toEqual(
      Array.from(router.score(data.features)),
    );
  });
});

describe('selectMetaRouterPolicy', () => {
  const gold = routerData(2000, 5);
  const pool = routerData(50000, 6);
  const policy = selectMetaRouterPolicy({
    features: gold.features,
    names: gold.names,
    correct: gold.correct,
    reference: pool.features,
    target: 0.9,
    delta: 0.05,
    seed: 7,
  });

  it('fits and tests on disjoint halves of the gold', () => {
    const fit = new Set(policy.fitItems);
    expect(policy.fitItems.length + policy.testItems.length).toBe(2000);
    expect(Array.from(policy.testItems).some((i) => fit.has(i))).toBe(false);
  });

  it('picks a threshold whose accepted pool items meet the target', () => {
    const threshold = policy.selection.threshold;
    expect(threshold).not.toBeNull();
    const scores = policy.router.score(pool.features);
    let accepted = 0;
    let right = 0;
    scores.forEach((s, i) => {
      if (s >= (threshold as number)) {
        accepted++;
        right += pool.correct[i] as number;
      }
    });
    expect(accepted).toBeGreaterThan(5000);
    expect(right / accepted).toBeGreaterThanOrEqual(0.9);
  });
});
