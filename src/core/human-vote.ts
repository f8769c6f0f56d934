import type { NewVote } from './types.js';

/** What differs between one person's answers: the rest of a person's vote is fixed. */
export interface HumanAnswer {
  readonly itemId: string;
  /** `human:<annotator>`. */
  readonly source: string;
  readonly label: string;
  readonly createdAt: string;
  /** One-hot over the label set when known (see {@link oneHot}); null when it is not. */
  readonly probabilities?: Readonly<Record<string, number>> | null;
  readonly timeSpentMs?: number | null;
  /** The time the person's browser reported, kept as the vote's latencyMs (a hint). */
  readonly clientMs?: number;
  readonly rationale?: string | null;
}

/**
 * A person's answer as a vote: no tokens, cost or latency, no other mass.
 * @example humanVote({ itemId: 'a', source: 'human:ada', label: 'spam', createdAt: now })
 * Complexity: O(1).
 */
export function humanVote(answer: HumanAnswer): NewVote {
  return {
    itemId: answer.itemId,
    source: answer.source,
    label: answer.label,
    probabilities: answer.probabilities ?? null,
    method: 'human',
    otherMass: 0,
    verbalized: null,
    rationale: answer.rationale ?? null,
    abstainReason: null,
    runId: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    latencyMs: answer.clientMs ?? 0,
    timeSpentMs: answer.timeSpentMs ?? null,
    createdAt: answer.createdAt,
  };
}

/**
 * Certainty on one label: 1 for it, 0 for every other label of the set.
 * @example oneHot(['spam', 'ham'], 'spam') // { spam: 1, ham: 0 }
 * Complexity: O(labels).
 */
export function oneHot(labels: readonly string[], label: string): Record<string, number> {
  const probabilities: Record<string, number> = {};
  for (const l of labels) probabilities[l] = l === label ? 1 : 0;
  return probabilities;
}
