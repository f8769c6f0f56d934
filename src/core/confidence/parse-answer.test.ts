import { describe, expect, it } from 'vitest';
import { assignLabelCodes } from '../prompt/label-codes.js';
import { answerRationale, parseAnswer } from './parse-answer.js';

const codes = assignLabelCodes(['negative', 'neutral', 'positive']);
const direct = { chainOfThought: false };
const reasoned = { chainOfThought: true };

function label(content: string, options = direct): string {
  const parsed = parseAnswer(content, codes, options);
  if (!parsed.ok)
    throw new Error(`expected a label from ${JSON.stringify(content)}: ${parsed.reason}`);
  return parsed.label;
}

function reason(
  content: string,
  options: { chainOfThought: boolean; truncated?: boolean } = direct,
): string {
  const parsed = parseAnswer(content, codes, options);
  if (parsed.ok)
    throw new Error(`expected ${JSON.stringify(content)} to be invalid, got ${parsed.label}`);
  return parsed.reason;
}

describe('parseAnswer', () => {
  it.each([
    ['B', 'neutral'],
    [' C\n', 'positive'],
    ['A.', 'negative'],
    ['"B"', 'neutral'],
    ['**C**', 'positive'],
    ['`A`', 'negative'],
    ['(B)', 'neutral'],
    ['b', 'neutral'],
    ['Neutral', 'neutral'],
    ['POSITIVE!', 'positive'],
    ['Answer: C', 'positive'],
    ['**Answer:** A', 'negative'],
    ['answer: b.', 'neutral'],
    ['B: neutral', 'neutral'],
    ['B) neutral', 'neutral'],
    ['B (neutral)', 'neutral'],
    ['neutral (B)', 'neutral'],
    ['C\nConfidence: 90', 'positive'],
    ['C\nThe reviewer loved it.', 'positive'],
    ['{"label": "A"}', 'negative'],
    ['{"Label": "positive", "confidence": 80}', 'positive'],
    ['```json\n{"answer": "B"}\n```', 'neutral'],
  ])('reads %j as %s', (content, expected) => {
    expect(label(content)).toBe(expected);
  });

  it('returns the code and index with the label', () => {
    expect(parseAnswer('C', codes, direct)).toEqual({
      ok: true,
      index: 2,
      label: 'positive',
      code: 'C',
    });
  });

  it('takes the last Answer line after reasoning', () => {
    const content =
      'At first the answer: A seemed right.\nBut it is mild.\nAnswer: B\nConfidence: 70';
    expect(label(content, reasoned)).toBe('neutral');
    expect(label('Mild praise.\nAnswer:\nC', reasoned)).toBe('positive');
    expect(label('Mild praise.\nAnswer: C (confidence: 80)', reasoned)).toBe('positive');
  });

  it('accepts a bare code as the last line of reasoning, but nothing looser', () => {
    expect(label('The tone is warm.\nC', reasoned)).toBe('positive');
    expect(reason('The tone is warm, so I pick positive', reasoned)).toBe('no "Answer:" line');
  });

  it('never maps an answer to the label it resembles', () => {
    expect(reason('positiv')).toMatch(/"positiv" is not a label code or name/);
    expect(reason('D')).toMatch(/"D" is not/);
    expect(reason('mostly positive')).toMatch(/is not/);
    expect(reason('Answer: somewhat negative', reasoned)).toMatch(/"somewhat negative" is not/);
    expect(reason('A (positive)')).toMatch(/names two different labels/);
  });

  it('explains empty, truncated and malformed answers', () => {
    expect(reason('   ')).toBe('empty answer');
    expect(reason('The reviewer seems', { chainOfThought: true, truncated: true })).toBe(
      'no "Answer:" line (cut off by the token limit)',
    );
    expect(reason('{"label":    ', { chainOfThought: false, truncated: true })).toBe(
      'incomplete JSON answer (cut off by the token limit)',
    );
    expect(reason('{"mood": "A"}')).toBe('JSON answer has no "label" field');
    expect(reason('{"label": ["A"]}')).toBe('JSON "label" field is not a string');
  });

  it('reads the label field of JSON cut off after it', () => {
    expect(label('{"label": "C", "reason": "lov', { chainOfThought: false })).toBe('positive');
  });

  it('is case-sensitive between codes when lower-case letters are codes too', () => {
    const many = assignLabelCodes(Array.from({ length: 30 }, (_, i) => `l${i}`));
    const parsed = parseAnswer('a', many, direct);
    expect(parsed.ok && parsed.label).toBe('l26');
  });

  it('prefers the exact-case label name when names differ only by case', () => {
    const cased = assignLabelCodes(['Spam', 'spam']);
    const exact = parseAnswer('spam', cased, direct);
    expect(exact.ok && exact.label).toBe('spam');
    expect(parseAnswer('SPAM', cased, direct).ok).toBe(false);
  });

  it('reads label names when the labels have no codes', () => {
    const named = assignLabelCodes(Array.from({ length: 70 }, (_, i) => `intent_${i}`));
    const parsed = parseAnswer('Answer: Intent_12', named, reasoned);
    expect(parsed.ok && parsed.label).toBe('intent_12');
    const bad = parseAnswer('intent_99', named, direct);
    expect(!bad.ok && bad.reason).toBe('"intent_99" is not a label name');
  });
});

describe('answerRationale', () => {
  it('keeps the reasoning before the last Answer line, without the confidence', () => {
    expect(answerRationale('It is mild.\nStill positive.\nAnswer: C\nConfidence: 60')).toBe(
      'It is mild.\nStill positive.',
    );
    expect(answerRationale('cut off mid-sente')).toBe('cut off mid-sente');
    expect(answerRationale('Answer: C')).toBeNull();
  });
});
