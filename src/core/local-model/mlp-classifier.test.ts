import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { createRng } from '../rng.js';
import { trainLocalClassifier } from './local-classifier.js';
import { trainMlpClassifier } from './mlp-classifier.js';

const config: LocalLabellerConfig = {
  features: 1 << 14,
  wordNgrams: 1,
  charNgrams: [0, 0],
  l2: 1e-5,
  epochs: 30,
  seed: 3,
};

/** XOR of two word choices: "alpha … gamma" and "beta … delta" are `same`, the mixed pairs `mixed`. */
function xor(n: number, seed: number): { texts: string[]; labels: string[] } {
  const rng = createRng(seed);
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const first = rng.int(2);
    const second = rng.int(2);
    texts.push(`${first ? 'alpha' : 'beta'} filler${rng.int(20)} ${second ? 'gamma' : 'delta'}`);
    labels.push(first === second ? 'same' : 'mixed');
  }
  return { texts, labels };
}

const accuracy = (p: Float64Array[], labels: string[], labelSet: string[]) =>
  p.filter((row, i) => labelSet[row.indexOf(Math.max(...row))] === labels[i]).length /
  labels.length;

describe('trainMlpClassifier', () => {
  const train = xor(400, 1);
  const test = xor(200, 2);
  const labelSet = ['mixed', 'same'];

  it('learns an interaction of words that a linear model cannot', () => {
    const mlp = trainMlpClassifier({ ...train, labelSet, config, hidden: 16 });
    const linear = trainLocalClassifier({ ...train, labelSet, config });
    const mlpAccuracy = accuracy(mlp.predict(test.texts).probabilities, test.labels, labelSet);
    const linearAccuracy = accuracy(
      linear.predict(test.texts).probabilities,
      test.labels,
      labelSet,
    );
    expect(mlpAccuracy).toBeGreaterThan(0.95);
    expect(linearAccuracy).toBeLessThan(0.75);
  });

  it('gives distributions in label-set order, the same for the same seed', () => {
    const a = trainMlpClassifier({
      ...train,
      labelSet,
      config: { ...config, epochs: 3 },
      hidden: 8,
    });
    const b = trainMlpClassifier({
      ...train,
      labelSet,
      config: { ...config, epochs: 3 },
      hidden: 8,
    });
    const [p] = a.predict(['alpha gamma']).probabilities;
    expect(p).toHaveLength(2);
    expect(p!.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(b.predict(['alpha gamma']).probabilities[0]).toEqual(p);
    expect(a).toMatchObject({ hidden: 8, trainedOn: 400, labelSet });
  });

  it('refuses an unknown label', () => {
    expect(() => trainMlpClassifier({ texts: ['x'], labels: ['z'], labelSet, config })).toThrow(
      HiloError,
    );
  });
});
