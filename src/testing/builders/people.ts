import type { Annotator, QueueEntry } from '../../core/ports/people-store.js';
import { T0 } from './time.js';

/**
 * An active annotator, named by their id, with no controls yet.
 * @example annotator('ann1', { state: 'suspended', suspendedReason: 'too fast' })
 * Complexity: O(1).
 */
export function annotator(id: string, over: Partial<Annotator> = {}): Annotator {
  return {
    id,
    name: id,
    role: 'annotator',
    state: 'active',
    createdAt: T0,
    suspendedReason: null,
    flaggedReason: null,
    controlsSeen: 0,
    controlsCorrect: 0,
    discounted: false,
    rulesSince: null,
    ...over,
  };
}

/**
 * A task in the human zone for one person, at priority 0.
 * @example queueEntry('a', { kind: 'control', goldLabel: 'spam', overlap: 100 })
 * Complexity: O(1).
 */
export function queueEntry(itemId: string, over: Partial<QueueEntry> = {}): QueueEntry {
  return {
    itemId,
    kind: 'task',
    zone: 'human',
    priority: 0,
    overlap: 1,
    goldLabel: null,
    reviewReason: null,
    ...over,
  };
}
