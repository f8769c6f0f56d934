import { humanVote } from '../../core/human-vote.js';
import type { VoteQuery } from '../../core/ports/store.js';
import type { HumanVoteColumns, VoteTally } from '../../core/ports/vote-import-store.js';
import type { Item, NewVote, Vote } from '../../core/types.js';

/**
 * Whether a stored vote is one a query selects (all filters ANDed), as the SQL stores read it.
 * @example votes.filter(voteMatcher({ sourcePrefix: 'human:' }))
 * Complexity: O(|itemIds|) to build, O(1) per vote.
 */
export function voteMatcher(query: VoteQuery): (vote: Vote) => boolean {
  const itemIds = query.itemIds === undefined ? undefined : new Set(query.itemIds);
  return (vote) =>
    (itemIds === undefined || itemIds.has(vote.itemId)) &&
    (query.source === undefined || vote.source === query.source) &&
    (query.sourcePrefix === undefined || vote.source.startsWith(query.sourcePrefix)) &&
    (query.runId === undefined || vote.runId === query.runId);
}

/**
 * The `VoteImportStore` methods of the memory store over its items and votes; `insert` is the
 * store's all-or-nothing vote insert (CONFLICT for an item not stored).
 * @example const imports = memoryVoteImport({ items: () => state.items, votes: () => state.votes, insert })
 * Complexity: O(ids) to add items, O(votes) to tally or add votes.
 */
export function memoryVoteImport(state: {
  readonly items: () => Map<string, Item>;
  readonly votes: () => readonly Vote[];
  readonly insert: (votes: readonly NewVote[]) => void;
}): {
  addMissingItems(ids: readonly string[]): string[];
  tally(query: VoteQuery): VoteTally[];
  addHuman(votes: HumanVoteColumns): number;
} {
  return {
    addMissingItems(ids) {
      const items = state.items();
      const created: string[] = [];
      for (const id of new Set(ids)) {
        if (items.has(id)) continue;
        items.set(id, { id, fields: {}, role: 'pool', batch: null, goldLabel: null });
        created.push(id);
      }
      return created;
    },
    tally(query) {
      const counts = new Map<string, VoteTally>();
      for (const vote of state.votes().filter(voteMatcher(query))) {
        const key = JSON.stringify([vote.itemId, vote.source, vote.label]);
        const { itemId, source, label } = vote;
        counts.set(key, { itemId, source, label, votes: (counts.get(key)?.votes ?? 0) + 1 });
      }
      return [...counts.values()];
    },
    addHuman({ itemIds, sources, labels, createdAt }) {
      if (sources.length !== itemIds.length || labels.length !== itemIds.length)
        throw new RangeError('human vote columns differ in length');
      state.insert(
        itemIds.map((itemId, i) =>
          humanVote({
            itemId,
            source: sources[i] as string,
            label: labels[i] as string,
            createdAt,
          }),
        ),
      );
      return itemIds.length;
    },
  };
}
