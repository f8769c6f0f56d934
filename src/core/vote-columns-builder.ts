import type { ItemTruth, VoteColumns } from './ports/vote-columns.js';
import type { Distribution } from './types.js';

/**
 * Collects votes row by row into {@link VoteColumns}, coding items, sources and labels in order
 * of first appearance; every store builds its `readVoteColumns` answer with it.
 * @example
 * const columns = voteColumnsBuilder();
 * columns.add(1, 'q1', 'human:ada', 'spam', null);
 * columns.build(new Map([['q1', { role: 'gold', goldLabel: 'spam' }]]));
 */
export interface VoteColumnsBuilder {
  /** Adds one labelled vote; call in vote id order. O(1) amortised. */
  add(id: number, itemId: string, source: string, label: string, soft: Distribution | null): void;
  /** Whether an item id was met among the votes. */
  has(itemId: string): boolean;
  /** The columns, with the trusted labels of the items met (others in `truth` are left out). */
  build(truth: ReadonlyMap<string, ItemTruth>): VoteColumns;
}

/**
 * A new {@link VoteColumnsBuilder}.
 * @example const b = voteColumnsBuilder(); for (const r of rows) b.add(r.id, r.item, r.source, r.label, null);
 * Complexity: O(votes) time with one hash lookup per name, O(votes) memory in typed arrays.
 */
export function voteColumnsBuilder(): VoteColumnsBuilder {
  let capacity = 1024;
  let ids = new Float64Array(capacity);
  let item = new Int32Array(capacity);
  let source = new Int32Array(capacity);
  let label = new Int32Array(capacity);
  let count = 0;
  const items = coder();
  const sources = coder();
  const labels = coder();
  const machineProbabilities = new Map<number, Distribution>();
  const grow = (): void => {
    capacity *= 2;
    ids = grown(ids, new Float64Array(capacity));
    item = grown(item, new Int32Array(capacity));
    source = grown(source, new Int32Array(capacity));
    label = grown(label, new Int32Array(capacity));
  };
  return {
    add(id, itemId, voteSource, voteLabel, soft) {
      if (count === capacity) grow();
      ids[count] = id;
      item[count] = items.code(itemId);
      source[count] = sources.code(voteSource);
      label[count] = labels.code(voteLabel);
      if (soft !== null && !voteSource.startsWith('human:')) machineProbabilities.set(count, soft);
      count++;
    },
    has: (itemId) => items.has(itemId),
    build(truth) {
      const met = new Map<string, ItemTruth>();
      for (const [id, t] of truth) if (items.has(id)) met.set(id, t);
      return {
        count,
        ids: ids.slice(0, count),
        item: item.slice(0, count),
        source: source.slice(0, count),
        label: label.slice(0, count),
        items: items.names,
        sources: sources.names,
        labels: labels.names,
        truth: met,
        machineProbabilities,
      };
    },
  };
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function coder(): {
  readonly names: string[];
  code(name: string): number;
  has(name: string): boolean;
} {
  const index = new Map<string, number>();
  const names: string[] = [];
  return {
    names,
    has: (name) => index.has(name),
    code(name) {
      let i = index.get(name);
      if (i === undefined) {
        i = names.length;
        index.set(name, i);
        names.push(name);
      }
      return i;
    },
  };
}
