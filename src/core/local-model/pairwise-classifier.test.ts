import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../project.js';
import {
  deserializePairwiseClassifier,
  isPairwisePayload,
  serializePairwiseClassifier,
  trainPairwiseClassifier,
} from './pairwise-classifier.js';
import { pairwiseText, swapPairwiseText, swapVerdict } from './pairwise-text.js';

const config = {
  ...PROJECT_DEFAULTS.labeller.local,
  features: 1 << 12,
  wordNgrams: 1,
  charNgrams: [0, 0] as const,
  epochs: 30,
  l2: 1e-4,
};
const GOOD = ['correct', 'clear', 'helpful', 'precise'];
const BAD = ['wrong', 'rude', 'vague', 'useless'];

/** The response with a good word wins; two good ones tie. Side of the winner alternates. */
function corpus(n: number) {
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const good = GOOD[i % 4] as string;
    const bad = BAD[(i + 1) % 4] as string;
    if (i % 5 === 4) {
      texts.push(pairwiseText(`q${i}`, `it is ${good}`, `it is ${GOOD[(i + 2) % 4]}`));
      labels.push('tie');
    } else if (i % 2 === 0) {
      texts.push(pairwiseText(`q${i}`, `it is ${good}`, `it is ${bad}`));
      labels.push('a');
    } else {
      texts.push(pairwiseText(`q${i}`, `it is ${bad}`, `it is ${good}`));
      labels.push('b');
    }
  }
  return { texts, labels };
}

describe('pairwiseText', () => {
  it('marks each response word by its side, and swaps sides exactly', () => {
    expect(pairwiseText('Why?', 'Because.', 'No idea')).toBe('why\nǂabecause\nǂbno ǂbidea');
    expect(swapPairwiseText(pairwiseText('q', 'yes sir', 'no'))).toBe(
      pairwiseText('q', 'no', 'yes sir'),
    );
    expect(swapPairwiseText(pairwiseText('q', '', 'no'))).toBe(pairwiseText('q', 'no', ''));
    expect(['a', 'b', 'tie'].map(swapVerdict)).toEqual(['b', 'a', 'tie']);
  });
});

describe('trainPairwiseClassifier', () => {
  const labelSet = ['a', 'b', 'tie'];

  it('learns which content wins, on either side', () => {
    const { texts, labels } = corpus(60);
    const model = trainPairwiseClassifier({ texts, labels, labelSet, config });
    const [aWins, bWins] = model.predict([
      pairwiseText('new', 'it is helpful', 'it is rude'),
      pairwiseText('new', 'it is vague', 'it is precise'),
    ]).probabilities;
    expect(aWins?.[0]).toBeGreaterThan(0.6);
    expect(bWins?.[1]).toBeGreaterThan(0.6);
    expect(model.trainedOn).toBe(60);
  });

  it('has no position bias: exchanging the responses exchanges P(a) and P(b)', () => {
    // Training data where A always wins would teach a plain classifier to favour A.
    const texts = GOOD.map((g, i) => pairwiseText('q', `it is ${g}`, `it is ${BAD[i]}`));
    const model = trainPairwiseClassifier({
      texts,
      labels: texts.map(() => 'a'),
      labelSet,
      config,
    });
    const shown = pairwiseText('x', 'plain words', 'other words');
    const [p] = model.predict([shown]).probabilities;
    const [q] = model.predict([swapPairwiseText(shown)]).probabilities;
    expect(p?.[0]).toBeCloseTo(q?.[1] ?? NaN, 12);
    expect(p?.[1]).toBeCloseTo(q?.[0] ?? NaN, 12);
    expect(p?.[2]).toBeCloseTo(q?.[2] ?? NaN, 12);
  });

  it('is stored and read back predicting the same, and refuses verdicts without a and b', () => {
    const { texts, labels } = corpus(20);
    const model = trainPairwiseClassifier({ texts, labels, labelSet, config });
    const payload = serializePairwiseClassifier(model);
    expect(isPairwisePayload(payload)).toBe(true);
    const text = pairwiseText('q', 'it is clear', 'it is wrong');
    expect([
      ...(deserializePairwiseClassifier(payload).predict([text]).probabilities[0] ?? []),
    ]).toEqual([...(model.predict([text]).probabilities[0] ?? [])]);
    expect(() =>
      trainPairwiseClassifier({ texts, labels, labelSet: ['left', 'right'], config }),
    ).toThrow(/needs the verdicts a and b/);
  });
});
