import { describe, expect, it } from 'vitest';
import { dawidSkene } from './dawid-skene.js';
import { simulateCrowd } from './fixtures/simulated-crowd.js';
import { glad } from './glad.js';
import { mace } from './mace.js';
import { oneCoinDawidSkene } from './one-coin-dawid-skene.js';
import { createVoteMatrix } from './vote-matrix.js';
import { voteShares } from './vote-shares.js';

/** Humans from a simulated crowd plus one machine annotator (index 30) on every item. */
function withMachine(machine: (truth: number, i: number) => Float64Array | number) {
  const crowd = simulateCrowd({
    numItems: 300,
    numAnnotators: 30,
    numClasses: 3,
    votesPerItem: 3,
    seed: 21,
  });
  const n = crowd.item.length;
  const item = new Int32Array(n + 300);
  const annotator = new Int32Array(n + 300);
  const label = new Int32Array(n + 300);
  item.set(crowd.item);
  annotator.set(crowd.annotator);
  label.set(crowd.label);
  const softVotes: number[] = [];
  const rows: number[] = [];
  for (let i = 0; i < 300; i++) {
    item[n + i] = i;
    annotator[n + i] = 30;
    const vote = machine(crowd.truth[i] as number, i);
    if (typeof vote === 'number') label[n + i] = vote;
    else {
      label[n + i] = -1;
      softVotes.push(n + i);
      rows.push(...vote);
    }
  }
  const matrix = createVoteMatrix({
    numClasses: 3,
    item,
    annotator,
    label,
    ...(softVotes.length > 0
      ? { soft: { votes: Int32Array.from(softVotes), probabilities: Float64Array.from(rows) } }
      : {}),
  });
  const humans = createVoteMatrix(crowd);
  return { crowd, matrix, humans };
}

const methods = {
  'dawid-skene': dawidSkene,
  'one-coin': oneCoinDawidSkene,
  glad,
  mace: (m: Parameters<typeof mace>[0]) => mace(m, { restarts: 2 }),
};

describe('soft votes', () => {
  it('an uninformative soft vote (uniform) changes nothing', () => {
    const { matrix, humans } = withMachine(() => Float64Array.of(1 / 3, 1 / 3, 1 / 3));
    // Same start for both: the soft vote would otherwise flatten the majority-vote start.
    const initialPosteriors = voteShares(humans);
    for (const run of [dawidSkene, oneCoinDawidSkene]) {
      const withSoft = run(matrix, { initialPosteriors });
      const without = run(humans, { initialPosteriors });
      withSoft.posteriors.forEach((p, j) =>
        expect(p).toBeCloseTo(without.posteriors[j] as number, 9),
      );
    }
  });

  it('a one-hot soft vote is the same as a hard vote', () => {
    const guess = (truth: number, i: number) => (i % 4 === 0 ? (truth + 1) % 3 : truth);
    const hard = withMachine(guess).matrix;
    const soft = withMachine((truth, i) => {
      const row = new Float64Array(3);
      row[guess(truth, i)] = 1;
      return row;
    }).matrix;
    for (const [name, run] of Object.entries(methods)) {
      const a = run(hard);
      const b = run(soft);
      a.posteriors.forEach((p, j) => expect(b.posteriors[j], name).toBeCloseTo(p, 9));
    }
  });

  it('a confident, mostly right model raises accuracy over the humans alone', () => {
    const { crowd, matrix, humans } = withMachine((truth, i) => {
      const wrong = i % 5 === 0;
      const row = Float64Array.of(0.1, 0.1, 0.1);
      row[wrong ? (truth + 1) % 3 : truth] = 0.8;
      return row;
    });
    const correct = (labels: Int32Array) =>
      labels.reduce((s, l, i) => s + (l === crowd.truth[i] ? 1 : 0), 0) / labels.length;
    const ds = dawidSkene(matrix);
    expect(correct(ds.labels)).toBeGreaterThan(correct(dawidSkene(humans).labels) + 0.03);
    // The machine's learnt confusion matrix has a strong diagonal.
    const diagonal = [0, 1, 2].map((k) => ds.skills.confusion?.[(30 * 3 + k) * 3 + k] as number);
    for (const d of diagonal) expect(d).toBeGreaterThan(0.6);
  });
});

describe('annotator weights', () => {
  it('weight 0 is the same as leaving the annotator out', () => {
    const { crowd, humans } = withMachine(() => 0);
    const weight = new Float64Array(crowd.numAnnotators).fill(1);
    weight[3] = 0;
    const weighted = createVoteMatrix({ ...crowd, annotatorWeight: weight });
    const keep = Array.from(crowd.annotator, (a) => a !== 3);
    const pick = <T extends Int32Array>(xs: T) => Int32Array.from(xs.filter((_, v) => keep[v]));
    const without = createVoteMatrix({
      numClasses: 3,
      numItems: 300,
      numAnnotators: crowd.numAnnotators,
      item: pick(crowd.item),
      annotator: pick(crowd.annotator),
      label: pick(crowd.label),
    });
    const a = dawidSkene(weighted);
    const b = dawidSkene(without);
    a.posteriors.forEach((p, j) => expect(p).toBeCloseTo(b.posteriors[j] as number, 9));
    expect(humans.numVotes).toBe(crowd.item.length);
  });
});
