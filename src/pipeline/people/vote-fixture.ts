import type { Annotator } from '../../core/ports/people-store.js';
import type { NewVote } from '../../core/types.js';

/**
 * A stored-vote body for tests: people give one-hot probabilities and time spent, machines
 * `confidence` on `label` and the rest on `other`.
 * @example voteFixture('i1', 'human:ann', 'spam', { other: 'ham' })
 * Complexity: O(1).
 */
export function voteFixture(
  itemId: string,
  source: string,
  label: string,
  spread: { readonly other: string; readonly confidence?: number },
): NewVote {
  const human = source.startsWith('human:');
  const confidence = spread.confidence ?? 1;
  return {
    itemId,
    source,
    label,
    probabilities: { [label]: confidence, [spread.other]: 1 - confidence },
    method: human ? 'human' : 'local-model',
    otherMass: 0,
    verbalized: null,
    rationale: null,
    abstainReason: null,
    runId: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    latencyMs: 0,
    timeSpentMs: human ? 5000 : null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * An active annotator with no controls yet, for tests.
 * @example annotatorFixture('ann', { discounted: true })
 * Complexity: O(1).
 */
export function annotatorFixture(id: string, over: Partial<Annotator> = {}): Annotator {
  return {
    id,
    name: id,
    role: 'annotator',
    state: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    suspendedReason: null,
    flaggedReason: null,
    controlsSeen: 0,
    controlsCorrect: 0,
    discounted: false,
    ...over,
  };
}
