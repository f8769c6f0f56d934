import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { createRng } from '../rng.js';
import type { TaskShape } from '../task-kind/index.js';
import {
  answerConfidence,
  answerProbabilities,
  answersDisagree,
  answerText,
  canonicalAnswer,
  fitLabelSetCrowd,
  labelSetPosterior,
  setDifference,
} from './index.js';

const TOXIC = ['toxic', 'obscene', 'insult'];
const multi: TaskShape = {
  kind: 'multilabel',
  labels: TOXIC,
  measure: 'exact',
  minLabels: 0,
  maxLabels: 2,
};
const pairNoTie: TaskShape = { kind: 'pairwise', labels: ['a', 'b'] };
const rating: TaskShape = {
  kind: 'rating',
  labels: ['1', '2', '3', '4', '5'],
  measure: 'exact',
  withinK: 1,
};

function refusal(shape: TaskShape, answer: string): string {
  try {
    canonicalAnswer(shape, answer);
  } catch (error) {
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).code).toBe('INVALID_INPUT');
    return (error as HiloError).message;
  }
  throw new Error(`"${answer}" was accepted`);
}

describe('canonicalAnswer', () => {
  it('stores a set in any order as its one code, the empty set as ""', () => {
    expect(canonicalAnswer(multi, 'insult|toxic')).toBe('toxic|insult');
    expect(canonicalAnswer(multi, 'obscene')).toBe('obscene');
    expect(canonicalAnswer(multi, '')).toBe('');
  });

  it('refuses what a cheater or a broken client sends for a set', () => {
    expect(refusal(multi, 'toxic|spam')).toMatch(/"spam" is not one of the labels/);
    expect(refusal(multi, 'toxic|obscene|insult')).toMatch(
      /a set of 3 labels; this project takes at most 2 \(multilabel.maxLabels\)/,
    );
    expect(refusal(multi, 'toxic|toxic')).toMatch(/"toxic" appears twice/);
    expect(refusal(multi, 'toxic|')).toMatch(/an empty name in the set/);
    expect(refusal({ ...multi, minLabels: 1 }, '')).toMatch(
      /a set of 0 labels; this project takes at least 1 \(multilabel.minLabels\)/,
    );
  });

  it('takes a verdict, and a tie only when the project has ties', () => {
    expect(canonicalAnswer(pairNoTie, 'b')).toBe('b');
    expect(refusal(pairNoTie, 'tie')).toMatch(
      /"tie" is not an answer here: this project takes a or b/,
    );
    expect(refusal(pairNoTie, 'left')).toMatch(/"left" is not a verdict \(a, b\)/);
    expect(canonicalAnswer({ kind: 'pairwise', labels: ['a', 'b', 'tie'] }, 'tie')).toBe('tie');
  });

  it('takes a level of the scale and nothing else', () => {
    expect(canonicalAnswer(rating, '4')).toBe('4');
    expect(refusal(rating, '6')).toMatch(/"6" is not a level of the scale \(1, 2, 3, 4, 5\)/);
    expect(refusal(rating, '4.5')).toMatch(/not a level/);
    expect(refusal({ kind: 'classify', labels: ['spam'] }, 'ham')).toMatch(/not in the label set/);
  });

  it('writes a set as one yes-probability per label, a single answer one-hot', () => {
    expect(answerProbabilities(multi, 'toxic|insult')).toEqual({ toxic: 1, obscene: 0, insult: 1 });
    expect(answerProbabilities(multi, '')).toEqual({ toxic: 0, obscene: 0, insult: 0 });
    expect(answerProbabilities(rating, '2')).toEqual({ '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 });
  });
});

describe('answerConfidence', () => {
  it('gives a stored vote’s confidence in an answer under the measure', () => {
    const p = { toxic: 0.9, obscene: 0.2, insult: 0.5 };
    expect(answerConfidence(multi, 'toxic', p)).toBeCloseTo(0.9 * 0.8 * 0.5, 12);
    expect(answerConfidence({ ...multi, measure: 'per-label' }, 'toxic', p)).toBeCloseTo(
      (0.9 + 0.8 + 0.5) / 3,
      12,
    );
    expect(answerConfidence(multi, 'toxic|spam', p)).toBeNull();
    const levels = { '2': 0.2, '3': 0.5, '4': 0.3 };
    expect(answerConfidence(rating, '3', levels)).toBeCloseTo(0.5, 12);
    const within: TaskShape = { ...rating, measure: 'within-k', withinK: 1 };
    expect(answerConfidence(within, '3', levels)).toBeCloseTo(1, 12);
    expect(answerConfidence(within, '5', levels)).toBeCloseTo(0.3, 12);
    expect(answerConfidence(rating, '3', {})).toBeNull();
  });
});

describe('answersDisagree', () => {
  it('compares whole answers, and ratings within ±k when so measured', () => {
    expect(answersDisagree(multi, ['toxic|insult', 'toxic|insult', null])).toBe(false);
    expect(answersDisagree(multi, ['toxic|insult', 'toxic'])).toBe(true);
    expect(answersDisagree(rating, ['3', '4'])).toBe(true);
    const within: TaskShape = { ...rating, measure: 'within-k', withinK: 1 };
    expect(answersDisagree(within, ['3', '4', '3'])).toBe(false);
    expect(answersDisagree(within, ['2', '3', '4'])).toBe(true);
  });
});

describe('answerText', () => {
  const labels = (names: string[], descriptions: string[] = []) =>
    names.map((name, k) => ({ name, description: descriptions[k] ?? '' }));
  it('says an answer in the kind’s words', () => {
    expect(answerText({ kind: 'multilabel', labels: labels(TOXIC) }, 'toxic|insult')).toBe(
      'toxic, insult',
    );
    expect(answerText({ kind: 'multilabel', labels: labels(TOXIC) }, '')).toBe('no label');
    expect(answerText({ kind: 'pairwise', labels: labels(['a', 'b', 'tie']) }, 'b')).toBe(
      'B better',
    );
    const scale = labels(['1', '2', '3', '4'], ['none', 'mild', '', 'severe']);
    expect(answerText({ kind: 'rating', labels: scale }, '4')).toBe('4 — severe');
    expect(answerText({ kind: 'rating', labels: scale }, '3')).toBe('3');
    expect(answerText({ kind: 'classify', labels: labels(['spam']) }, 'spam')).toBe('spam');
  });

  it('names the labels two sets differ on', () => {
    expect(setDifference(TOXIC, 'obscene|toxic', 'toxic|insult')).toEqual({
      missed: ['insult'],
      extra: ['obscene'],
    });
  });
});

describe('fitLabelSetCrowd', () => {
  /** 300 items × 4 labels, 3 answers each from 6 people; people 0–3 90% right, 4–5 answer at random. */
  function simulated(seed: number) {
    const rng = createRng(seed);
    const N = 300;
    const L = 4;
    const prevalence = [0.5, 0.3, 0.15, 0.05];
    const truth = new Uint8Array(N * L);
    for (let i = 0; i < N; i++)
      for (let l = 0; l < L; l++) truth[i * L + l] = rng.next() < prevalence[l]! ? 1 : 0;
    const item: number[] = [];
    const annotator: number[] = [];
    const yes: number[] = [];
    for (let i = 0; i < N; i++) {
      const people = new Set<number>();
      while (people.size < 3) people.add(rng.int(6));
      for (const a of people) {
        item.push(i);
        annotator.push(a);
        for (let l = 0; l < L; l++) {
          const t = truth[i * L + l] as number;
          yes.push(a < 4 ? (rng.next() < 0.9 ? t : 1 - t) : rng.next() < 0.5 ? 1 : 0);
        }
      }
    }
    const data = {
      numItems: N,
      numLabels: L,
      numAnnotators: 6,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      yes: Float64Array.from(yes),
    };
    return { data, truth, N, L };
  }

  it('finds the random answerers and beats a per-label majority', () => {
    const { data, truth, N, L } = simulated(7);
    const fit = fitLabelSetCrowd(data);
    for (let a = 0; a < 4; a++) expect(fit.rates[a]!.sensitivity).toBeGreaterThan(0.8);
    for (let a = 4; a < 6; a++) {
      const r = fit.rates[a]!;
      expect(r.sensitivity + r.specificity).toBeLessThan(1.2);
    }
    let fitRight = 0;
    let majorityRight = 0;
    for (let i = 0; i < N; i++) {
      for (let l = 0; l < L; l++) {
        const t = truth[i * L + l] as number;
        if ((fit.posteriors[i * L + l]! >= 0.5 ? 1 : 0) === t) fitRight++;
        let said = 0;
        for (let v = 0; v < data.item.length; v++)
          if (data.item[v] === i) said += data.yes[v * L + l] as number;
        if ((said >= 2 ? 1 : 0) === t) majorityRight++;
      }
    }
    expect(fitRight).toBeGreaterThan(majorityRight);
    expect(fit.prevalence[0]).toBeGreaterThan(fit.prevalence[3]!);
  });

  it('clamps controls to their trusted answer', () => {
    const { data, L } = simulated(3);
    const gold = new Int8Array(data.numItems * L).fill(-1);
    gold.set([1, 0, 0, 1], 0);
    const fit = fitLabelSetCrowd({ ...data, gold });
    expect(Array.from(fit.posteriors.subarray(0, L))).toEqual([1, 0, 0, 1]);
  });

  it('reads an item from the prevalence and each vote’s rates', () => {
    const good = { sensitivity: 0.9, specificity: 0.9 };
    const p = labelSetPosterior(Float64Array.of(0.5, 0.5), [
      { rates: good, yes: [1, 0] },
      { rates: good, yes: [1, 1] },
    ]);
    expect(p[0]).toBeCloseTo(0.81 / (0.81 + 0.01), 12);
    expect(p[1]).toBeCloseTo(0.5, 12);
  });
});
