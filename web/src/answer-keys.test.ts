import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../src/contract/people-api.js';
import { answerAfterKey, choiceIndex, choiceKey, setCountProblem } from './answer-keys.js';
import { answerWords, setNames } from './answer-words.js';

const MULTI = { kind: 'multilabel', minLabels: 1, maxLabels: 2 } as const;
const EMOTIONS = ['joy', 'anger', 'fear'];

describe('keys that pick labels', () => {
  it('numbers 1–9, 0 for the 10th, then letters no page uses for anything else', () => {
    const keys = Array.from({ length: 30 }, (_, i) => choiceKey(i));
    expect(keys.slice(0, 11)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'q']);
    expect(keys[28]).toBe('m');
    expect(keys[29]).toBeNull();
    for (const used of ['s', 'u', 'f', 'g', 'j', 'k', 'n']) expect(keys).not.toContain(used);
    keys.slice(0, 29).forEach((key, i) => expect(choiceIndex(key ?? '', 29)).toBe(i));
  });

  it('a key past the labels, or a named key, picks nothing', () => {
    expect(choiceIndex('4', 3)).toBeNull();
    expect(choiceIndex('0', 9)).toBeNull();
    expect(choiceIndex('q', 10)).toBeNull();
    expect(choiceIndex('Enter', 30)).toBeNull();
    expect(choiceIndex('Q', 11)).toBe(10);
  });

  it('a multi-label key toggles its label in the set code, kept in label order', () => {
    let code = '';
    code = answerAfterKey(MULTI, EMOTIONS, '3', code) ?? 'x';
    code = answerAfterKey(MULTI, EMOTIONS, '1', code) ?? 'x';
    expect(code).toBe('joy|fear');
    expect(answerAfterKey(MULTI, EMOTIONS, '1', code)).toBe('fear');
    expect(answerAfterKey(MULTI, EMOTIONS, '3', 'fear')).toBe('');
    expect(answerAfterKey(MULTI, EMOTIONS, '9', code)).toBeUndefined();
  });

  it('a pairwise key picks A, B or tie by letter or number, tie only when the project has it', () => {
    const pairwise: TaskView = { kind: 'pairwise', prompt: 'p', a: 'a', b: 'b', tie: true };
    const withTie = ['a', 'b', 'tie'];
    expect(
      ['a', '1', 'B', '2', 't', '3'].map((k) => answerAfterKey(pairwise, withTie, k, null)),
    ).toEqual(['a', 'a', 'b', 'b', 'tie', 'tie']);
    expect(answerAfterKey(pairwise, ['a', 'b'], 't', null)).toBeUndefined();
    expect(answerAfterKey(pairwise, ['a', 'b'], '3', null)).toBeUndefined();
  });

  it('a rating key picks the level, lowest first', () => {
    expect(answerAfterKey({ kind: 'rating' }, ['1', '2', '3', '4', '5'], '4', '2')).toBe('4');
  });
});

describe('a set’s size against the project’s bounds', () => {
  it('says how many to pick and how many are picked', () => {
    expect(setCountProblem(MULTI, EMOTIONS, '')).toBe('Pick at least 1 label (none picked).');
    expect(setCountProblem(MULTI, EMOTIONS, 'joy|anger|fear')).toBe(
      'Pick at most 2 labels (3 picked).',
    );
    expect(setCountProblem(MULTI, EMOTIONS, 'anger')).toBeNull();
  });
});

describe('an answer in the words of its kind', () => {
  const labels = [
    { name: '1', description: 'not abusive' },
    { name: '2', description: '' },
  ];
  it('a set, a verdict and a level with its anchor', () => {
    expect(answerWords(MULTI, labels, 'joy|fear')).toBe('joy, fear');
    expect(answerWords(MULTI, labels, '')).toBe('no label');
    expect(setNames('')).toEqual([]);
    const pairwise: TaskView = { kind: 'pairwise', prompt: 'p', a: 'a', b: 'b', tie: true };
    expect(['a', 'b', 'tie'].map((v) => answerWords(pairwise, labels, v))).toEqual([
      'A better',
      'B better',
      'tie',
    ]);
    expect(answerWords({ kind: 'rating' }, labels, '1')).toBe('1 — not abusive');
    expect(answerWords({ kind: 'rating' }, labels, '2')).toBe('2');
    expect(answerWords({ kind: 'classify' }, labels, 'spam')).toBe('spam');
  });
});
