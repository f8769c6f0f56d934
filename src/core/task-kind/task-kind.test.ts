import { describe, expect, it } from 'vitest';
import {
  answerScore,
  decideItem,
  decodeLabelSet,
  encodeLabelSet,
  labelSetIndices,
  measureName,
  probabilityRow,
  type TaskShape,
} from './index.js';

const TOXIC = ['toxic', 'obscene', 'insult'];

describe('label set codes', () => {
  it('writes one code per set, in the project label order, and reads it back', () => {
    expect(encodeLabelSet(['insult', 'toxic'], TOXIC)).toBe('toxic|insult');
    expect(encodeLabelSet(['toxic', 'insult', 'toxic'], TOXIC)).toBe('toxic|insult');
    expect(encodeLabelSet([], TOXIC)).toBe('');
    expect(decodeLabelSet('insult|toxic', TOXIC)).toEqual(['toxic', 'insult']);
    expect(decodeLabelSet('', TOXIC)).toEqual([]);
    expect(labelSetIndices('insult|obscene', TOXIC)).toEqual([1, 2]);
  });

  it('refuses a name outside the labels', () => {
    expect(() => encodeLabelSet(['spam'], TOXIC)).toThrow(/"spam" is not one of the labels/);
    expect(() => decodeLabelSet('toxic|rude', TOXIC)).toThrow(/"rude"/);
  });
});

describe('decideItem and answerScore', () => {
  const exact: TaskShape = {
    kind: 'multilabel',
    labels: TOXIC,
    measure: 'exact',
    minLabels: 0,
    maxLabels: 3,
  };
  const perLabel: TaskShape = { ...exact, measure: 'per-label' };

  it('decides the most probable set and its exact-set probability', () => {
    const d = decideItem(exact, Float64Array.of(0.9, 0.2, 0.6));
    expect(d.label).toBe('toxic|insult');
    expect(d.confidence).toBeCloseTo(0.9 * 0.8 * 0.6, 12);
    expect(decideItem(perLabel, Float64Array.of(0.9, 0.2, 0.6)).confidence).toBeCloseTo(
      (0.9 + 0.8 + 0.6) / 3,
      12,
    );
  });

  it('keeps a set within minLabels', () => {
    const d = decideItem({ ...exact, minLabels: 1 }, Float64Array.of(0.1, 0.3, 0.2));
    expect(d.label).toBe('obscene');
  });

  it('scores a set exactly or per label decision', () => {
    expect(answerScore(exact, 'toxic|insult', 'insult|toxic')).toBe(1);
    expect(answerScore(exact, 'toxic', 'toxic|insult')).toBe(0);
    expect(answerScore(perLabel, 'toxic', 'toxic|insult')).toBeCloseTo(2 / 3, 12);
  });

  it('decides a rating within ±k by the heaviest window', () => {
    const shape: TaskShape = {
      kind: 'rating',
      labels: ['1', '2', '3', '4'],
      measure: 'within-k',
      withinK: 1,
    };
    const row = Float64Array.of(0.1, 0.2, 0.4, 0.3);
    expect(decideItem(shape, row)).toEqual({ label: '3', confidence: expect.closeTo(0.9, 12) });
    expect(decideItem({ ...shape, measure: 'exact' }, row)).toEqual({
      label: '3',
      confidence: expect.closeTo(0.4, 12),
    });
    expect(answerScore(shape, '2', '3')).toBe(1);
    expect(answerScore(shape, '1', '3')).toBe(0);
    expect(answerScore({ ...shape, measure: 'exact' }, '2', '3')).toBe(0);
    expect(measureName(shape)).toBe('accuracy within ±1');
  });

  it('decides a single-choice item by the most probable label, renormalised', () => {
    const shape: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
    const d = decideItem(shape, probabilityRow(shape, { a: 0.2, b: 0.6, other: 0.5 }));
    expect(d.label).toBe('b');
    expect(d.confidence).toBeCloseTo(0.75, 12);
  });
});
