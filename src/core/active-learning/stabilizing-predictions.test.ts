import { describe, expect, it } from 'vitest';
import { stabilizingPredictions } from './stabilizing-predictions.js';

/** A stop set of 100 items whose predicted labels change in `changed` places from `base`. */
function round(changed: number): Int32Array {
  return Int32Array.from({ length: 100 }, (_, i) => (i % 2) ^ (i < changed ? 1 : 0));
}

describe('stabilizingPredictions', () => {
  it('stops after the first window of successive rounds whose mean κ reaches the threshold', () => {
    // Rounds change 30, 10, 0, 0, 0, 0 labels from one model to the next.
    const history = [round(0), round(30), round(40), round(40), round(40), round(40)];
    const { kappas, stopRound } = stabilizingPredictions(history, { classCount: 2 });
    expect(kappas).toHaveLength(5);
    expect(kappas[0]).toBeCloseTo(0.4, 10); // 70% agreement, 50% by chance
    expect(kappas[2]).toBe(1);
    // Windows of 3 κ: [0.4, 0.8, 1] … [1, 1, 1] first reached after round 5.
    expect(stopRound).toBe(5);
  });

  it('never stops when models keep disagreeing, and honours threshold and window', () => {
    const unstable = [round(0), round(20), round(0), round(20), round(0)];
    expect(stabilizingPredictions(unstable, { classCount: 2 }).stopRound).toBeNull();
    const history = [round(0), round(2), round(2), round(2)];
    expect(stabilizingPredictions(history, { classCount: 2, window: 1 }).stopRound).toBe(2);
    expect(stabilizingPredictions(history, { classCount: 2, threshold: 0.9 }).stopRound).toBe(3);
  });

  it('counts two identical one-label predictions as agreement (κ is undefined there)', () => {
    const same = new Int32Array(10);
    const { kappas } = stabilizingPredictions([same, same], { classCount: 2 });
    expect(kappas[0]).toBe(1);
  });
});
