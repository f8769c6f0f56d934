import { describe, expect, it } from 'vitest';
import { dawidSkene, type DawidSkeneResult } from './dawid-skene.js';
import { simulateCrowd, type SimulatedCrowd } from './fixtures/simulated-crowd.js';
import { updateDawidSkene } from './update-dawid-skene.js';
import { createVoteMatrix } from './vote-matrix.js';

const K = 4;
const crowd = simulateCrowd({
  numItems: 2000,
  numAnnotators: 60,
  numClasses: K,
  votesPerItem: 5,
  seed: 17,
});

/** The votes `keep(v)` selects, as matrix input. */
function part(c: SimulatedCrowd, keep: (v: number) => boolean) {
  const pick = (xs: Int32Array) => Int32Array.from(xs.filter((_, v) => keep(v)));
  return { item: pick(c.item), annotator: pick(c.annotator), label: pick(c.label) };
}

function compare(a: DawidSkeneResult, b: DawidSkeneResult) {
  const n = a.labels.length;
  let same = 0;
  let l1 = 0;
  for (let i = 0; i < n; i++) {
    if (a.labels[i] === b.labels[i]) same++;
    for (let k = 0; k < K; k++)
      l1 += Math.abs((a.posteriors[i * K + k] as number) - (b.posteriors[i * K + k] as number));
  }
  return { agreement: same / n, meanL1: l1 / n };
}

describe('updateDawidSkene', () => {
  it('agrees with a full re-run after 10% more votes spread over everyone', () => {
    const n = crowd.item.length;
    const cut = Math.floor(n * 0.9);
    const first = dawidSkene(
      createVoteMatrix({
        numClasses: K,
        numItems: 2000,
        numAnnotators: 60,
        ...part(crowd, (v) => v < cut),
      }),
    );
    const updated = updateDawidSkene(
      first.state,
      part(crowd, (v) => v >= cut),
    );
    const full = dawidSkene(updated.state.matrix);
    expect(updated.state.matrix.numVotes).toBe(n);
    expect(updated.converged).toBe(true);
    const { agreement, meanL1 } = compare(updated, full);
    expect(agreement).toBeGreaterThanOrEqual(0.995);
    expect(meanL1).toBeLessThanOrEqual(0.01);
  });

  it('handles a new batch of items from a few new annotators with local rounds', () => {
    // The first 1,800 items are known; 200 new items come from 8 annotators, 3 of them new.
    const oldVotes = part(
      crowd,
      (v) => (crowd.item[v] as number) < 1800 && (crowd.annotator[v] as number) < 57,
    );
    const first = dawidSkene(
      createVoteMatrix({ numClasses: K, numItems: 1800, numAnnotators: 57, ...oldVotes }),
    );
    const batch = part(
      crowd,
      (v) => (crowd.item[v] as number) >= 1800 && (crowd.annotator[v] as number) % 7 === 0,
    );
    const updated = updateDawidSkene(first.state, batch);
    expect(updated.state.matrix.numItems).toBe(2000);
    const full = dawidSkene(updated.state.matrix);
    const { agreement, meanL1 } = compare(updated, full);
    expect(agreement).toBeGreaterThanOrEqual(0.995);
    expect(meanL1).toBeLessThanOrEqual(0.01);
  });

  it('continues with the same options, gold included, and takes new gold', () => {
    const gold = new Int32Array(2000).fill(-1);
    gold[5] = crowd.truth[5] as number;
    const n = crowd.item.length;
    const first = dawidSkene(
      createVoteMatrix({
        numClasses: K,
        numItems: 2000,
        numAnnotators: 60,
        ...part(crowd, (v) => v < n - 50),
      }),
      { gold, shrinkage: 2 },
    );
    const newGold = gold.slice();
    newGold[7] = ((crowd.truth[7] as number) + 1) % K;
    const updated = updateDawidSkene(
      first.state,
      part(crowd, (v) => v >= n - 50),
      { gold: newGold },
    );
    expect(updated.state.options.shrinkage).toBe(2);
    expect(updated.labels[5]).toBe(crowd.truth[5]);
    expect(updated.labels[7]).toBe(newGold[7]);
    expect(updated.posteriors[7 * K + (newGold[7] as number)]).toBe(1);
  });

  it('rejects votes with another number of classes', () => {
    const first = dawidSkene(createVoteMatrix({ numClasses: K, ...part(crowd, (v) => v < 100) }));
    expect(() =>
      updateDawidSkene(first.state, {
        numClasses: 3,
        item: Int32Array.of(0),
        annotator: Int32Array.of(0),
        label: Int32Array.of(0),
      }),
    ).toThrow(/3 classes/);
  });
});
