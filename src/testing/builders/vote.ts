import { humanVote } from '../../core/human-vote.js';
import type { ConfidenceMethod, NewVote } from '../../core/types.js';
import { T0 } from './time.js';

/**
 * A vote certain of its label (`spam` unless given), free and instant, with the method its
 * source implies (`human:` → human, `llm:` → logprobs, anything else → local-model); an
 * abstention (`label: null`) has no distribution.
 * @example vote('a', 'llm:m#p', { label: 'ham', probabilities: { ham: 0.8, spam: 0.2 } })
 * Complexity: O(1).
 */
export function vote(itemId: string, source: string, over: Partial<NewVote> = {}): NewVote {
  const label = over.label === undefined ? 'spam' : over.label;
  return {
    itemId,
    source,
    label,
    probabilities: label === null ? null : { [label]: 1 },
    method: methodOf(source),
    otherMass: 0,
    verbalized: null,
    rationale: null,
    abstainReason: null,
    runId: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    latencyMs: 0,
    timeSpentMs: null,
    createdAt: T0,
    ...over,
  };
}

/**
 * A person's answer (source `human:<annotator>`): one-hot over `labels` when given, else
 * certain of `label`, as the annotation server stores it.
 * @example answer('a', 'ann1', 'spam', { labels: ['spam', 'ham'], timeSpentMs: 1200 })
 * Complexity: O(labels).
 */
export function answer(
  itemId: string,
  annotatorId: string,
  label: string,
  over: {
    readonly labels?: readonly string[];
    readonly timeSpentMs?: number | null;
    readonly createdAt?: string;
  } = {},
): NewVote {
  const labels = over.labels ?? [label];
  return humanVote({
    itemId,
    source: `human:${annotatorId}`,
    label,
    probabilities: Object.fromEntries(labels.map((l) => [l, l === label ? 1 : 0])),
    timeSpentMs: over.timeSpentMs ?? null,
    createdAt: over.createdAt ?? T0,
  });
}

function methodOf(source: string): ConfidenceMethod {
  if (source.startsWith('human:')) return 'human';
  if (source.startsWith('llm:')) return 'logprobs';
  return 'local-model';
}
