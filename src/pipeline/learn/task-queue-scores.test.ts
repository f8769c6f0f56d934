import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import { taskQueueScores } from './task-queue-scores.js';

const rng = createRng(1);

describe('taskQueueScores', () => {
  it('orders multi-label items by the uncertainty of their decided set; an abstention first', () => {
    const shape: TaskShape = {
      kind: 'multilabel',
      labels: ['x', 'y'],
      measure: 'exact',
      minLabels: 0,
      maxLabels: 2,
    };
    const s = taskQueueScores({
      shape,
      strategy: 'margin',
      distributions: [{ x: 0.99, y: 0.01 }, { x: 0.6, y: 0.9 }, null],
      rng,
    });
    expect(s[0]).toBeCloseTo(1 - 0.99 * 0.99, 12);
    expect(s[1]).toBeCloseTo(1 - 0.6 * 0.9, 12);
    expect(s[2]).toBeCloseTo(0.75, 12);
  });

  it('orders ratings by spread around the median, where margin would not', () => {
    const shape: TaskShape = {
      kind: 'rating',
      labels: ['1', '2', '3'],
      measure: 'exact',
      withinK: 1,
    };
    const distributions = [
      { '1': 0.5, '2': 0, '3': 0.5 },
      { '1': 0, '2': 0.5, '3': 0.5 },
    ];
    const s = taskQueueScores({ shape, strategy: 'margin', distributions, rng });
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(0.5, 12);
    const classify = taskQueueScores({
      shape: { kind: 'classify', labels: shape.labels },
      strategy: 'margin',
      distributions,
      rng,
    });
    expect(classify[0]).toBe(classify[1]);
  });
});
