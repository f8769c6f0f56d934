import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { PROJECT_DEFAULTS, type LocalLabellerConfig } from '../project.js';
import { createRng } from '../rng.js';
import {
  deserializeLocalClassifier,
  serializeLocalClassifier,
  trainLocalClassifier,
} from './local-classifier.js';

const config: LocalLabellerConfig = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 16,
  wordNgrams: 2,
  charNgrams: [2, 5],
  l2: 1e-4,
  epochs: 10,
  seed: 1,
};

const topics: Record<string, string[]> = {
  fruit: ['apple', 'banana', 'cherry', 'mango', 'juicy', 'orchard', 'peel', 'ripe'],
  cars: ['engine', 'wheel', 'brake', 'gearbox', 'tyre', 'garage', 'diesel', 'clutch'],
  weather: ['rain', 'cloud', 'snow', 'thunder', 'forecast', 'humid', 'breeze', 'storm'],
};
const labelSet = ['cars', 'fruit', 'weather', 'unused'];

/** Texts of 4 words drawn from one topic's vocabulary (plus filler words everyone shares). */
function topicTexts(n: number, seed: number): { texts: string[]; labels: string[] } {
  const rng = createRng(seed);
  const names = Object.keys(topics);
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const label = names[i % names.length] as string;
    const words = topics[label] as string[];
    const picked = Array.from({ length: 4 }, () => words[rng.int(words.length)]);
    texts.push(`the ${picked.join(' ')} today`);
    labels.push(label);
  }
  return { texts, labels };
}

const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));

describe('trainLocalClassifier', () => {
  const train = topicTexts(90, 1);
  const model = trainLocalClassifier({ ...train, labelSet, config });

  it('learns a separable problem perfectly on unseen texts', () => {
    const test = topicTexts(60, 2);
    const { probabilities } = model.predict(test.texts);
    probabilities.forEach((p, i) => expect(labelSet[argmax(p)]).toBe(test.labels[i]));
  });

  it('returns one distribution per text over the label set, in its order, summing to 1', () => {
    const { probabilities } = model.predict(['ripe mango', 'snow storm', '', '???']);
    expect(probabilities).toHaveLength(4);
    for (const p of probabilities) {
      expect(p).toHaveLength(labelSet.length);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(argmax(probabilities[0]!)).toBe(labelSet.indexOf('fruit'));
    expect(argmax(probabilities[1]!)).toBe(labelSet.indexOf('weather'));
    // A label without training items stays unlikely.
    expect(probabilities[0]![labelSet.indexOf('unused')]).toBeLessThan(0.05);
    expect(model.trainedOn).toBe(90);
  });

  it('is deterministic for a seed and depends on it', () => {
    const again = trainLocalClassifier({ ...train, labelSet, config });
    const other = trainLocalClassifier({ ...train, labelSet, config: { ...config, seed: 2 } });
    const texts = topicTexts(10, 3).texts;
    expect(again.predict(texts)).toEqual(model.predict(texts));
    expect(other.predict(texts)).not.toEqual(model.predict(texts));
    const viaRng = trainLocalClassifier({ ...train, labelSet, config, rng: createRng(2) });
    expect(viaRng.predict(texts)).toEqual(other.predict(texts));
  });

  it('with balanced class weights lifts a rare class', () => {
    const texts = [...Array(30).fill('common words here'), 'common words here rare'];
    const labels = [...Array<string>(30).fill('cars'), 'fruit'];
    const prob = (classWeight: 'none' | 'balanced') =>
      trainLocalClassifier({ texts, labels, labelSet, config, classWeight }).predict([
        'common words here',
      ]).probabilities[0]![labelSet.indexOf('fruit')]!;
    expect(prob('balanced')).toBeGreaterThan(prob('none'));
  });

  it('refuses unknown labels, mismatched lengths, empty data and duplicate labels', () => {
    expect(() =>
      trainLocalClassifier({ texts: ['a'], labels: ['boats'], labelSet, config }),
    ).toThrow(/item 0: label "boats" is not in the label set/);
    expect(() =>
      trainLocalClassifier({ texts: ['a', 'b'], labels: ['cars'], labelSet, config }),
    ).toThrow(HiloError);
    expect(() => trainLocalClassifier({ texts: [], labels: [], labelSet, config })).toThrow(
      /at least one/,
    );
    expect(() =>
      trainLocalClassifier({ texts: ['a'], labels: ['cars'], labelSet: ['cars', 'cars'], config }),
    ).toThrow(/duplicate/);
  });
});

describe('serializeLocalClassifier', () => {
  const model = trainLocalClassifier({ ...topicTexts(90, 1), labelSet, config });
  const payload = serializeLocalClassifier(model);

  it('round-trips to identical predictions', () => {
    const copy = deserializeLocalClassifier(payload);
    const texts = [...topicTexts(30, 4).texts, 'unseen words only', ''];
    expect(copy.predict(texts)).toEqual(model.predict(texts));
    expect(copy.labelSet).toEqual(labelSet);
    expect(copy.config).toEqual(config);
    expect(copy.trainedOn).toBe(90);
    expect(serializeLocalClassifier(copy)).toBe(payload);
  });

  it('is compact JSON of about a byte per (column, class) at most', () => {
    const columns = model.state.featurizer.buckets.length;
    expect(JSON.parse(payload)).toMatchObject({ format: 'hilo.local-classifier', version: 1 });
    expect(payload.length).toBeLessThan(columns * labelSet.length * 1.4 + columns * 4 + 2000);
  });

  it('rejects text that is not a serialized model', () => {
    expect(() => deserializeLocalClassifier('not json')).toThrow(HiloError);
    expect(() => deserializeLocalClassifier('{"format":"other"}')).toThrow(
      /is not hilo.local-classifier version 1 nor hilo.local-mlp/,
    );
    const broken = { ...JSON.parse(payload), codes: 'AAAA' };
    expect(() => deserializeLocalClassifier(JSON.stringify(broken))).toThrow(HiloError);
    const truncated = { ...JSON.parse(payload), bias: [0] };
    expect(() => deserializeLocalClassifier(JSON.stringify(truncated))).toThrow(/biases/);
    const { featurizer: _dropped, ...headless } = JSON.parse(payload);
    expect(() => deserializeLocalClassifier(JSON.stringify(headless))).toThrow(/malformed/);
  });
});
