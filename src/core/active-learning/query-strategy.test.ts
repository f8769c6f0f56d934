import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { createRng } from '../rng.js';
import { coreSet } from './core-set.js';
import { createQueryStrategy, QUERY_STRATEGIES, type QueryStrategyName } from './query-strategy.js';

const n = 120;
const K = 4;
const d = 8;
const rng = createRng(12);
const embeddings = {
  values: Float64Array.from({ length: n * d }, () => rng.normal()),
  dimension: d,
};
const probabilities = new Float64Array(n * K);
for (let i = 0; i < n; i++) {
  const raw = Array.from({ length: K }, () => Math.exp(2 * rng.normal()));
  const sum = raw.reduce((a, b) => a + b, 0);
  raw.forEach((v, k) => (probabilities[i * K + k] = v / sum));
}
const predictions = { probabilities, classCount: K };
const initial = [0, 5, 10, 15, 20, 25, 30, 35];

/** Two rounds of a strategy from the same initial set; returns both batches. */
function twoRounds(name: QueryStrategyName, seed: number): number[][] {
  const strategy = createQueryStrategy(name, { size: n, embeddings, neighbours: 3 });
  const labelled = new Uint8Array(n);
  for (const i of initial) labelled[i] = 1;
  strategy.addLabelled(initial);
  const r = createRng(seed);
  const batches: number[][] = [];
  for (let round = 0; round < 2; round++) {
    const batch = strategy.select({ predictions, labelled, count: 10, rng: r });
    batches.push(Array.from(batch));
    for (const i of batch) labelled[i] = 1;
    strategy.addLabelled(batch);
  }
  return batches;
}

describe.each(QUERY_STRATEGIES)('the %s strategy', (name) => {
  it('picks distinct unlabelled items, the same for the same seed', () => {
    const batches = twoRounds(name, 1);
    const all = batches.flat();
    expect(all).toHaveLength(20);
    expect(new Set(all).size).toBe(20);
    expect(all.some((i) => initial.includes(i))).toBe(false);
    expect(twoRounds(name, 1)).toEqual(batches);
  });
});

describe('createQueryStrategy', () => {
  it('refuses a strategy that needs embeddings when there are none', () => {
    expect(() => createQueryStrategy('badge', { size: n })).toThrow(HiloError);
    expect(() => createQueryStrategy('margin', { size: n })).not.toThrow();
  });

  it('core-set with state kept between rounds picks as from scratch', () => {
    const [, second] = twoRounds('core-set', 4);
    const labelled = new Uint8Array(n);
    for (const i of [...initial, ...twoRounds('core-set', 4)[0]!]) labelled[i] = 1;
    // Replay the rng: the first round's draws come before the second round's.
    const r = createRng(4);
    const firstLabelled = new Uint8Array(n);
    for (const i of initial) firstLabelled[i] = 1;
    coreSet({ embeddings, count: 10, rng: r, labelled: firstLabelled });
    expect(Array.from(coreSet({ embeddings, count: 10, rng: r, labelled }).picks)).toEqual(second);
  });

  it('gives fewer items than asked when the pool runs out', () => {
    const labelled = new Uint8Array(n).fill(1);
    labelled[3] = 0;
    labelled[7] = 0;
    for (const name of QUERY_STRATEGIES) {
      const strategy = createQueryStrategy(name, { size: n, embeddings });
      const batch = strategy.select({ predictions, labelled, count: 5, rng: createRng(1) });
      expect(Array.from(batch).sort()).toEqual([3, 7]);
    }
  });
});
