import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../project.js';
import { createRng } from '../rng.js';
import { crossFitPredict } from './cross-fit.js';
import {
  deserializeLocalClassifier,
  serializeLocalClassifier,
  trainLocalClassifier,
} from './local-classifier.js';
import { trainMlpClassifier } from './mlp-classifier.js';

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
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

describe('the MLP as the local model', () => {
  const labelSet = ['mixed', 'same'];
  const train = xor(400, 1);
  const test = xor(200, 2);
  const mlpConfig: LocalLabellerConfig = {
    ...config,
    classifier: 'mlp',
    mlp: { hidden: 16, learningRate: 0.1, dropout: 0 },
  };
  const model = trainLocalClassifier({ ...train, labelSet, config: mlpConfig });

  it('is what trainLocalClassifier trains when the config names it', () => {
    expect(model.state).toMatchObject({ kind: 'mlp', hidden: 16 });
    expect(
      accuracy(model.predict(test.texts).probabilities, test.labels, labelSet),
    ).toBeGreaterThan(0.95);
  });

  it('round-trips through its payload to identical predictions', () => {
    const payload = serializeLocalClassifier(model);
    expect(JSON.parse(payload)).toMatchObject({ format: 'hilo.local-mlp', version: 1, hidden: 16 });
    const copy = deserializeLocalClassifier(payload);
    const texts = [...test.texts, 'unseen words', ''];
    expect(copy.predict(texts)).toEqual(model.predict(texts));
    expect(copy.config).toEqual(mlpConfig);
    expect(serializeLocalClassifier(copy)).toBe(payload);
  });

  it('rejects a payload whose layers do not fit', () => {
    const data = JSON.parse(serializeLocalClassifier(model));
    expect(() => deserializeLocalClassifier(JSON.stringify({ ...data, b2: [0] }))).toThrow(
      /do not fit/,
    );
    expect(() => deserializeLocalClassifier(JSON.stringify({ ...data, codes: 'AAAA' }))).toThrow(
      HiloError,
    );
  });

  it('is what cross-fitting trains for out-of-fold predictions', () => {
    const { probabilities } = crossFitPredict({
      ...train,
      labelSet,
      config: mlpConfig,
      folds: 3,
      seed: 1,
    });
    const linear = crossFitPredict({ ...train, labelSet, config, folds: 3, seed: 1 });
    expect(accuracy(probabilities, train.labels, labelSet)).toBeGreaterThan(0.9);
    expect(accuracy(linear.probabilities, train.labels, labelSet)).toBeLessThan(0.75);
  });
});
