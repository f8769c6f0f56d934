import { describe, expect, it } from 'vitest';
import { humanVote, oneHot } from './human-vote.js';

describe('humanVote', () => {
  it('is a person’s answer with no tokens, cost or latency', () => {
    expect(
      humanVote({
        itemId: 'a',
        source: 'human:ada',
        label: 'spam',
        probabilities: oneHot(['spam', 'ham'], 'spam'),
        timeSpentMs: 4100,
        rationale: 'review',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    ).toEqual({
      itemId: 'a',
      source: 'human:ada',
      label: 'spam',
      probabilities: { spam: 1, ham: 0 },
      method: 'human',
      otherMass: 0,
      verbalized: null,
      rationale: 'review',
      abstainReason: null,
      runId: null,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      latencyMs: 0,
      timeSpentMs: 4100,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('leaves what it was not told null', () => {
    const vote = humanVote({ itemId: 'a', source: 'human:x', label: 'b', createdAt: 't' });
    expect([vote.probabilities, vote.timeSpentMs, vote.rationale]).toEqual([null, null, null]);
  });
});
