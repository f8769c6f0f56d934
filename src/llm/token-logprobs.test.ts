import { describe, expect, it } from 'vitest';
import { parseTokenLogprobs } from './token-logprobs.js';

describe('parseTokenLogprobs', () => {
  it('reads the chat shape with llama.cpp extras, untrimmed tokens and the "" end entry', () => {
    const raw = {
      content: [
        {
          id: 319,
          token: ' A',
          bytes: [32, 65],
          logprob: -0.1,
          top_logprobs: [
            { id: 319, token: ' A', bytes: [32, 65], logprob: -0.1 },
            { token: ' B', logprob: -2.5 },
          ],
        },
        { id: 2, token: '', bytes: [], logprob: -0.01, top_logprobs: [] },
      ],
    };
    expect(parseTokenLogprobs(raw)).toEqual([
      {
        token: ' A',
        logprob: -0.1,
        top: [
          { token: ' A', logprob: -0.1 },
          { token: ' B', logprob: -2.5 },
        ],
      },
      { token: '', logprob: -0.01, top: [] },
    ]);
  });

  it('reads null logprobs as -Infinity and missing alternatives as none', () => {
    expect(parseTokenLogprobs({ content: [{ token: 'x', logprob: null }] })).toEqual([
      { token: 'x', logprob: -Infinity, top: [] },
    ]);
  });

  it('reads post-sampling probabilities', () => {
    const parsed = parseTokenLogprobs({
      content: [
        {
          token: 'A',
          prob: 0.5,
          top_probs: [
            { token: 'A', prob: 0.5 },
            { token: 'B', prob: 0 },
          ],
        },
      ],
    });
    expect(parsed?.[0]?.logprob).toBeCloseTo(Math.log(0.5), 12);
    expect(parsed?.[0]?.top[1]?.logprob).toBe(-Infinity);
  });

  it('reads the legacy arrays, alternatives most likely first', () => {
    const raw = {
      tokens: ['A', '!'],
      token_logprobs: [-0.2, -1],
      top_logprobs: [{ B: -3, A: -0.2 }, null],
      text_offset: [0, 1],
    };
    expect(parseTokenLogprobs(raw)).toEqual([
      {
        token: 'A',
        logprob: -0.2,
        top: [
          { token: 'A', logprob: -0.2 },
          { token: 'B', logprob: -3 },
        ],
      },
      { token: '!', logprob: -1, top: [] },
    ]);
  });

  it('returns null for no logprobs or a shape it does not know', () => {
    expect(parseTokenLogprobs(null)).toBeNull();
    expect(parseTokenLogprobs({ content: null })).toBeNull();
    expect(parseTokenLogprobs({ content: [{ token: 3, logprob: -1 }] })).toBeNull();
    expect(parseTokenLogprobs({ content: [{ token: 'a', logprob: 2 }] })).toBeNull();
    expect(parseTokenLogprobs({ tokens: ['a'], token_logprobs: [] })).toBeNull();
  });

  it('treats rounding noise above zero as certainty', () => {
    expect(parseTokenLogprobs({ content: [{ token: 'a', logprob: 1e-9 }] })?.[0]?.logprob).toBe(0);
  });
});
