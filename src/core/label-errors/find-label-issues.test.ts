import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_DEFAULTS } from '../project.js';
import { crossFitPredict } from '../local-model/cross-fit.js';
import { createRng } from '../rng.js';
import { findLabelIssues } from './find-label-issues.js';

const rows = (...values: number[][]): Float64Array[] => values.map((v) => Float64Array.from(v));

describe('findLabelIssues, a worked example', () => {
  // Three classes, eight items. Items 2 and 3 are labelled 0 but lean to class 1.
  const probabilities = rows(
    [0.8, 0.1, 0.1],
    [0.4, 0.3, 0.3],
    [0.26, 0.72, 0.02],
    [0.25, 0.4, 0.35],
    [0.1, 0.8, 0.1],
    [0.1, 0.6, 0.3],
    [0.1, 0.1, 0.8],
    [0.1, 0.2, 0.7],
  );
  const given = Int32Array.of(0, 0, 0, 0, 1, 1, 2, 2);

  it('prunes round(n·Q[i][j]) items by margin and ranks them by self-confidence', () => {
    // t = (1.71/4, 0.7, 0.75) → confident labels (0, −1, 1, −1, 1, −1, 2, −1)
    // C = [[1,1,0],[0,1,0],[0,0,1]] → calibrated rows [2,2,0], [0,2,0], [0,0,2] → Q = that / 8.
    // Pair (0,1): round(8 · 2/8) = 2 items labelled 0 with the largest p1 − p0: items 2 (0.46), 3 (0.15).
    const result = findLabelIssues({ probabilities, given, classes: 3 });
    expect([...result.joint.counts]).toEqual([1, 1, 0, 0, 1, 0, 0, 0, 1]);
    expect(result.estimatedErrors).toBeCloseTo(2, 12);
    expect(result.issues.map((i) => i.index)).toEqual([3, 2]); // self-confidence 0.25 < 0.26
    expect(result.issues[0]).toMatchObject({ given: 0, suggested: 1, selfConfidence: 0.25 });
    expect(result.issues[0]?.normalizedMargin).toBeCloseTo(0.25 - 0.4, 12);
    expect(result.issues[1]?.suggestedProbability).toBe(0.72);
  });

  it('ranks by normalized margin when asked', () => {
    // margins: item 2: 0.26 − 0.72 = −0.46; item 3: 0.25 − 0.40 = −0.15.
    const result = findLabelIssues({
      probabilities,
      given,
      classes: 3,
      rankBy: 'normalized-margin',
    });
    expect(result.issues.map((i) => i.index)).toEqual([2, 3]);
  });

  it('flags nothing when every item agrees with its label', () => {
    const result = findLabelIssues({
      probabilities: rows([0.9, 0.1], [0.7, 0.3], [0.2, 0.8], [0.4, 0.6]),
      given: Int32Array.of(0, 0, 1, 1),
      classes: 2,
    });
    expect(result.issues).toEqual([]);
    expect(result.estimatedErrors).toBe(0);
  });
});

const VOCAB = [
  ['refund', 'charge', 'invoice', 'payment', 'billing', 'price'],
  ['crash', 'error', 'bug', 'freeze', 'broken', 'install'],
  ['delivery', 'parcel', 'courier', 'shipping', 'tracking', 'late'],
];
const FILLER = ['the', 'my', 'is', 'again', 'please', 'help', 'today', 'with'];

/** A separable set: each text draws its topic words from its class's vocabulary. */
function syntheticSet(n: number, seed: number) {
  const rng = createRng(seed);
  const texts: string[] = [];
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % VOCAB.length;
    const words: string[] = [];
    for (let w = 0; w < 6; w++) {
      const pool = w % 3 === 2 ? FILLER : (VOCAB[y] as string[]);
      words.push(pool[rng.int(pool.length)] as string);
    }
    texts.push(words.join(' '));
    truth.push(y);
  }
  return { texts, truth };
}

describe('findLabelIssues on out-of-fold predictions', () => {
  const config = { ...PROJECT_DEFAULTS.labeller.local, features: 1 << 12, epochs: 8 };
  it('recovers label flips injected at a known rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(0.05, 0.1, 0.2),
        (seed, rate) => {
          const { texts, truth } = syntheticSet(300, seed);
          const rng = createRng(seed + 1);
          const given = Int32Array.from(truth);
          const flipped = new Set<number>();
          for (const i of truth.keys()) {
            if (rng.next() < rate) {
              given[i] = ((truth[i] as number) + 1 + rng.int(VOCAB.length - 1)) % VOCAB.length;
              flipped.add(i);
            }
          }
          const labelSet = ['billing', 'bug', 'shipping'];
          const { probabilities } = crossFitPredict({
            texts,
            labels: [...given].map((y) => labelSet[y] as string),
            labelSet,
            config,
            folds: 5,
            seed,
          });
          const { issues } = findLabelIssues({ probabilities, given, classes: 3 });
          const found = issues.filter((issue) => flipped.has(issue.index)).length;
          expect(found / Math.max(1, flipped.size)).toBeGreaterThanOrEqual(0.8);
          expect(found / Math.max(1, issues.length)).toBeGreaterThanOrEqual(0.6);
          const recovered = issues.filter(
            (issue) => flipped.has(issue.index) && issue.suggested === truth[issue.index],
          ).length;
          expect(recovered / Math.max(1, found)).toBeGreaterThanOrEqual(0.8);
        },
      ),
      { numRuns: 6, seed: 12 },
    );
  });
});

describe('findLabelIssues keeps agreeing items out', () => {
  it('never flags an item whose given label is the top class, even when the count asks for it', () => {
    // t = (1.9/4, 1, 1); items 1 and 3 reach no threshold; C row 0 = [1, 1, 0] → calibrated
    // [2, 2, 0] → round(6 · 2/6) = 2 items labelled 0 by margin p1 − p0: item 2 (1), then item 1
    // (−0.15, before item 3 on the tie) — but class 0 is item 1's top class.
    const result = findLabelIssues({
      probabilities: rows(
        [1, 0, 0],
        [0.45, 0.3, 0.25],
        [0, 1, 0],
        [0.45, 0.3, 0.25],
        [0, 1, 0],
        [0, 0, 1],
      ),
      given: Int32Array.of(0, 0, 0, 0, 1, 2),
      classes: 3,
    });
    expect([...result.joint.counts]).toEqual([1, 1, 0, 0, 1, 0, 0, 0, 1]);
    expect(result.issues.map((i) => i.index)).toEqual([2]);
  });
});
