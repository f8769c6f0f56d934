import { describe, expect, it } from 'vitest';
import type { TaskShape } from '../task-kind/index.js';
import { kindMetrics } from './kind-metrics.js';

describe('kindMetrics', () => {
  it('scores multi-label answers by set and by label', () => {
    const shape: TaskShape = {
      kind: 'multilabel',
      labels: ['toxic', 'obscene', 'insult'],
      measure: 'exact',
      minLabels: 0,
      maxLabels: 3,
    };
    const { metrics, kind } = kindMetrics(
      shape,
      ['toxic|insult', '', 'obscene', 'toxic'],
      ['toxic|insult', 'insult', 'obscene', 'toxic|obscene'],
    );
    if (kind?.kind !== 'multilabel') throw new Error('expected multi-label metrics');
    expect(kind.subsetAccuracy).toBe(0.5);
    expect(metrics.accuracy).toBe(0.5);
    expect(kind.hammingLoss).toBeCloseTo(2 / 12, 12);
    // TP 4 (toxic ×2, insult, obscene), FP 2, FN 0.
    expect(kind.microF1).toBeCloseTo(8 / 10, 12);
    expect(kind.perLabel.map((s) => [s.label, s.support, s.predicted])).toEqual([
      ['toxic', 2, 2],
      ['obscene', 1, 2],
      ['insult', 1, 2],
    ]);
    expect(kind.perLabel[1]?.f1).toBeCloseTo(2 / 3, 12);
    expect(kind.macroF1).toBeCloseTo((1 + 2 / 3 + 2 / 3) / 3, 12);
  });

  it('scores ratings with errors, weighted κ, α and accuracy within ±k', () => {
    const shape: TaskShape = {
      kind: 'rating',
      labels: ['1', '2', '3', '4', '5'],
      measure: 'exact',
      withinK: 1,
    };
    const truth = ['1', '2', '3', '4', '5', '3'];
    const predicted = ['1', '3', '3', '2', '5', '3'];
    const { kind } = kindMetrics(shape, truth, predicted);
    if (kind?.kind !== 'rating') throw new Error('expected rating metrics');
    expect(kind.mae).toBeCloseTo(3 / 6, 12);
    expect(kind.rmse).toBeCloseTo(Math.sqrt(5 / 6), 12);
    expect(kind.exactAccuracy).toBeCloseTo(4 / 6, 12);
    expect(kind.accuracyWithinK).toBeCloseTo(5 / 6, 12);
    expect(kind.withinK).toBe(1);
    expect(kind.quadraticKappa).toBeGreaterThan(0.5);
    expect(kind.quadraticKappa).toBeLessThan(1);
    expect(kind.alphaOrdinal).toBeGreaterThan(0.5);
    expect(kind.alphaInterval).toBeGreaterThan(0.5);
    const perfect = kindMetrics(shape, truth, truth).kind;
    expect(perfect?.kind === 'rating' && perfect.quadraticKappa).toBeCloseTo(1, 12);
    expect(perfect?.kind === 'rating' && perfect.alphaOrdinal).toBeCloseTo(1, 12);
  });

  it('scores a pairwise judge per verdict, with tie rates and accuracy on decisive pairs', () => {
    const shape: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
    const { metrics, kind } = kindMetrics(
      shape,
      ['a', 'b', 'tie', 'a', 'tie'],
      ['a', 'a', 'tie', 'a', 'b'],
    );
    if (kind?.kind !== 'pairwise') throw new Error('expected pairwise metrics');
    expect(kind.accuracy).toBeCloseTo(3 / 5, 12);
    expect(metrics.accuracy).toBeCloseTo(3 / 5, 12);
    expect(kind.decisiveAccuracy).toBeCloseTo(2 / 3, 12);
    expect(kind.tieRate).toEqual({ truth: 2 / 5, predicted: 1 / 5 });
    expect(kind.perVerdict.map((s) => s.label)).toEqual(['a', 'b', 'tie']);
    expect(kind.perVerdict[0]?.f1).toBeCloseTo(0.8, 12);
    expect(kind.perVerdict[2]?.f1).toBeCloseTo(2 / 3, 12);
  });

  it('has no kind section for single-label projects', () => {
    expect(kindMetrics({ kind: 'classify', labels: ['x', 'y'] }, ['x'], ['y']).kind).toBeNull();
  });
});
