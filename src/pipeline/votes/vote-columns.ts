import type { HumanVoteColumns } from '../../core/ports/vote-import-store.js';

/**
 * People's votes as read from a file, column by column: each row holds the number of its item
 * (items numbered as first seen) and its source and label strings, each distinct source kept
 * once. A million votes over 200,000 items and 1,000 people are three arrays and 201,000
 * strings, not a million records.
 * @example const columns = new VoteColumns(); columns.add('t1', 'ada', 'spam'); columns.select(now).sources // ['human:ada']
 * Complexity: O(1) amortised per vote.
 */
export class VoteColumns {
  /** Distinct item ids, in the order first seen. */
  readonly items: string[] = [];
  /** Per row: its item's index in `items`. */
  readonly itemOf: number[] = [];
  readonly sources: string[] = [];
  readonly labels: string[] = [];
  readonly #itemNumbers = new Map<string, number>();
  /** `human:<worker>` by worker, so the prefix is added once per person. */
  readonly #sources = new Map<string, string>();

  get length(): number {
    return this.itemOf.length;
  }

  /** How many different people voted. */
  get annotators(): number {
    return this.#sources.size;
  }

  add(itemId: string, worker: string, label: string): void {
    let item = this.#itemNumbers.get(itemId);
    if (item === undefined) {
      item = this.items.length;
      this.items.push(itemId);
      this.#itemNumbers.set(itemId, item);
    }
    this.itemOf.push(item);
    let source = this.#sources.get(worker);
    if (source === undefined) {
      source = `human:${worker}`;
      this.#sources.set(worker, source);
    }
    this.sources.push(source);
    this.labels.push(label);
  }

  /**
   * The rows `keep` accepts (all without it; called once per row, in file order) as votes to
   * store, grouped by item in id order and in file order within an item, so one person's repeated
   * answers on an item keep their order. Stored that way, the votes of an item sit together
   * and the store's index by item grows at its end instead of at random places.
   * @example columns.select(createdAt, (row) => !already(row))
   * Complexity: O(rows + items log items): a counting sort by item.
   */
  select(createdAt: string, keep?: (row: number) => boolean): HumanVoteColumns {
    const rank = ranksInIdOrder(this.items);
    const starts = new Int32Array(this.items.length + 1);
    const kept = new Uint8Array(this.length);
    for (let row = 0; row < this.length; row += 1) {
      if (keep !== undefined && !keep(row)) continue;
      kept[row] = 1;
      const next = (rank[this.itemOf[row] as number] as number) + 1;
      starts[next] = (starts[next] as number) + 1;
    }
    for (let r = 1; r < starts.length; r += 1)
      starts[r] = (starts[r] as number) + (starts[r - 1] as number);
    const total = starts[this.items.length] as number;
    const itemIds = new Array<string>(total);
    const sources = new Array<string>(total);
    const labels = new Array<string>(total);
    for (let row = 0; row < this.length; row += 1) {
      if (kept[row] === 0) continue;
      const item = this.itemOf[row] as number;
      const slot = rank[item] as number;
      const at = starts[slot] as number;
      starts[slot] = at + 1;
      itemIds[at] = this.items[item] as string;
      sources[at] = this.sources[row] as string;
      labels[at] = this.labels[row] as string;
    }
    return { itemIds, sources, labels, createdAt };
  }
}

/** Each item's place in id order (code unit order; only locality depends on it). */
function ranksInIdOrder(items: readonly string[]): Int32Array {
  const order = Array.from(items.keys()).sort((a, b) => {
    const x = items[a] as string;
    const y = items[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(items.length);
  for (let r = 0; r < order.length; r += 1) rank[order[r] as number] = r;
  return rank;
}
