import { describe, expect, it } from 'vitest';
import type { TokenLogprob } from '../ports/chat-model.js';
import { parseLabelSetAnswer } from './label-set-answer.js';
import { labelSetLogprobs } from './label-set-logprobs.js';
import { labelSetShares } from './label-set-samples.js';

const LABELS = ['toxic', 'obscene', 'insult'];
const direct = { chainOfThought: false };

function values(content: string, chainOfThought = false): number[] | string {
  const parsed = parseLabelSetAnswer(content, LABELS, { chainOfThought });
  return parsed.ok ? [...parsed.values] : parsed.reason;
}

describe('parseLabelSetAnswer', () => {
  it('reads yes/no, booleans, probabilities and percentages per label', () => {
    expect(values('{"toxic": "yes", "obscene": false, "insult": 0.25}')).toEqual([1, 0, 0.25]);
    expect(values('```json\n{"Toxic": "80%", "OBSCENE": 5, "insult": "0.5"}\n```')).toEqual([
      0.8, 0.05, 0.5,
    ]);
  });

  it('reads a list of the labels that apply, with or without confidences', () => {
    expect(values('["insult", "toxic"]')).toEqual([1, 0, 1]);
    expect(values('[]')).toEqual([0, 0, 0]);
    expect(values('{"labels": [{"label": "obscene", "confidence": 0.7}]}')).toEqual([0, 0.7, 0]);
  });

  it('leaves out names that are not labels and reports them', () => {
    const parsed = parseLabelSetAnswer(
      '{"toxic": "no", "obscene": "no", "insult": "yes", "threat": "yes"}',
      LABELS,
      direct,
    );
    expect(parsed).toEqual({ ok: true, values: Float64Array.of(0, 0, 1), unknown: ['threat'] });
  });

  it('refuses what it cannot read, with a reason a repair can quote', () => {
    expect(values('{"toxic": "yes"}')).toBe('the answer leaves out obscene, insult');
    expect(values('{"toxic": "maybe", "obscene": 0, "insult": 0}')).toBe(
      'the value of "toxic" is not yes, no or a probability',
    );
    expect(values('{"toxic": 140, "obscene": 0, "insult": 0}')).toMatch(/"toxic"/);
    expect(values('["threat"]')).toBe('"threat" is not a label');
    expect(values('toxic and insult')).toBe('no JSON object or list in the answer');
    expect(values('{"toxic": "yes", "obs')).toBe('incomplete JSON answer');
    expect(values('{"spam": 1}')).toBe('the answer names none of the labels');
  });

  it('reads the JSON after the last Answer: line with chain of thought', () => {
    expect(values('It insults. {"x": 1}\nAnswer: ["insult"]', true)).toEqual([0, 0, 1]);
    expect(values('["insult"]', true)).toBe('no "Answer:" line');
  });
});

/** Tokens of a JSON answer, the value tokens carrying the given P(yes). */
function yesNoTokens(pYes: readonly number[], prefix = ''): TokenLogprob[] {
  const out: TokenLogprob[] = [];
  const plain = (token: string): TokenLogprob => ({ token, logprob: 0, top: [] });
  if (prefix !== '') out.push(plain(prefix));
  out.push(plain('{"'));
  LABELS.forEach((label, l) => {
    const p = pYes[l] as number;
    const token = p >= 0.5 ? 'yes' : 'no';
    out.push(plain(label), plain('":'), plain(' "'));
    out.push({
      token,
      logprob: Math.log(p >= 0.5 ? p : 1 - p),
      top: [
        { token: 'yes', logprob: Math.log(p * 0.9) },
        { token: 'Yes', logprob: Math.log(p * 0.1) },
        { token: 'no', logprob: Math.log(1 - p) },
      ],
    });
    out.push(plain(l === LABELS.length - 1 ? '"}' : '", "'));
  });
  return out;
}

describe('labelSetLogprobs', () => {
  it('reads P(yes) of every label from its value token', () => {
    const read = labelSetLogprobs({
      tokens: yesNoTokens([0.9, 0.2, 0.6]),
      labels: LABELS,
      chainOfThought: false,
    });
    expect([...(read?.probabilities ?? [])].map((p) => Number(p.toFixed(6)))).toEqual([
      0.9, 0.2, 0.6,
    ]);
  });

  it('reads after Answer: with chain of thought, and gives up when a key is missing', () => {
    const tokens = yesNoTokens([0.3, 0.3, 0.8], 'They say "toxic": "yes" here.\nAnswer: ');
    const read = labelSetLogprobs({ tokens, labels: LABELS, chainOfThought: true });
    expect(read?.probabilities[0]).toBeCloseTo(0.3, 9);
    expect(
      labelSetLogprobs({ tokens, labels: ['toxic', 'threat'], chainOfThought: false }),
    ).toBeNull();
    expect(
      labelSetLogprobs({
        tokens: yesNoTokens([0.5, 0.5, 0.5]),
        labels: LABELS,
        chainOfThought: true,
      }),
    ).toBeNull();
  });
});

describe('labelSetShares', () => {
  it('smooths each label’s share of samples and leaves out unreadable ones', () => {
    const shares = labelSetShares({
      samples: [
        Float64Array.of(1, 0, 1),
        Float64Array.of(1, 0, 0),
        null,
        Float64Array.of(1, 1, 0.4),
      ],
      labelCount: 3,
    });
    expect(shares?.valid).toBe(3);
    expect([...(shares?.probabilities ?? [])]).toEqual([3.5 / 4, 1.5 / 4, 1.5 / 4]);
    expect(labelSetShares({ samples: [null], labelCount: 3 })).toBeNull();
  });
});
