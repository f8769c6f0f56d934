import { humanVote, oneHot } from '../core/human-vote.js';
import type { Annotator, QueueEntry } from '../core/ports/people-store.js';
import type { Item, NewVote } from '../core/types.js';

// Rows the people store tests build: a pool item, an active annotator, a task queue entry and a
// person's vote, each overridable where tests need it.

const T0 = '2026-01-01T00:00:00.000Z';

export function item(id: string): Item {
  return { id, fields: { text: id }, role: 'pool', batch: null, goldLabel: null };
}

export function annotator(id: string): Annotator {
  return {
    id,
    name: `Name ${id}`,
    role: 'annotator',
    state: 'active',
    createdAt: T0,
    suspendedReason: null,
    flaggedReason: null,
    controlsSeen: 0,
    controlsCorrect: 0,
    discounted: false,
  };
}

export function entry(itemId: string, over: Partial<QueueEntry> = {}): QueueEntry {
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

export function vote(itemId: string, annotatorId: string, label = 'x'): NewVote {
  return humanVote({
    itemId,
    source: `human:${annotatorId}`,
    label,
    probabilities: oneHot(['x', 'y'], label),
    timeSpentMs: 1200,
    createdAt: T0,
  });
}
