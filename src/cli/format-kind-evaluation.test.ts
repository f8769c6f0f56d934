import { describe, expect, it } from 'vitest';
import { kindMetrics } from '../core/metrics/kind-metrics.js';
import type { TaskShape } from '../core/task-kind/index.js';
import type { Evaluation } from '../pipeline/calibrate/index.js';
import { formatEvaluation } from './cmd-eval.js';

function evaluation(
  shape: TaskShape,
  truth: string[],
  predicted: string[],
  measure: string,
): Evaluation {
  const { metrics, kind } = kindMetrics(shape, truth, predicted);
  return {
    source: 'model:local@1',
    scored: truth.length,
    unlabelled: 0,
    abstained: 0,
    metrics,
    accuracyWithAbstentions: metrics.accuracy,
    measure,
    measureAccuracy: metrics.accuracy,
    kind,
    confusedPairs: [],
  };
}

describe('formatEvaluation per kind', () => {
  it('prints the multi-label set metrics and each label', () => {
    const shape: TaskShape = {
      kind: 'multilabel',
      labels: ['x', 'y'],
      measure: 'exact',
      minLabels: 0,
      maxLabels: 2,
    };
    const text = formatEvaluation(
      evaluation(shape, ['x|y', 'x'], ['x', 'x'], 'exact-set accuracy'),
    );
    expect(text).toContain('micro-F1 80.0%');
    expect(text).toContain('Hamming loss 0.2500');
    expect(text).toContain('subset accuracy 50.0%');
    expect(text).toMatch(/ {4}y: F1 0\.0%, P 0\.0%, R 0\.0%, 1/);
  });

  it('prints rating errors, agreement and accuracy within ±k', () => {
    const shape: TaskShape = {
      kind: 'rating',
      labels: ['1', '2', '3'],
      measure: 'exact',
      withinK: 1,
    };
    const text = formatEvaluation(
      evaluation(shape, ['1', '2', '3', '3'], ['2', '2', '3', '1'], 'accuracy'),
    );
    expect(text).toContain('MAE 0.750');
    expect(text).toContain('accuracy exact 50.0%   within ±1 75.0%');
    expect(text).toContain('quadratic κ');
  });

  it('prints pairwise accuracy, per-verdict F1 and tie rates', () => {
    const shape: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
    const text = formatEvaluation(evaluation(shape, ['a', 'tie'], ['a', 'b'], 'accuracy'));
    expect(text).toContain('accuracy 50.0%   on non-tie verdicts 100.0%');
    expect(text).toContain('per verdict F1: a 100.0% (1), b 0.0% (0), tie 0.0% (1)');
    expect(text).toContain('tie rate: trusted 50.0%, predicted 0.0%');
  });
});
