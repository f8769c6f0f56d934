import { describe, expect, it } from 'vitest';
import { buildVoteMatrix } from '../aggregation/build-vote-matrix.js';
import { HiloError } from '../errors.js';
import { createRng } from '../rng.js';
import { corruptLabels } from './corrupt-labels.js';
import { drawAnnotators } from './draw-annotators.js';
import { fitCrowdAnnotators, transferAnnotator } from './fit-crowd-annotators.js';
import {
  annotate,
  annotatorAccuracy,
  parametricAnnotator,
  type SimulatedAnnotator,
} from './simulated-annotator.js';

const rowSums = (a: SimulatedAnnotator) =>
  Array.from({ length: a.classCount }, (_, t) =>
    a.confusion.subarray(t * a.classCount, (t + 1) * a.classCount).reduce((s, v) => s + v, 0),
  );

describe('parametricAnnotator', () => {
  it('puts accuracy on the diagonal and spreads mistakes, leaning to biasTo by the bias share', () => {
    const a = parametricAnnotator({
      name: 'a',
      classCount: 3,
      accuracy: 0.7,
      biasTo: 2,
      bias: 0.5,
    });
    expect(rowSums(a).every((s) => Math.abs(s - 1) < 1e-12)).toBe(true);
    // True class 0: 0.3 wrong, half of it to class 2, the other half spread over classes 1 and 2.
    expect(a.confusion[0]).toBeCloseTo(0.7, 12);
    expect(a.confusion[1]).toBeCloseTo(0.075, 12);
    expect(a.confusion[2]).toBeCloseTo(0.225, 12);
    expect(a.confusion[8]).toBeCloseTo(0.7, 12); // no leaning when the truth is the bias class
    expect(annotatorAccuracy(a)).toBeCloseTo(0.7, 12);
  });

  it('makes a spammer whose answer ignores the item', () => {
    const uniform = parametricAnnotator({ name: 's', classCount: 4, accuracy: 0.9, spammer: true });
    expect(Array.from(uniform.confusion)).toEqual(new Array(16).fill(0.25));
    const stuck = parametricAnnotator({
      name: 's',
      classCount: 2,
      accuracy: 0.9,
      spammer: true,
      biasTo: 1,
    });
    expect(Array.from(stuck.confusion)).toEqual([0, 1, 0, 1]);
    expect(annotatorAccuracy(stuck)).toBe(0.5);
  });

  it('refuses impossible numbers', () => {
    expect(() => parametricAnnotator({ name: 'x', classCount: 2, accuracy: 1.2 })).toThrow(
      HiloError,
    );
    expect(() =>
      parametricAnnotator({ name: 'x', classCount: 2, accuracy: 0.8, biasTo: 2 }),
    ).toThrow(HiloError);
  });
});

describe('annotate', () => {
  it('answers with the frequencies of the confusion row', () => {
    const a = parametricAnnotator({ name: 'a', classCount: 3, accuracy: 0.6, biasTo: 1, bias: 1 });
    const rng = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[annotate(a, 0, rng)]! += 1;
    expect(counts[0]! / 20_000).toBeCloseTo(0.6, 1);
    expect(counts[1]! / 20_000).toBeCloseTo(0.4, 1);
    expect(counts[2]).toBe(0);
  });
});

describe('corruptLabels', () => {
  it('changes a label with probability 1 − agreement, always to another class', () => {
    const n = 20_000;
    const classes = Int32Array.from({ length: n }, (_, i) => i % 3);
    const agreement = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0.6));
    const noisy = corruptLabels({ classes, agreement, classCount: 3, rng: createRng(1) });
    let changedFirst = 0;
    let changedSecond = 0;
    for (let i = 0; i < n; i++) {
      if (noisy[i] !== classes[i] && i < n / 2) changedFirst++;
      if (noisy[i] !== classes[i] && i >= n / 2) changedSecond++;
      expect(noisy[i]).toBeGreaterThanOrEqual(0);
      expect(noisy[i]).toBeLessThan(3);
    }
    expect(changedFirst).toBe(0);
    expect(changedSecond / (n / 2)).toBeCloseTo(0.4, 1);
  });
});

describe('fitCrowdAnnotators', () => {
  it('recovers the accuracy of each simulated worker from their votes alone', () => {
    const rng = createRng(9);
    const truth = Array.from({ length: 400 }, () => rng.int(2));
    const workers = [0.95, 0.85, 0.7, 0.55].map((accuracy, w) =>
      parametricAnnotator({ name: `w${w}`, classCount: 2, accuracy }),
    );
    const votes = truth.flatMap((t, i) =>
      workers.map((w) => ({
        item: `i${i}`,
        annotator: w.name,
        label: String(annotate(w, t, rng)),
      })),
    );
    const built = buildVoteMatrix(votes, { labels: ['0', '1'] });
    const fit = fitCrowdAnnotators(built.matrix, { names: built.annotators });
    expect(fit.annotators.map((a) => a.name)).toEqual(['w0', 'w1', 'w2', 'w3']);
    // Against each worker's accuracy in this sample (the draw itself wanders by a few points).
    const observed = workers.map(
      (w) =>
        votes.filter(
          (v, j) => v.annotator === w.name && Number(v.label) === truth[Math.floor(j / 4)],
        ).length / 400,
    );
    fit.annotators.forEach((a, w) =>
      expect(Math.abs(annotatorAccuracy(a) - observed[w]!)).toBeLessThan(0.03),
    );
    expect(Array.from(fit.votes)).toEqual([400, 400, 400, 400]);
    const moved = transferAnnotator(fit.annotators[0]!, 5, fit.classPriors);
    expect(moved.classCount).toBe(5);
    expect(annotatorAccuracy(moved)).toBeCloseTo(
      annotatorAccuracy(fit.annotators[0]!, fit.classPriors),
      12,
    );
  });
});

describe('drawAnnotators', () => {
  it('draws distinct annotators, busy ones more often', () => {
    const rng = createRng(4);
    const seen = [0, 0, 0];
    for (let r = 0; r < 3000; r++) {
      const picks = drawAnnotators(3, 2, rng, [8, 1, 1]);
      expect(new Set(picks).size).toBe(2);
      seen[picks[0]!]! += 1;
    }
    // The first pick follows the weights: 80%, 10%, 10%.
    expect(seen[0]! / 3000).toBeCloseTo(0.8, 1);
    expect(seen[1]! / 3000).toBeCloseTo(0.1, 1);
    expect(drawAnnotators(2, 5, rng)).toHaveLength(2);
  });
});
