import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selfConsistency } from './self-consistency.js';

describe('selfConsistency', () => {
  it('gives smoothed vote shares over the valid samples and counts the invalid ones', () => {
    const result = selfConsistency({ answers: [1, 1, 0, null], labelCount: 2 });
    expect(Array.from(result?.probabilities ?? [])).toEqual([0.375, 0.625]);
    expect(Array.from(result?.counts ?? [])).toEqual([1, 2]);
    expect(result?.valid).toBe(3);
    expect(result?.invalid).toBe(1);
    expect(result?.winner).toBe(1);
  });

  it('smooths with one pseudo-sample in all by default, whatever the label count', () => {
    const many = selfConsistency({ answers: [4, 4, 4, 4, 4], labelCount: 77 });
    expect(many?.probabilities[4]).toBeCloseTo((5 + 1 / 77) / 6, 12);
    expect(many?.probabilities[0]).toBeCloseTo(1 / 77 / 6, 12);
    const custom = selfConsistency({ answers: [0, 0, 0], labelCount: 3, alpha: 1 });
    expect(custom?.probabilities[0]).toBeCloseTo(4 / 6, 12);
  });

  it('is surer of 20 agreeing samples than of 3', () => {
    const three = selfConsistency({ answers: [2, 2, 2], labelCount: 3 });
    const twenty = selfConsistency({ answers: Array<number>(20).fill(2), labelCount: 3 });
    expect(twenty?.probabilities[2]).toBeGreaterThan(three?.probabilities[2] ?? 1);
  });

  it('breaks a tie in favour of the label sampled first', () => {
    expect(selfConsistency({ answers: [2, 0, 0, 2], labelCount: 3 })?.winner).toBe(2);
    expect(selfConsistency({ answers: [0, 2, 2, 0], labelCount: 3 })?.winner).toBe(0);
  });

  it('returns null when no sample named a valid label', () => {
    expect(selfConsistency({ answers: [null, null], labelCount: 3 })).toBeNull();
    expect(selfConsistency({ answers: [], labelCount: 3 })).toBeNull();
    expect(selfConsistency({ answers: [7], labelCount: 3 })).toBeNull();
  });

  it('always sums to 1 with every label above 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.option(fc.nat(9), { nil: null }), { maxLength: 30 }),
        (labelCount, raw) => {
          const answers = raw.map((a) => (a === null ? null : a % labelCount));
          const result = selfConsistency({ answers, labelCount });
          if (answers.every((a) => a === null)) {
            expect(result).toBeNull();
            return;
          }
          const p = Array.from(result?.probabilities ?? []);
          expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
          expect(p.every((v) => v > 0)).toBe(true);
          expect((result?.valid ?? 0) + (result?.invalid ?? 0)).toBe(answers.length);
        },
      ),
    );
  });
});
