import {
  findNearDuplicates,
  jaccard,
  normalizeForDedup,
  shingleSet,
  type Banding,
  type NearDuplicateOptions,
} from '../../core/near-duplicates/index.js';
import type { DuplicateMark } from '../../core/ports/duplicate-store.js';
import type { Progress, Store } from '../../core/ports/index.js';
import type { Item, ItemRole } from '../../core/types.js';
import { itemText } from '../items/index.js';

export interface FindDuplicatesOptions {
  readonly store: Pick<Store, 'listItems' | 'itemsByImport'>;
  /** The project's fields: an item's text is these, one per line (`itemText`). */
  readonly fields: readonly string[];
  readonly settings: Omit<NearDuplicateOptions, 'nearMissMargin'>;
  readonly progress?: Progress;
}

/** One item of a cluster, with its similarity to the cluster's representative. */
export interface ClusterMember {
  readonly id: string;
  readonly role: ItemRole;
  /** Jaccard similarity of its shingles to the representative's (1 for the representative). */
  readonly similarity: number;
  readonly text: string;
}

/** Items that are duplicates of one another, transitively; the representative first. */
export interface DuplicateCluster {
  /** The item the others' labels come from; null when every member is a test item. */
  readonly representative: string | null;
  readonly members: readonly ClusterMember[];
}

/** Two items and the Jaccard similarity of their shingles. */
export interface ItemPair {
  readonly first: string;
  readonly second: string;
  readonly similarity: number;
}

/** A test item that duplicates an item outside the test set: the measure would be inflated. */
export interface Leak {
  readonly testId: string;
  readonly otherId: string;
  readonly otherRole: ItemRole;
  readonly similarity: number;
}

export interface DuplicatesFound {
  readonly items: number;
  /** Clusters of two or more items, largest first. */
  readonly clusters: readonly DuplicateCluster[];
  /** Pairs equal once normalised (each member with the first of its group). */
  readonly exactPairs: number;
  /** Verified pairs at or above the threshold (not counting exact ones). */
  readonly nearPairs: number;
  /** Verified pairs closest to the threshold on either side: what moving it would change. */
  readonly nearThreshold: {
    readonly above: readonly ItemPair[];
    readonly below: readonly ItemPair[];
  };
  /** What `--apply` stores: every pool item of a cluster but its representative. */
  readonly marks: readonly DuplicateMark[];
  readonly leaks: readonly Leak[];
  readonly banding: Banding;
  readonly candidates: number;
}

/** Items read per page. */
const PAGE = 5000;
/** Pairs shown on each side of the threshold. */
const NEAR_THRESHOLD_PAIRS = 10;
/** Who may lend its label to a cluster, best first; test items never do. */
const REPRESENTATIVE_RANK: Readonly<Record<ItemRole, number>> = {
  gold: 0,
  control: 1,
  pool: 2,
  test: Number.POSITIVE_INFINITY,
};

/**
 * Finds exact and near duplicates among all items (`findNearDuplicates` over each item's text),
 * groups them in clusters and picks each cluster's representative: a gold item if there is one,
 * else a control item, else the pool item imported first (one import's items in id order). Only pool items are marked as
 * duplicates; gold, control and test items keep their own labels. A test item is never a
 * representative nor marked: each pair of a test item and another item of its cluster is a leak,
 * reported, so a held-out measure is never silently taken on copies of labelled items.
 * @example const found = await findDuplicates({ store, fields: ['text'], settings: PROJECT_DEFAULTS.dedup })
 * Complexity: O(items) reads plus `findNearDuplicates`; memory O(items × text length).
 */
export async function findDuplicates(options: FindDuplicatesOptions): Promise<DuplicatesFound> {
  const { settings, progress } = options;
  const items = await readAll(options.store, progress);
  const texts = items.map((item) => itemText(item, options.fields));
  const found = findNearDuplicates(texts, { ...settings, nearMissMargin: 0.1 });
  const groups = new Map<number, number[]>();
  found.clusterOf.forEach((cluster, index) => {
    const members = groups.get(cluster);
    if (members === undefined) groups.set(cluster, [index]);
    else members.push(index);
  });
  const shingles = (index: number): Uint32Array =>
    shingleSet(normalizeForDedup(texts[index] as string), settings.shingle, settings.unit);
  const clustered = [...groups.values()].filter((members) => members.length > 1);
  const imported = await importOrder(options.store, items, clustered);
  const clusters: DuplicateCluster[] = [];
  const marks: DuplicateMark[] = [];
  const leaks: Leak[] = [];
  for (const members of clustered) {
    const ranked = [...members].sort(
      (a, b) =>
        rankOf(items, a) - rankOf(items, b) ||
        (imported.get(a) as number) - (imported.get(b) as number),
    );
    const lead = ranked[0] as number;
    const hasRepresentative = (items[lead] as Item).role !== 'test';
    const leadShingles = shingles(lead);
    const cluster: ClusterMember[] = ranked.map((index) => {
      const item = items[index] as Item;
      const similarity = index === lead ? 1 : round(jaccard(leadShingles, shingles(index)));
      return { id: item.id, role: item.role, similarity, text: texts[index] as string };
    });
    clusters.push({
      representative: hasRepresentative ? (cluster[0]?.id ?? null) : null,
      members: cluster,
    });
    leaks.push(...leaksOf(cluster, shingles, ranked));
    if (!hasRepresentative) continue;
    for (const member of cluster.slice(1)) {
      if (member.role === 'pool') {
        marks.push({
          itemId: member.id,
          duplicateOf: cluster[0]?.id as string,
          similarity: member.similarity,
        });
      }
    }
  }
  clusters.sort((a, b) => b.members.length - a.members.length || compare(a, b));
  const pair = (p: { first: number; second: number; similarity: number }): ItemPair => ({
    first: (items[p.first] as Item).id,
    second: (items[p.second] as Item).id,
    similarity: round(p.similarity),
  });
  return {
    items: items.length,
    clusters,
    exactPairs: found.exactPairs,
    nearPairs: found.nearPairs.length,
    nearThreshold: {
      above: [...found.nearPairs]
        .sort((a, b) => a.similarity - b.similarity)
        .slice(0, NEAR_THRESHOLD_PAIRS)
        .map(pair),
      below: [...found.nearMisses]
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, NEAR_THRESHOLD_PAIRS)
        .map(pair),
    },
    marks,
    leaks,
    banding: found.banding,
    candidates: found.candidates,
  };
}

/**
 * Each clustered item's place in import order (`itemsByImport`), by index; places compare only
 * within a cluster, so the ids are asked for in batches of whole clusters.
 */
async function importOrder(
  store: Pick<Store, 'itemsByImport'>,
  items: readonly Item[],
  clusters: readonly (readonly number[])[],
): Promise<Map<number, number>> {
  const order = new Map<number, number>();
  let batch: number[] = [];
  const flush = async (): Promise<void> => {
    const indexOf = new Map(batch.map((index) => [(items[index] as Item).id, index]));
    for (const id of await store.itemsByImport([...indexOf.keys()])) {
      order.set(indexOf.get(id) as number, order.size);
    }
    batch = [];
  };
  for (const members of clusters) {
    batch.push(...members);
    if (batch.length >= PAGE) await flush();
  }
  if (batch.length > 0) await flush();
  return order;
}

function rankOf(items: readonly Item[], index: number): number {
  return REPRESENTATIVE_RANK[(items[index] as Item).role];
}

/** Every (test item, other item) pair of a cluster, with their similarity. */
function leaksOf(
  cluster: readonly ClusterMember[],
  shingles: (index: number) => Uint32Array,
  indexes: readonly number[],
): Leak[] {
  const tests = cluster.flatMap((member, i) => (member.role === 'test' ? [i] : []));
  if (tests.length === 0 || tests.length === cluster.length) return [];
  const leaks: Leak[] = [];
  for (const t of tests) {
    const testShingles = shingles(indexes[t] as number);
    cluster.forEach((other, i) => {
      if (other.role === 'test') return;
      const similarity = round(jaccard(testShingles, shingles(indexes[i] as number)));
      leaks.push({
        testId: (cluster[t] as ClusterMember).id,
        otherId: other.id,
        otherRole: other.role,
        similarity,
      });
    });
  }
  return leaks;
}

async function readAll(store: Pick<Store, 'listItems'>, progress?: Progress): Promise<Item[]> {
  const items: Item[] = [];
  progress?.start('reading items', 0);
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listItems(
      afterId === undefined ? { limit: PAGE } : { afterId, limit: PAGE },
    );
    items.push(...page);
    progress?.update(items.length);
    if (page.length < PAGE) break;
    afterId = page.at(-1)?.id;
  }
  progress?.finish(`read ${items.length} items`);
  return items;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function compare(a: DuplicateCluster, b: DuplicateCluster): number {
  const x = a.members[0]?.id ?? '';
  const y = b.members[0]?.id ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
