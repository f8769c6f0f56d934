import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { contrastiveScores } from './contrastive-scores.js';
import { createNearestLabelled } from './nearest-labelled.js';

describe('createNearestLabelled', () => {
  it('keeps the k nearest labelled items of every item, nearest first, never itself', () => {
    const rng = createRng(2);
    const n = 60;
    const d = 3;
    const values = Float64Array.from({ length: n * d }, () => rng.normal());
    const nearest = createNearestLabelled({ values, dimension: d }, 4);
    const labelled = [3, 17, 5, 40, 22, 9, 31];
    nearest.add(labelled.slice(0, 3)); // in two steps, as rounds add them
    nearest.add(labelled.slice(3));
    const dist = (a: number, b: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (values[a * d + j]! - values[b * d + j]!) ** 2;
      return s;
    };
    for (let i = 0; i < n; i++) {
      const expected = labelled
        .filter((c) => c !== i)
        .sort((a, b) => dist(i, a) - dist(i, b))
        .slice(0, 4);
      expect(Array.from(nearest.neighbours.subarray(i * 4, i * 4 + 4))).toEqual(expected);
    }
  });

  it('pads with -1 while fewer than k items are labelled', () => {
    const nearest = createNearestLabelled({ values: Float64Array.of(0, 1, 2), dimension: 1 }, 2);
    nearest.add([0]);
    expect(Array.from(nearest.neighbours)).toEqual([-1, -1, 0, -1, 0, -1]);
  });
});

describe('contrastiveScores (CAL)', () => {
  // Items on a line; 0 and 4 are labelled and the model agrees with them around them, except
  // at item 1, which sits next to 0 but is predicted the other way: a contrastive example.
  const embeddings = { values: Float64Array.of(0, 1, 2, 3, 4), dimension: 1 };
  const predictions = {
    probabilities: Float64Array.of(0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.2, 0.8, 0.1, 0.9),
    classCount: 2,
  };

  it('scores highest the item predicted unlike its labelled neighbours', () => {
    const nearest = createNearestLabelled(embeddings, 1);
    nearest.add([0, 4]);
    const scores = contrastiveScores(predictions, nearest);
    const kl = (p: number, q: number) =>
      p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    expect(scores[1]).toBeCloseTo(kl(0.9, 0.2), 12);
    expect(scores[3]).toBeCloseTo(kl(0.1, 0.2), 12);
    const unlabelled = [1, 2, 3];
    const best = unlabelled.reduce((a, b) => (scores[b]! > scores[a]! ? b : a));
    expect(best).toBe(1);
  });

  it('averages over the k neighbours and gives 0 without labelled neighbours', () => {
    const empty = createNearestLabelled(embeddings, 2);
    expect(Array.from(contrastiveScores(predictions, empty))).toEqual([0, 0, 0, 0, 0]);
    const nearest = createNearestLabelled(embeddings, 2);
    nearest.add([0, 4]);
    const kl = (p: number, q: number) =>
      p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    expect(contrastiveScores(predictions, nearest)[2]).toBeCloseTo(
      (kl(0.9, 0.6) + kl(0.1, 0.6)) / 2,
      12,
    );
  });
});
