import { describe, expect, it } from 'vitest';
import { readAnswer } from './read-answer.js';
import type { TaskShape } from './task-shape.js';

const TOXIC: TaskShape = {
  kind: 'multilabel',
  labels: ['toxic', 'obscene', 'insult'],
  measure: 'exact',
  minLabels: 0,
  maxLabels: 2,
};
const json = { textCells: false };
const text = { textCells: true };

describe('readAnswer for multi-label', () => {
  it('reads a JSON array as the set code, in label order', () => {
    expect(readAnswer(TOXIC, ['insult', 'toxic'], json)).toEqual({ answer: 'toxic|insult' });
    expect(readAnswer(TOXIC, [], json)).toEqual({ answer: '' });
  });

  it('reads names joined by | or a JSON array written as text in text cells', () => {
    expect(readAnswer(TOXIC, 'insult | toxic', text)).toEqual({ answer: 'toxic|insult' });
    expect(readAnswer(TOXIC, '["obscene"]', text)).toEqual({ answer: 'obscene' });
    expect(readAnswer(TOXIC, '[]', text)).toEqual({ answer: '' });
  });

  it('refuses text where JSON keeps types, an unknown name, and a set outside the bounds', () => {
    expect(readAnswer(TOXIC, 'toxic', json)).toEqual({
      problem: 'a multi-label label must be a JSON array of label names, got text',
    });
    expect(readAnswer(TOXIC, { toxic: 1 }, json)).toEqual({
      problem: 'a multi-label label must be a list of label names, got an object',
    });
    expect(readAnswer(TOXIC, ['toxic', 'rude'], json)).toEqual({
      problem: '"rude" is not one of the labels (toxic, obscene, insult)',
    });
    expect(readAnswer(TOXIC, 'toxic|obscene|insult', text)).toEqual({
      problem: '3 labels, more than multilabel.maxLabels (2)',
    });
    expect(readAnswer({ ...TOXIC, minLabels: 1 }, [], json)).toEqual({
      problem: '0 labels, fewer than multilabel.minLabels (1)',
    });
    expect(readAnswer(TOXIC, '[toxic', text)).toEqual({
      problem: 'not a JSON array of label names: [toxic',
    });
  });

  it('treats null, absent and empty text as no label', () => {
    expect(readAnswer(TOXIC, null, json)).toEqual({ missing: true });
    expect(readAnswer(TOXIC, undefined, text)).toEqual({ missing: true });
    expect(readAnswer(TOXIC, ' ', text)).toEqual({ missing: true });
  });
});

describe('readAnswer for single-choice kinds', () => {
  const scale: TaskShape = {
    kind: 'rating',
    labels: ['-2', '-1', '0', '1'],
    measure: 'exact',
    withinK: 1,
  };

  it('matches a number to the level it equals', () => {
    expect(readAnswer(scale, -1, json)).toEqual({ answer: '-1' });
    expect(readAnswer(scale, '1.0', text)).toEqual({ answer: '1' });
    expect(readAnswer(scale, 0.5, json)).toEqual({
      problem: 'rating 0.5 is not a level of the scale (-2, -1, 0, 1)',
    });
    expect(readAnswer(scale, 6, json)).toEqual({
      problem: 'rating 6 is not a level of the scale (-2, -1, 0, 1)',
    });
  });

  it('names the verdicts a pairwise project has', () => {
    const withTie: TaskShape = { kind: 'pairwise', labels: ['a', 'b', 'tie'] };
    const noTie: TaskShape = { kind: 'pairwise', labels: ['a', 'b'] };
    expect(readAnswer(withTie, 'tie', json)).toEqual({ answer: 'tie' });
    expect(readAnswer(withTie, 'left', json)).toEqual({
      problem: 'label "left" is not a, b or tie',
    });
    expect(readAnswer(noTie, 'tie', json)).toEqual({
      problem: 'label "tie" is not a or b (this project has no tie)',
    });
  });

  it('refuses a list for one label, and a name outside a classify label set', () => {
    const spam: TaskShape = { kind: 'classify', labels: ['spam', 'ham'] };
    expect(readAnswer(spam, ['spam'], json)).toEqual({
      problem: 'the label must be one label, got a list',
    });
    expect(readAnswer(spam, 'eggs', json)).toEqual({
      problem: `label "eggs" is not in the project's label set (spam, ham)`,
    });
    expect(readAnswer(spam, ' ham ', text)).toEqual({ answer: 'ham' });
  });
});
