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

/**
 * The same optimizer written the slow, obvious way: every row shrinks after every step, in 64
 * bits, and examples past 0.95 sit out one epoch. The trainer's lazy, scaled, 32-bit rows must
 * land on the same weights.
 */
function eagerReference(options: LogisticRegressionOptions) {
  const { vectors, labels, classCount: K, dimension, l2, epochs, rng } = options;
  const eta = options.learningRate ?? 0.5;
  const weights = new Float64Array(dimension * K);
  const squares = new Float64Array(dimension);
  const bias = new Float64Array(K);
  for (const y of labels) bias[y]! += 1;
  for (let k = 0; k < K; k++) bias[k] = Math.log((bias[k]! + 1) / (labels.length + K));
  const biasSquares = new Float64Array(K);
  const order = Array.from(labels, (_, i) => i);
  const sitsOut = new Set<number>();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      if (sitsOut.delete(i)) continue;
      const { indices, values } = vectors[i]!;
      const p = Float64Array.from(bias);
      indices.forEach((j, t) => {
        for (let k = 0; k < K; k++) p[k]! += values[t]! * weights[j * K + k]!;
      });
      softmaxInPlace(p);
      if (p[labels[i]!]! > 0.95) sitsOut.add(i);
      const g = p.map((pk, k) => pk - (k === labels[i] ? 1 : 0));
      const gradientSquares = g.reduce((sum, v) => sum + v * v, 0);
      g.forEach((gk, k) => {
        biasSquares[k]! += gk * gk;
        if (biasSquares[k]! > 0) bias[k]! -= (eta * gk) / Math.sqrt(biasSquares[k]!);
      });
      indices.forEach((j, t) => {
        const x = values[t]!;
        squares[j]! += x * x * gradientSquares;
        if (squares[j] === 0) return;
        g.forEach((gk, k) => {
          if (Math.abs(gk) > 1e-2) weights[j * K + k]! -= (eta * x * gk) / Math.sqrt(squares[j]!);
        });
      });
      for (let j = 0; j < dimension; j++) {
        if (squares[j] === 0) continue;
        const shrink = 1 + (eta * l2) / Math.sqrt(squares[j]!);
        for (let k = 0; k < K; k++) weights[j * K + k]! /= shrink;
      }
    }
  }
  return { weights, bias };
}

describe('trainLogisticRegression against the eager optimizer', () => {
  it.each([1e-4, 4])('lands on the same weights at l2 = %s', (l2) => {
    // At l2 = 1e-4, rows pass 0.95 and sit out epochs. At l2 = 4, column 10 (in two rows only)
    // shrinks below 1e-30 while untouched, and the trainer must renormalize its row.
    const problem = toyProblem(75, 3);
    problem.vectors[0] = row([
      [0, 1],
      [10, 0.3],
    ]);
    problem.vectors[3] = row([
      [0, 1],
      [10, 0.3],
    ]);
    const options = { ...base(), ...problem, dimension: 11, l2, epochs: l2 > 1 ? 2 : 6 };
    const fast = trainLogisticRegression({ ...options, rng: createRng(4) });
    const eager = eagerReference({ ...options, rng: createRng(4) });
    fast.weights.forEach((w, at) => expect(w).toBeCloseTo(eager.weights[at]!, 5));
    fast.bias.forEach((b, k) => expect(b).toBeCloseTo(eager.bias[k]!, 6));
    if (l2 === 4) expect(Math.abs(fast.weights[10 * 3]!)).toBeLessThan(1e-30);
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
