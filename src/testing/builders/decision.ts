import type { Decision } from '../../core/types.js';
import { T0 } from './time.js';

/**
 * An item's decision: `spam` at 0.9, taken automatically from an LLM's votes, accepted.
 * @example decision('a', { label: 'ham', decidedBy: 'human', source: 'human:ann' })
 * Complexity: O(1).
 */
export function decision(itemId: string, over: Partial<Decision> = {}): Decision {
  return {
    itemId,
    label: 'spam',
    confidence: 0.9,
    probabilities: { spam: 0.9, ham: 0.1 },
    decidedBy: 'auto',
    source: 'llm:m#p',
    voteIds: [],
    zone: 'accept',
    updatedAt: T0,
    ...over,
  };
}
