import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../project.js';
import { createRng } from '../rng.js';
import {
  deserializeEmbeddingClassifier,
  isEmbeddingClassifierPayload,
  serializeEmbeddingClassifier,
} from './embedding-classifier-payload.js';
import { trainEmbeddingClassifier } from './embedding-classifier.js';

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 10,
  wordNgrams: 1,
  charNgrams: [0, 0],
  l2: 1e-5,
  epochs: 20,
  seed: 7,
};
const mlpConfig: LocalLabellerConfig = {
  ...config,
  epochs: 60,
  classifier: 'mlp',
  mlp: { hidden: 16, learningRate: 0.1, dropout: 0 },
};
const labelSet = ['a', 'b', 'c'];

/** Three noisy clusters in 24 dimensions, each vector at a random length (0.5 to 5). */
function clusters(n: number, seed: number) {
  const rng = createRng(1); // the same centres for every sample
  const centres = labelSet.map(() => Array.from({ length: 24 }, () => rng.normal()));
  const draw = createRng(seed);
  const vectors: Float32Array[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = draw.int(3);
    const length = 0.5 + draw.next() * 4.5;
    const centre = centres[k] as number[];
    vectors.push(Float32Array.from(centre, (c) => (c + draw.normal() * 0.6) * length));
    labels.push(labelSet[k] as string);
  }
  return { vectors, labels };
}

/** XOR of directions in the plane: a class per pair of opposite quadrants (not linearly separable). */
function quadrants(n: number, seed: number) {
  const rng = createRng(seed);
  const vectors: Float32Array[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const angle = rng.next() * 2 * Math.PI;
    const x = Math.cos(angle);
    const y = Math.sin(angle);
    vectors.push(Float32Array.of(x, y));
    labels.push(x * y > 0 ? 'a' : 'b');
  }
  return { vectors, labels };
}

const accuracy = (p: Float64Array[], labels: readonly string[], set: readonly string[]) =>
  p.filter((row, i) => set[row.indexOf(Math.max(...row))] === labels[i]).length / labels.length;

describe('trainEmbeddingClassifier', () => {
  it('learns clusters of embeddings with the logistic regression, whatever their lengths', () => {
    const train = clusters(300, 2);
    const test = clusters(300, 3);
    const model = trainEmbeddingClassifier({ ...train, labelSet, config, embeddingModel: 'm' });
    expect(model).toMatchObject({
      kind: 'logistic',
      dimensions: 24,
      trainedOn: 300,
      embeddingModel: 'm',
    });
    const { probabilities } = model.predict(test.vectors);
    expect(accuracy(probabilities, test.labels, labelSet)).toBeGreaterThan(0.95);
    for (const row of probabilities) expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // L2 normalisation: a vector and a longer copy of it get the same distribution.
    const v = test.vectors[0] as Float32Array;
    const [p1, p2] = model.predict([v, v.map((x) => x * 7)]).probabilities;
    expect(Array.from(p2 as Float64Array)).toEqual(
      Array.from(p1 as Float64Array).map((x) => expect.closeTo(x, 6)),
    );
  });

  it('learns with the MLP what no linear model can', () => {
    const train = quadrants(400, 4);
    const test = quadrants(400, 5);
    const set = ['a', 'b'];
    const linear = trainEmbeddingClassifier({
      ...train,
      labelSet: set,
      config,
      embeddingModel: 'm',
    });
    const mlp = trainEmbeddingClassifier({
      ...train,
      labelSet: set,
      config: mlpConfig,
      embeddingModel: 'm',
    });
    expect(mlp.kind).toBe('mlp');
    expect(accuracy(linear.predict(test.vectors).probabilities, test.labels, set)).toBeLessThan(
      0.7,
    );
    expect(accuracy(mlp.predict(test.vectors).probabilities, test.labels, set)).toBeGreaterThan(
      0.9,
    );
  });

  it('is reproducible for a seed, and balanced class weights lift a rare class', () => {
    const train = clusters(200, 6);
    const again = () =>
      trainEmbeddingClassifier({ ...train, labelSet, config, embeddingModel: 'm' });
    expect(serializeEmbeddingClassifier(again())).toBe(serializeEmbeddingClassifier(again()));

    const rare = {
      vectors: [...train.vectors],
      labels: train.labels.map((l) => (l === 'c' ? 'b' : l)),
    };
    const c = train.labels.findIndex((l) => l === 'c');
    rare.labels[c] = 'c';
    const probe = [train.vectors[c] as Float32Array];
    const plain = trainEmbeddingClassifier({ ...rare, labelSet, config, embeddingModel: 'm' });
    const balanced = trainEmbeddingClassifier({
      ...rare,
      labelSet,
      config,
      embeddingModel: 'm',
      classWeight: 'balanced',
    });
    expect(balanced.predict(probe).probabilities[0]?.[2]).toBeGreaterThan(
      plain.predict(probe).probabilities[0]?.[2] as number,
    );
  });

  it('refuses mismatched, empty, ragged or unlabelled input', () => {
    const base = { labelSet, config, embeddingModel: 'm' };
    const train = (vectors: Float32Array[], labels: string[]) => () =>
      trainEmbeddingClassifier({ ...base, vectors, labels });
    expect(train([], [])).toThrow(HiloError);
    expect(train([Float32Array.of(1)], ['a', 'b'])).toThrow(/as many labels as vectors/);
    expect(train([Float32Array.of(1, 2), Float32Array.of(1)], ['a', 'b'])).toThrow(
      /vector 1 has 1 dimensions/,
    );
    expect(train([Float32Array.of(1)], ['zzz'])).toThrow(/not in the label set/);
    expect(train([new Float32Array(0)], ['a'])).toThrow(/empty/);
    expect(train([Float32Array.of(Number.NaN)], ['a'])).toThrow(/finite/);
    const model = trainEmbeddingClassifier({
      ...base,
      vectors: [Float32Array.of(1, 0)],
      labels: ['a'],
    });
    expect(() => model.predict([Float32Array.of(1, 0, 0)])).toThrow(/3 dimensions, the model 2/);
  });
});

describe('serializeEmbeddingClassifier', () => {
  it.each([
    ['logistic', config],
    ['mlp', mlpConfig],
  ])('round-trips a %s model: the copy predicts exactly as the original', (_kind, settings) => {
    const train = clusters(150, 8);
    const model = trainEmbeddingClassifier({
      ...train,
      labelSet,
      config: settings,
      embeddingModel: 'scope/m',
    });
    const payload = serializeEmbeddingClassifier(model);
    expect(isEmbeddingClassifierPayload(payload)).toBe(true);
    const copy = deserializeEmbeddingClassifier(payload);
    expect(copy).toMatchObject({
      kind: model.kind,
      labelSet,
      embeddingModel: 'scope/m',
      dimensions: 24,
      trainedOn: 150,
    });
    const probe = clusters(20, 9).vectors;
    expect(copy.predict(probe).probabilities).toEqual(model.predict(probe).probabilities);
  });

  it('tells other payloads apart and refuses damaged ones', () => {
    expect(isEmbeddingClassifierPayload('{"format":"hilo.local-classifier","version":1}')).toBe(
      false,
    );
    expect(() => deserializeEmbeddingClassifier('not json')).toThrow(/not JSON/);
    expect(() =>
      deserializeEmbeddingClassifier('{"format":"hilo.local-classifier","version":1}'),
    ).toThrow(/not hilo.embedding-classifier/);
    const model = trainEmbeddingClassifier({
      ...clusters(30, 1),
      labelSet,
      config,
      embeddingModel: 'm',
    });
    const data = JSON.parse(serializeEmbeddingClassifier(model)) as { bias: number[] };
    data.bias.pop();
    expect(() => deserializeEmbeddingClassifier(JSON.stringify(data))).toThrow(/wrong size/);
  });
});
