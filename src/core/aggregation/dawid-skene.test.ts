import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVoteMatrix, type BuiltVoteMatrix } from './build-vote-matrix.js';
import { dawidSkene } from './dawid-skene.js';
import { DAWID_SKENE_1979 } from './fixtures/dawid-skene-1979.js';
import { simulateCrowd } from './fixtures/simulated-crowd.js';
import { majorityVote } from './majority-vote.js';
import { createVoteMatrix } from './vote-matrix.js';

function csv(name: string): string[][] {
  const text = readFileSync(new URL(`./fixtures/bluebirds/${name}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

function accuracy(built: BuiltVoteMatrix, labels: Int32Array, gold: Map<string, string>): number {
  let right = 0;
  for (const [item, truth] of gold) {
    if (built.labels[labels[built.itemIndex.get(item) as number] as number] === truth) right++;
  }
  return right / gold.size;
}

describe('dawidSkene on bluebirds (datasets README reference configuration)', () => {
  const votes = csv('answers.csv').map(([item, annotator, label]) => ({
    item: item as string,
    annotator: annotator as string,
    label: label as string,
  }));
  const gold = new Map(csv('truth.csv').map(([item, truth]) => [item as string, truth as string]));
  const built = buildVoteMatrix(votes);

  it('reads 4,212 votes on 108 images by 39 workers', () => {
    expect(built.matrix.numVotes).toBe(4212);
    expect(built.matrix.numItems).toBe(108);
    expect(built.matrix.numAnnotators).toBe(39);
  });

  it('pins majority vote at 0.759 and Dawid-Skene at 0.898', () => {
    expect(accuracy(built, majorityVote(built.matrix).labels, gold)).toBeCloseTo(0.759, 2);
    const ds = dawidSkene(built.matrix, { maxIterations: 50, tolerance: 0, smoothing: 0.01 });
    expect(ds.iterations).toBe(50);
    expect(Math.abs(accuracy(built, ds.labels, gold) - 0.898)).toBeLessThanOrEqual(0.005);
  });
});

/** The textbook algorithm over dense (patient × observer × class) counts, for comparison. */
function denseDawidSkene(counts: number[][][], K: number, iterations: number): number[][] {
  const P = counts.length;
  const O = (counts[0] as number[][]).length;
  let T = counts.map((byObserver) => {
    const sums = new Array<number>(K).fill(0);
    for (const row of byObserver) row.forEach((c, k) => (sums[k] = (sums[k] as number) + c));
    const total = sums.reduce((s, c) => s + c, 0);
    return sums.map((c) => c / total);
  });
  for (let it = 0; it < iterations; it++) {
    const prior = Array.from(
      { length: K },
      (_, k) => T.reduce((s, t) => s + (t[k] as number), 0) / P,
    );
    const pi = Array.from({ length: O }, (_, o) =>
      Array.from({ length: K }, (_, j) => {
        const row = Array.from({ length: K }, (_, l) =>
          T.reduce((s, t, p) => s + (t[j] as number) * (counts[p]![o]![l] as number), 0),
        );
        const total = row.reduce((s, c) => s + c, 0);
        return row.map((c) => c / total);
      }),
    );
    T = counts.map((byObserver) => {
      const joint = Array.from({ length: K }, (_, j) => {
        let p = prior[j] as number;
        byObserver.forEach((row, o) =>
          row.forEach((c, l) => (p *= Math.pow(pi[o]![j]![l] as number, c))),
        );
        return p;
      });
      const total = joint.reduce((s, c) => s + c, 0);
      return joint.map((c) => c / total);
    });
  }
  return T;
}

describe('dawidSkene on Dawid & Skene (1979), Table 1', () => {
  const K = 4;
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  const counts = DAWID_SKENE_1979.map((byObserver, p) =>
    byObserver.map((ratings, o) => {
      const row = new Array<number>(K).fill(0);
      for (const r of ratings) {
        item.push(p);
        annotator.push(o);
        label.push(r - 1);
        row[r - 1]! += 1;
      }
      return row;
    }),
  );
  const matrix = createVoteMatrix({
    numClasses: K,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  });

  it('matches a dense textbook implementation to 1e-9 (no smoothing, 30 iterations)', () => {
    const ds = dawidSkene(matrix, { smoothing: 0, maxIterations: 30, tolerance: 0 });
    const dense = denseDawidSkene(counts, K, 30);
    for (let p = 0; p < 45; p++) {
      for (let k = 0; k < K; k++) {
        expect(ds.posteriors[p * K + k]).toBeCloseTo(dense[p]![k] as number, 9);
      }
    }
  });

  it('finds a most likely class for every patient and priors that sum to 1', () => {
    const ds = dawidSkene(matrix, { smoothing: 0 });
    expect(ds.converged).toBe(true);
    expect(ds.classPriors.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // Patients 1 and 11 are unanimous: class 1 and class 4.
    expect(ds.labels[0]).toBe(0);
    expect(ds.labels[10]).toBe(3);
    expect(ds.posteriors[0]).toBeGreaterThan(0.999);
  });
});

describe('dawidSkene on a simulated crowd', () => {
  const crowd = simulateCrowd({
    numItems: 600,
    numAnnotators: 30,
    numClasses: 3,
    votesPerItem: 5,
    seed: 11,
  });
  const matrix = createVoteMatrix(crowd);
  const correct = (labels: Int32Array) =>
    labels.reduce((s, l, i) => s + (l === crowd.truth[i] ? 1 : 0), 0) / labels.length;

  it('beats majority vote when a third of the crowd is spammers or biased', () => {
    const mv = correct(majorityVote(matrix).labels);
    const ds = correct(dawidSkene(matrix).labels);
    expect(ds).toBeGreaterThan(mv + 0.02);
  });

  it('clamps gold items and learns from them', () => {
    const gold = new Int32Array(600).fill(-1);
    for (let i = 0; i < 600; i += 10) gold[i] = crowd.truth[i] as number;
    const ds = dawidSkene(matrix, { gold });
    for (let i = 0; i < 600; i += 10) {
      expect(ds.labels[i]).toBe(crowd.truth[i]);
      expect(ds.posteriors[i * 3 + (crowd.truth[i] as number)]).toBe(1);
    }
    expect(correct(ds.labels)).toBeGreaterThanOrEqual(correct(dawidSkene(matrix).labels));
  });

  it('gives spammers a flat confusion matrix and good annotators a strong diagonal', () => {
    const ds = dawidSkene(matrix, { smoothing: 1 });
    const diagonal = (a: number) =>
      [0, 1, 2].reduce((s, k) => s + (ds.skills.confusion?.[(a * 3 + k) * 3 + k] as number), 0) / 3;
    const mean = (kind: string) => {
      const members = crowd.kinds.flatMap((k, a) => (k === kind ? [a] : []));
      return members.reduce((s, a) => s + diagonal(a), 0) / members.length;
    };
    expect(mean('good')).toBeGreaterThan(0.7);
    expect(mean('spammer')).toBeLessThan(0.45);
  });

  it('is deterministic', () => {
    expect(dawidSkene(matrix, { seed: 3 })).toEqual(dawidSkene(matrix, { seed: 3 }));
  });

  it('rejects bad options', () => {
    expect(() => dawidSkene(matrix, { smoothing: -1 })).toThrow(/≥ 0/);
    expect(() => dawidSkene(matrix, { classPriors: Float64Array.of(0.5, 0.5) })).toThrow(/3/);
    expect(() => dawidSkene(matrix, { gold: new Int32Array(3) })).toThrow(/gold/);
  });
});
