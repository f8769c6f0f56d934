import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { labelsToReach, simulateActiveLearning } from './simulate-al.js';
import { readSimulationData } from './simulate-data.js';
import { indexLabels, stratifiedSplit } from './simulate-split.js';
import { memorySource } from '../../testing/fakes/memory-records.js';

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 16,
  wordNgrams: 1,
  charNgrams: [0, 0],
  l2: 1e-4,
  epochs: 3,
  seed: 1,
};

/** Texts of four topics: two topic words among filler words, some items more ambiguous. */
function topics(n: number, seed: number): { texts: string[]; labels: string[] } {
  const rng = createRng(seed);
  const words = [
    ['goal', 'match', 'team', 'score'],
    ['vote', 'party', 'law', 'minister'],
    ['stock', 'market', 'bank', 'profit'],
    ['chip', 'software', 'robot', 'data'],
  ];
  const filler = ['the', 'a', 'today', 'new', 'big', 'news', 'said', 'after', 'week'];
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    const other = (k + 1 + rng.int(3)) % 4;
    const parts = [0, 1, 2].map(() => filler[rng.int(filler.length)]!);
    parts.push(words[k]![rng.int(4)]!, words[k]![rng.int(4)]!);
    if (rng.next() < 0.4) parts.push(words[other]![rng.int(4)]!);
    texts.push(parts.join(' '));
    labels.push(['sport', 'politics', 'business', 'tech'][k]!);
  }
  return { texts, labels };
}

describe('simulateActiveLearning', () => {
  const { texts, labels } = topics(400, 3);
  const run = (strategies: ('random' | 'margin' | 'core-set')[], seed = 1) =>
    simulateActiveLearning({
      texts,
      labels,
      strategies,
      batch: 10,
      initial: 8,
      rounds: 6,
      seed,
      config,
    });

  it('gives each strategy a curve from the same starting point to the pool it labelled', () => {
    const result = run(['random', 'margin', 'core-set']);
    expect(result).toMatchObject({
      items: 400,
      pool: 320,
      test: 80,
      classes: 4,
      batch: 10,
      initial: 8,
    });
    expect(result.fullDataAccuracy).toBeGreaterThan(0.9);
    const curves = Object.values(result.strategies);
    for (const s of curves)
      expect(s.rounds.map((r) => r.labels)).toEqual([8, 18, 28, 38, 48, 58, 68]);
    expect(new Set(curves.map((s) => s.rounds[0]!.accuracy)).size).toBe(1);
    for (const [name, s] of Object.entries(result.strategies)) {
      expect(s.labelsToReach99).toBe(labelsToReach(s.rounds, 0.99 * result.fullDataAccuracy));
      const random = result.strategies.random!.labelsToReach99;
      const expected =
        name === 'random' || random === null || s.labelsToReach99 === null
          ? null
          : 1 - s.labelsToReach99 / random;
      expect(s.savingVsRandom).toBe(expected);
    }
  });

  it('is reproducible for a seed and changes with it', () => {
    expect(run(['margin'], 5)).toEqual(run(['margin'], 5));
    expect(run(['margin'], 6).strategies.margin!.rounds).not.toEqual(
      run(['margin'], 5).strategies.margin!.rounds,
    );
  });

  it('with untilTarget ends each curve where it first reaches the target', () => {
    const full = run(['random', 'margin']);
    const short = simulateActiveLearning({
      texts,
      labels,
      strategies: ['random', 'margin'],
      batch: 10,
      initial: 8,
      rounds: 6,
      seed: 1,
      config,
      untilTarget: true,
    });
    for (const name of ['random', 'margin']) {
      const reached = full.strategies[name]!.labelsToReach99;
      expect(short.strategies[name]!.labelsToReach99).toBe(reached);
      const labels = short.strategies[name]!.rounds.map((r) => r.labels);
      expect(labels[labels.length - 1]).toBe(reached ?? 68);
    }
  });

  it('averages repeats and stops early when the pool runs out', () => {
    const small = topics(60, 4);
    const result = simulateActiveLearning({
      ...small,
      strategies: ['random'],
      batch: 20,
      initial: 10,
      rounds: 10,
      repeats: 2,
      config,
    });
    expect(result.repeats).toBe(2);
    expect(result.strategies.random!.rounds.map((r) => r.labels)).toEqual([10, 30, 48]);
  });

  it('refuses sizes that cannot work', () => {
    expect(() =>
      simulateActiveLearning({ texts, labels, strategies: ['random'], initial: 400, config }),
    ).toThrow(HiloError);
    expect(() => simulateActiveLearning({ texts, labels, strategies: [], config })).toThrow(
      /no strategy/,
    );
    expect(() =>
      simulateActiveLearning({ texts, labels, strategies: ['random'], batch: 0, config }),
    ).toThrow(/batch/);
  });
});

describe('labelsToReach', () => {
  it('is the labels of the first round at or above the target', () => {
    const rounds = [
      { labels: 10, accuracy: 0.5 },
      { labels: 20, accuracy: 0.8 },
      { labels: 30, accuracy: 0.79 },
    ];
    expect(labelsToReach(rounds, 0.8)).toBe(20);
    expect(labelsToReach(rounds, 0.9)).toBeNull();
  });
});

describe('stratifiedSplit and indexLabels', () => {
  it('holds out the share of every class, disjoint and reproducible', () => {
    const { classes, labelSet } = indexLabels(
      Array.from({ length: 100 }, (_, i) => (i < 80 ? '10' : '9')),
    );
    expect(labelSet).toEqual(['9', '10']); // numbers sort as numbers
    const { pool, test } = stratifiedSplit(classes, 0.25, createRng(1));
    expect(test).toHaveLength(25);
    expect(Array.from(test).filter((i) => classes[i] === 0)).toHaveLength(5);
    expect(new Set([...pool, ...test]).size).toBe(100);
    expect(stratifiedSplit(classes, 0.25, createRng(1)).test).toEqual(test);
  });
});

describe('readSimulationData', () => {
  it('joins text fields, reads labels and numbers, and names the line of a bad record', async () => {
    const source = memorySource('f.jsonl', [
      { title: 'Hi', body: 'there', label: 1, agreement: '0.8' },
      { title: 'Yo', body: null, label: 'b', agreement: 1 },
    ]);
    const data = await readSimulationData(source, {
      textFields: ['title', 'body'],
      labelField: 'label',
      numberFields: ['agreement'],
    });
    expect(data.texts).toEqual(['Hi\nthere', 'Yo\n']);
    expect(data.labels).toEqual(['1', 'b']);
    expect(Array.from(data.numbers.agreement!)).toEqual([0.8, 1]);
    const bad = memorySource('g.csv', [{ text: 'a', label: 'x', agreement: 'high' }]);
    await expect(
      readSimulationData(bad, {
        textFields: ['text'],
        labelField: 'label',
        numberFields: ['agreement'],
      }),
    ).rejects.toThrow(/g\.csv, line 1, field "agreement": expected a number/);
  });
});
