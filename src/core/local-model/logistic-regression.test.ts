import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import type { SparseVector } from './hashed-tfidf.js';
import {
  predictProba,
  softmaxInPlace,
  trainLogisticRegression,
  type LogisticRegressionOptions,
} from './logistic-regression.js';

const row = (entries: [number, number][]): SparseVector => {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const norm = Math.hypot(...sorted.map(([, v]) => v));
  return {
    indices: Int32Array.from(sorted, ([j]) => j),
    values: Float64Array.from(sorted, ([, v]) => v / norm),
  };
};

/** Class k has its own column k; columns 3..9 are noise shared by everyone. */
function toyProblem(n: number, seed: number) {
  const rng = createRng(seed);
  const vectors: SparseVector[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const y = i % 3;
    labels[i] = y;
    vectors.push(
      row([
        [y, 1],
        [3 + rng.int(7), 0.8],
        [3 + ((rng.int(7) + 1) % 7), 0.5],
      ]),
    );
  }
  return { vectors, labels };
}

const base = (seed = 1): LogisticRegressionOptions => ({
  ...toyProblem(60, 7),
  classCount: 3,
  dimension: 10,
  l2: 1e-4,
  epochs: 20,
  rng: createRng(seed),
});

const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));

describe('trainLogisticRegression', () => {
  it('learns a separable problem perfectly, also on unseen rows', () => {
    const model = trainLogisticRegression(base());
    const unseen = toyProblem(30, 99);
    predictProba(model, unseen.vectors).forEach((p, i) => {
      expect(argmax(p)).toBe(unseen.labels[i]);
      expect(p[unseen.labels[i]!]).toBeGreaterThan(0.8);
    });
  });

  it('returns distributions that sum to 1', () => {
    const model = trainLogisticRegression(base());
    for (const p of predictProba(model, [...toyProblem(20, 3).vectors, row([])])) {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const v of p) expect(v).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const a = trainLogisticRegression(base(5));
    const b = trainLogisticRegression(base(5));
    const c = trainLogisticRegression(base(6));
    expect(b.weights).toEqual(a.weights);
    expect(b.bias).toEqual(a.bias);
    expect(c.weights).not.toEqual(a.weights);
  });

  it('shrinks the weights as the L2 penalty grows', () => {
    const norm = (l2: number) => Math.hypot(...trainLogisticRegression({ ...base(), l2 }).weights);
    expect(norm(1e-1)).toBeLessThan(norm(1e-3));
    expect(norm(1e-3)).toBeLessThan(norm(0));
  });

  it('predicts the class prior on an empty row', () => {
    const labels = Int32Array.of(0, 0, 0, 1);
    const vectors = [row([[0, 1]]), row([[0, 1]]), row([[0, 1]]), row([[1, 1]])];
    const model = trainLogisticRegression({
      ...base(),
      vectors,
      labels,
      classCount: 2,
      dimension: 2,
    });
    const [p] = predictProba(model, [row([])]);
    expect(p![0]).toBeGreaterThan(p![1]!);
  });

  it('raises a rare class when it weighs more', () => {
    // One shared column: only the class weights and the bias can tell the classes apart.
    const labels = Int32Array.from({ length: 40 }, (_, i) => (i < 36 ? 0 : 1));
    const vectors = Array.from(labels, () => row([[0, 1]]));
    const options = { ...base(), vectors, labels, classCount: 2, dimension: 1 };
    const plain = predictProba(trainLogisticRegression(options), [row([[0, 1]])])[0]!;
    const weighted = predictProba(
      trainLogisticRegression({ ...options, classWeights: Float64Array.of(1, 9) }),
      [row([[0, 1]])],
    )[0]!;
    expect(plain[1]).toBeLessThan(0.2);
    expect(weighted[1]).toBeGreaterThan(0.4);
  });
});

describe('softmaxInPlace', () => {
  it('is stable for large logits', () => {
    const values = Float64Array.of(1000, 1001, -Infinity);
    softmaxInPlace(values);
    expect(values[0]).toBeCloseTo(1 / (1 + Math.E), 12);
    expect(values[1]).toBeCloseTo(Math.E / (1 + Math.E), 12);
    expect(values[2]).toBe(0);
  });
});
