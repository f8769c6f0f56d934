import type { Clock, Store } from '../../core/ports/index.js';
import type { Decision, Item } from '../../core/types.js';
import { canReplaceDecision } from '../items/index.js';

export interface ShareDecisionsOptions {
  readonly store: Pick<Store, 'listDuplicates' | 'listDecisions' | 'listItems' | 'putDecisions'>;
  readonly clock: Clock;
}

/** Ids per read. */
const CHUNK = 1000;

/**
 * Gives every item marked as a duplicate its representative's decision: the representative's
 * expert label when it has one (a gold or control item: `decidedBy` gold, confidence 1), else its
 * current decision (label, probabilities, who decided, zone), with no votes of its own. A
 * duplicate's own decision that outranks the shared one (a reviewer's, an expert check's) stays,
 * and one already equal is not rewritten. Run after every step that writes decisions (label,
 * route, aggregate) and by `hilo dedup --apply`.
 * @example const shared = await shareDuplicateDecisions({ store, clock }) // 120
 * Complexity: O(marks) reads and one write.
 */
export async function shareDuplicateDecisions(options: ShareDecisionsOptions): Promise<number> {
  const { store, clock } = options;
  const marks = await store.listDuplicates();
  if (marks.length === 0) return 0;
  const representatives = [...new Set(marks.map((mark) => mark.duplicateOf))];
  const lent = new Map<string, Decision>();
  const now = new Date(clock.now()).toISOString();
  for (let start = 0; start < representatives.length; start += CHUNK) {
    const ids = representatives.slice(start, start + CHUNK);
    const decisions = await store.listDecisions({ itemIds: ids });
    for (const decision of decisions) lent.set(decision.itemId, decision);
    for (const item of await store.listItems({ ids })) {
      if (item.goldLabel !== null) lent.set(item.id, expertDecision(item, now));
    }
  }
  const writes: Decision[] = [];
  for (let start = 0; start < marks.length; start += CHUNK) {
    const chunk = marks.slice(start, start + CHUNK);
    const own = new Map(
      (await store.listDecisions({ itemIds: chunk.map((m) => m.itemId) })).map((d) => [
        d.itemId,
        d,
      ]),
    );
    for (const mark of chunk) {
      const source = lent.get(mark.duplicateOf);
      if (source === undefined) continue;
      const existing = own.get(mark.itemId);
      if (!canReplaceDecision(existing, source.decidedBy) || sameOutcome(existing, source))
        continue;
      writes.push({ ...source, itemId: mark.itemId, voteIds: [], updatedAt: now });
    }
  }
  await store.putDecisions(writes);
  return writes.length;
}

function expertDecision(item: Item, now: string): Decision {
  return {
    itemId: item.id,
    label: item.goldLabel,
    confidence: 1,
    probabilities: null,
    decidedBy: 'gold',
    source: 'gold',
    voteIds: [],
    zone: null,
    updatedAt: now,
  };
}

function sameOutcome(existing: Decision | undefined, shared: Decision): boolean {
  return (
    existing !== undefined &&
    existing.label === shared.label &&
    existing.decidedBy === shared.decidedBy &&
    existing.source === shared.source &&
    existing.zone === shared.zone &&
    existing.confidence === shared.confidence &&
    JSON.stringify(existing.probabilities) === JSON.stringify(shared.probabilities)
  );
}
