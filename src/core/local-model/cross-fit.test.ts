import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../project.js';
import { createRng } from '../rng.js';
import { crossFitPredict, stratifiedFolds } from './cross-fit.js';
import { hashNgrams } from './feature-hashing.js';
import { trainLocalClassifier } from './local-classifier.js';

/** Words only, weak penalty: a model memorizes the one unique word of each of its items. */
const memorizing: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 18,
  wordNgrams: 1,
  charNgrams: [0, 0],
  l2: 1e-6,
  epochs: 20,
  seed: 1,
};

describe('crossFitPredict', () => {
  // Each text is a word no other item has (and no other item's hash bucket: colliding words
  // are dropped); labels are coin flips, so nothing generalizes and only a model that saw the
  // item itself can know its label.
  const rng = createRng(11);
  const bucketOf = (text: string) => {
    let bucket = -1;
    hashNgrams(text, memorizing, (b) => (bucket = b));
    return bucket;
  };
  const words = Array.from({ length: 130 }, (_, i) => `item${i}x${rng.int(1e9)}`);
  const buckets = words.map(bucketOf);
  const texts = words.filter(
    (_, i) => buckets.indexOf(buckets[i]!) === buckets.lastIndexOf(buckets[i]!),
  );
  const labels = texts.map(() => (rng.next() < 0.5 ? 'heads' : 'tails'));
  const labelSet = ['heads', 'tails'];
  const ownLabel = (p: Float64Array, i: number) =>
    p[labelSet.indexOf(labels[i] as string)] as number;

  it('never predicts an item with a model that was trained on it', () => {
    const inSample = trainLocalClassifier({ texts, labels, labelSet, config: memorizing });
    const memorized = inSample.predict(texts).probabilities.map(ownLabel);
    expect(Math.min(...memorized)).toBeGreaterThan(0.9); // the trick works when the item was seen

    const { probabilities, fold } = crossFitPredict({
      texts,
      labels,
      labelSet,
      config: memorizing,
      folds: 5,
      seed: 3,
    });
    expect(texts.length).toBeGreaterThan(120);
    const outOfFold = probabilities.map(ownLabel);
    // An unseen unique word gives an empty row: the prediction is the fold's class prior.
    expect(Math.max(...outOfFold)).toBeLessThan(0.7);
    expect(fold.every((f) => f >= 0 && f < 5)).toBe(true);
  });

  it('returns a distribution for every item, in item order', () => {
    const { probabilities } = crossFitPredict({
      texts,
      labels,
      labelSet,
      config: memorizing,
      folds: 3,
      seed: 1,
    });
    expect(probabilities).toHaveLength(texts.length);
    for (const p of probabilities) expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
  });

  it('reports each fold as it finishes', () => {
    const seen: string[] = [];
    crossFitPredict({
      texts,
      labels,
      labelSet,
      config: memorizing,
      folds: 3,
      seed: 1,
      onFold: (done, folds) => seen.push(`${done}/${folds}`),
    });
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) =>
      crossFitPredict({ texts, labels, labelSet, config: memorizing, folds: 4, seed });
    expect(run(2)).toEqual(run(2));
    expect(run(2).fold).not.toEqual(run(3).fold);
  });

  it('refuses fewer than two folds or more folds than items', () => {
    const base = {
      texts: ['a', 'b'],
      labels: ['heads', 'tails'],
      labelSet,
      config: memorizing,
      seed: 1,
    };
    expect(() => crossFitPredict({ ...base, folds: 1 })).toThrow(HiloError);
    expect(() => crossFitPredict({ ...base, folds: 3 })).toThrow(/2..2 folds/);
  });
});

describe('stratifiedFolds', () => {
  it('spreads every label evenly and keeps fold sizes within one', () => {
    const labels = [...Array<string>(10).fill('a'), ...Array<string>(7).fill('b'), 'c'];
    const fold = stratifiedFolds(labels, 3, createRng(4));
    const count = (label: string | null, f: number) =>
      labels.filter((l, i) => (label === null || l === label) && fold[i] === f).length;
    const sizes = [0, 1, 2].map((f) => count(null, f));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const label of ['a', 'b']) {
      const per = [0, 1, 2].map((f) => count(label, f));
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
  });
});
