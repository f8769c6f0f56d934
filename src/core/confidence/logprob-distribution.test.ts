import { describe, expect, it } from 'vitest';
import type { TokenLogprob } from '../ports/chat-model.js';
import { assignLabelCodes } from '../prompt/label-codes.js';
import { findAnswerPosition, logprobDistribution } from './logprob-distribution.js';

const codes = assignLabelCodes(['negative', 'neutral', 'positive']);
const ln = Math.log;

/** A sampled token with its alternatives given as probabilities. */
function tok(token: string, p: number, top: Record<string, number> = {}): TokenLogprob {
  const alternatives = Object.entries(top).map(([t, q]) => ({ token: t, logprob: ln(q) }));
  return { token, logprob: ln(p), top: alternatives };
}

/** Plain tokens of a text, no alternatives, for the parts around the answer. */
function text(...tokens: string[]): TokenLogprob[] {
  return tokens.map((t) => ({ token: t, logprob: -0.01, top: [] }));
}

describe('logprobDistribution', () => {
  it('normalises the code masses at the first token and reports the rest as other', () => {
    const tokens = [tok('B', 0.6, { B: 0.6, A: 0.2, The: 0.1, C: 0.05 }), ...text('', '')];
    const d = logprobDistribution({ tokens, codes, chainOfThought: false });
    expect(d?.position).toBe(0);
    expect(d?.probabilities[0]).toBeCloseTo(0.2 / 0.85, 9);
    expect(d?.probabilities[1]).toBeCloseTo(0.6 / 0.85, 9);
    expect(d?.probabilities[2]).toBeCloseTo(0.05 / 0.85, 9);
    expect(d?.otherMass).toBeCloseTo(0.15, 9);
  });

  it('adds the masses of spellings of the same code (leading space, untrimmed tokens)', () => {
    const tokens = [tok(' A', 0.5, { ' A': 0.5, A: 0.2, ' B': 0.2, '\n': 0.1 })];
    const d = logprobDistribution({ tokens, codes, chainOfThought: false, missingFloor: 0 });
    expect(d?.probabilities[0]).toBeCloseTo(0.7 / 0.9, 12);
    expect(d?.probabilities[1]).toBeCloseTo(0.2 / 0.9, 12);
    expect(d?.otherMass).toBeCloseTo(0.1, 9);
  });

  it('puts mass on tokens a grammar forbids into otherMass', () => {
    // llama.cpp reports top_logprobs before the grammar: the sampled code can be a minor entry.
    const tokens = [tok('C', 0.05, { I: 0.5, The: 0.3, '{': 0.1, C: 0.05, A: 0.01 })];
    const d = logprobDistribution({ tokens, codes, chainOfThought: false });
    expect(d?.otherMass).toBeCloseTo(0.94, 9);
    expect(d?.probabilities[2]).toBeCloseTo(0.05 / 0.06, 4);
  });

  it('matches codes case-sensitively: "a" is not code A', () => {
    const tokens = [tok('A', 0.4, { A: 0.4, a: 0.4, B: 0.1 })];
    const d = logprobDistribution({ tokens, codes, chainOfThought: false });
    expect(d?.probabilities[0]).toBeCloseTo(0.8, 4);
    expect(d?.otherMass).toBeCloseTo(0.5, 9);
  });

  it('gives codes missing from the top list a small floor, or zero when asked', () => {
    const tokens = [tok('A', 0.9, { A: 0.9, B: 0.05 })];
    const floored = logprobDistribution({ tokens, codes, chainOfThought: false });
    expect(floored?.probabilities[2]).toBeGreaterThan(0);
    expect(floored?.probabilities[2]).toBeLessThan(1e-5);
    const sum = Array.from(floored?.probabilities ?? []).reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(1, 12);
    const exact = logprobDistribution({ tokens, codes, chainOfThought: false, missingFloor: 0 });
    expect(exact?.probabilities[2]).toBe(0);
    expect(exact?.probabilities[0]).toBeCloseTo(0.9 / 0.95, 12);
  });

  it('never floors a missing code above the least likely listed token', () => {
    const tokens = [tok('A', 0.9, { A: 0.9, B: 1e-8 })];
    const d = logprobDistribution({ tokens, codes, chainOfThought: false, missingFloor: 0.01 });
    expect(d?.probabilities[2]).toBeCloseTo(d?.probabilities[1] ?? -1, 15);
  });

  it('counts the sampled token when it is not among the alternatives', () => {
    const tokens = [tok('C', 0.02, { A: 0.7, B: 0.2 })];
    const d = logprobDistribution({ tokens, codes, chainOfThought: false, missingFloor: 0 });
    expect(d?.probabilities[2]).toBeCloseTo(0.02 / 0.92, 9);
  });

  it('returns null when no code is among the alternatives', () => {
    const tokens = [tok('Sure', 0.9, { Sure: 0.9, The: 0.05 }), ...text(',', ' B')];
    expect(logprobDistribution({ tokens, codes, chainOfThought: false })).toBeNull();
    expect(logprobDistribution({ tokens: [], codes, chainOfThought: false })).toBeNull();
  });

  it('reads chain of thought after the LAST Answer:, skipping spaces and the end token', () => {
    const tokens = [
      ...text('Some', ' say', ' "', 'Answer', ':', ' A', '"', ' but', ' no', '.\n'),
      ...text('Answer', ':'),
      tok(' C', 0.7, { ' C': 0.7, ' B': 0.25, ' The': 0.05 }),
      ...text('\n', 'Confidence', ':', ' 70', ''),
    ];
    const d = logprobDistribution({ tokens, codes, chainOfThought: true });
    expect(d?.position).toBe(12);
    expect(d?.probabilities[2]).toBeCloseTo(0.7 / 0.95, 4);
    expect(d?.otherMass).toBeCloseTo(0.05, 9);
  });

  it('finds a marker split across tokens and a code after markdown', () => {
    const tokens = [
      ...text('Reason', '.\n', '**', 'Ans', 'wer', ':**', ' '),
      tok('B', 0.8, { B: 0.8, A: 0.2 }),
      ...text('**'),
    ];
    expect(findAnswerPosition(tokens, true)).toBe(7);
  });

  it('gives no position for chain of thought without an Answer: or with the code glued to it', () => {
    expect(findAnswerPosition(text('I', ' think', ' B'), true)).toBe(-1);
    expect(findAnswerPosition(text('Answer', ':B'), true)).toBe(-1);
    expect(findAnswerPosition(text('Answer', ':', ' ', ''), true)).toBe(-1);
  });

  it('uses an Answer: line in a direct answer, else the first content token', () => {
    expect(findAnswerPosition(text('Answer', ':', ' B'), false)).toBe(2);
    expect(findAnswerPosition(text('\n', ' ', '`', 'B', '`'), false)).toBe(3);
    expect(findAnswerPosition(text('', ''), false)).toBe(-1);
  });

  it('with label names, splits a shared first token over the labels it starts', () => {
    const named = assignLabelCodes([
      ...['negative', 'neutral', 'positive'],
      ...Array.from({ length: 60 }, (_, i) => `other_${i}`),
    ]);
    const tokens = [tok('ne', 0.6, { ne: 0.6, ' positive': 0.3, '\n': 0.1 }), ...text('utral')];
    const d = logprobDistribution({ tokens, codes: named, chainOfThought: false, missingFloor: 0 });
    expect(d?.probabilities[0]).toBeCloseTo(0.3 / 0.9, 9);
    expect(d?.probabilities[1]).toBeCloseTo(0.3 / 0.9, 9);
    expect(d?.probabilities[2]).toBeCloseTo(0.3 / 0.9, 9);
    expect(d?.otherMass).toBeCloseTo(0.1, 9);
  });
});
