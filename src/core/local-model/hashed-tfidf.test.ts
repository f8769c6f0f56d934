import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { createHashedTfidf, fitHashedTfidf, type HashedTfidfOptions } from './hashed-tfidf.js';

const words: HashedTfidfOptions = { features: 1 << 20, wordNgrams: 1, charNgrams: [0, 0] };

describe('fitHashedTfidf', () => {
  it('weighs terms by smoothed idf and normalizes rows to unit length', () => {
    const { featurizer, vectors } = fitHashedTfidf(['a b', 'a c', 'a d'], words);
    expect(featurizer.dimension).toBe(4);
    // idf(a) = ln(4/4) + 1 = 1, idf(b) = ln(4/2) + 1.
    const idfB = Math.log(2) + 1;
    const norm = Math.hypot(1, idfB);
    const values = Array.from(vectors[0]?.values ?? []).sort();
    expect(values[0]).toBeCloseTo(1 / norm, 12);
    expect(values[1]).toBeCloseTo(idfB / norm, 12);
  });

  it('dampens repeated terms with 1 + ln(tf)', () => {
    const { featurizer } = fitHashedTfidf(['a b', 'a b'], words);
    const { values } = featurizer.transform('b b b a');
    const sorted = Array.from(values).sort();
    const norm = Math.hypot(1, 1 + Math.log(3));
    expect(sorted[0]).toBeCloseTo(1 / norm, 12);
    expect(sorted[1]).toBeCloseTo((1 + Math.log(3)) / norm, 12);
    const raw = fitHashedTfidf(['a b'], { ...words, sublinearTf: false }).featurizer;
    const rawSorted = Array.from(raw.transform('b b b a').values).sort();
    expect(rawSorted[1]! / rawSorted[0]!).toBeCloseTo(3, 12);
  });

  it('gives sorted, in-range, unit-norm rows with default n-grams', () => {
    const texts = ['I lost my card', 'card not arrived yet', 'How do I top up?', ''];
    const { featurizer, vectors } = fitHashedTfidf(texts, {
      features: 1 << 18,
      wordNgrams: 2,
      charNgrams: [2, 5],
    });
    for (const [i, { indices, values }] of vectors.entries()) {
      if (texts[i] === '') {
        expect(indices).toHaveLength(0);
        continue;
      }
      for (let t = 1; t < indices.length; t++) expect(indices[t]).toBeGreaterThan(indices[t - 1]!);
      expect(indices[indices.length - 1]).toBeLessThan(featurizer.dimension);
      expect(Math.hypot(...values)).toBeCloseTo(1, 12);
    }
  });

  it('drops buckets not seen in training, like a vocabulary', () => {
    const { featurizer } = fitHashedTfidf(['red apple', 'green apple'], words);
    expect(featurizer.transform('blue sky').indices).toHaveLength(0);
    expect(featurizer.transform('blue apple').indices).toHaveLength(1);
  });

  it('keeps only buckets with at least minDf documents', () => {
    const { featurizer } = fitHashedTfidf(['a b', 'a c', 'a c'], { ...words, minDf: 2 });
    expect(featurizer.dimension).toBe(2); // a and c
    expect(Array.from(featurizer.documentFrequency).sort()).toEqual([2, 3]);
  });

  it('is rebuilt identically from its state', () => {
    const texts = ['I lost my card', 'card not arrived yet', 'How do I top up?'];
    const { featurizer, vectors } = fitHashedTfidf(texts, {
      features: 1 << 16,
      wordNgrams: 2,
      charNgrams: [2, 5],
    });
    const copy = createHashedTfidf({
      options: featurizer.options,
      documents: featurizer.documents,
      buckets: featurizer.buckets.slice(),
      documentFrequency: featurizer.documentFrequency.slice(),
    });
    texts.forEach((text, i) => expect(copy.transform(text)).toEqual(vectors[i]));
  });
});

describe('transform ordering', () => {
  it('sorts columns correctly when there are more than 2^16 of them', () => {
    const rng = createRng(3);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = () => Array.from({ length: 9 }, () => letters[rng.int(26)]).join('');
    const texts = Array.from({ length: 2500 }, () => `${word()} ${word()} ${word()}`);
    const { featurizer, vectors } = fitHashedTfidf(texts, {
      features: 1 << 20,
      wordNgrams: 2,
      charNgrams: [2, 5],
    });
    expect(featurizer.dimension).toBeGreaterThan(1 << 16);
    for (const { indices } of vectors) {
      for (let t = 1; t < indices.length; t++) expect(indices[t]).toBeGreaterThan(indices[t - 1]!);
    }
    const all = new Set(vectors.flatMap((v) => Array.from(v.indices)));
    expect(all.size).toBe(featurizer.dimension);
  });
});
