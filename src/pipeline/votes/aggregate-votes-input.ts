import {
  voteMatrixBuilder,
  type BuiltVoteMatrix,
  type LongVote,
} from '../../core/aggregation/build-vote-matrix.js';
import type { PeopleStore } from '../../core/ports/people-store.js';
import type { Store } from '../../core/ports/store.js';
import type { Item, Vote } from '../../core/types.js';

export interface VoteInputOptions {
  readonly store: Store;
  readonly labels: readonly string[];
  /** Machine votes (llm:, model:) enter as annotators with soft votes; default true. */
  readonly includeMachines?: boolean;
  /** Where discounted people are looked up; without it nobody is discounted. */
  readonly people?: Pick<PeopleStore, 'listAnnotators'>;
  /** Keep the votes of people whose votes a rule discounted; default false (they are dropped). */
  readonly keepDiscounted?: boolean;
}

/** Votes as a vote matrix, with gold and what was left out. */
export interface VoteInput {
  readonly built: BuiltVoteMatrix;
  /** The votes in the matrix, in its input order. */
  readonly votes: readonly Vote[];
  /** Per matrix item: the class of a gold or control item, else -1. */
  readonly gold: Int32Array;
  /** Votes of discounted people left out, and whose (`human:<id>` sources). */
  readonly dropped: { readonly votes: number; readonly sources: readonly string[] };
}

/**
 * Reads every vote of the project and builds the vote matrix aggregation runs on: people as hard
 * votes, machine labellers as soft votes (their own annotators), abstentions left out, gold and
 * control items clamped to their trusted label, and the votes of discounted people dropped
 * unless `keepDiscounted`.
 * @example const { built, gold, dropped } = await readVoteInput({ store, labels, people: store.people });
 * Complexity: O(votes × K) plus reading the votes and their items.
 */
export async function readVoteInput(
  options: VoteInputOptions,
): Promise<VoteInput & { readonly items: ReadonlyMap<string, Item> }> {
  const { store, labels } = options;
  const filter = await voteFilter(options);
  const votes = (await store.listVotes({})).filter(filter.keep);
  const items = await itemsById(store, [...new Set(votes.map((v) => v.itemId))]);
  const trusted = (id: string): string | null => {
    const item = items.get(id);
    return item && (item.role === 'gold' || item.role === 'control') ? item.goldLabel : null;
  };
  return { ...voteInput(votes, { labels, gold: trusted, dropped: filter.dropped() }), items };
}

/** Which votes aggregation keeps, counting those of discounted people it drops. */
export interface VoteFilter {
  readonly keep: (vote: Vote) => boolean;
  readonly dropped: () => VoteInput['dropped'];
}

/**
 * The vote filter of {@link readVoteInput}: no abstentions, machines unless left out, and no
 * discounted people unless kept (looked up once, here).
 * @example const filter = await voteFilter({ people: store.people }); votes.filter(filter.keep);
 * Complexity: reads the annotators once; O(1) a vote.
 */
export async function voteFilter(
  options: Pick<VoteInputOptions, 'includeMachines' | 'people' | 'keepDiscounted'>,
): Promise<VoteFilter> {
  const includeMachines = options.includeMachines ?? true;
  const discounted = await discountedSources(options);
  let votes = 0;
  const sources = new Set<string>();
  return {
    keep: (v) => {
      if (v.label === null || (!includeMachines && !v.source.startsWith('human:'))) return false;
      if (!discounted.has(v.source)) return true;
      votes++;
      sources.add(v.source);
      return false;
    },
    dropped: () => ({ votes, sources: [...sources].sort() }),
  };
}

/**
 * The `human:<id>` sources of people a rule discounted, whose votes aggregation drops; none when
 * there is no people store or `keepDiscounted`.
 * @example const dropped = await discountedSources({ people: store.people });
 * Complexity: reads the annotators once.
 */
export async function discountedSources(
  options: Pick<VoteInputOptions, 'people' | 'keepDiscounted'>,
): Promise<Set<string>> {
  const discounted = new Set<string>();
  if (options.people && options.keepDiscounted !== true) {
    for (const a of await options.people.listAnnotators())
      if (a.discounted) discounted.add(`human:${a.id}`);
  }
  return discounted;
}

/** Where gold comes from and what was dropped, for {@link voteInput}. */
export interface VoteInputParts {
  readonly labels: readonly string[];
  /** The trusted label of an item, or null. */
  readonly gold: (itemId: string) => string | null;
  readonly dropped: VoteInput['dropped'];
}

/**
 * Builds the vote matrix of kept votes, with gold from `gold(itemId)`.
 * @example voteInput(votes, { labels, gold: (id) => goldOf.get(id) ?? null, dropped });
 * Complexity: O(votes × K).
 */
export function voteInput(votes: readonly Vote[], parts: VoteInputParts): VoteInput {
  const builder = voteMatrixBuilder({ labels: parts.labels });
  builder.add(votes.map(toLongVote));
  return withGold(builder.build(), votes, parts);
}

/**
 * A built matrix with its gold array (the trusted label of each of its items, else -1).
 * @example withGold(builder.build(), votes, { labels, gold, dropped });
 * Complexity: O(items).
 */
export function withGold(
  built: BuiltVoteMatrix,
  votes: readonly Vote[],
  parts: VoteInputParts,
): VoteInput {
  const gold = new Int32Array(built.items.length).fill(-1);
  built.items.forEach((id, i) => {
    const label = parts.gold(id);
    if (label !== null) gold[i] = built.labelIndex.get(label) ?? -1;
  });
  return { built, votes, gold, dropped: parts.dropped };
}

/** A stored vote as aggregation reads it: machines soft, people hard. */
export function toLongVote(vote: Vote): LongVote {
  const machine = !vote.source.startsWith('human:');
  return machine && vote.probabilities
    ? { item: vote.itemId, annotator: vote.source, probabilities: vote.probabilities }
    : { item: vote.itemId, annotator: vote.source, label: vote.label };
}

/**
 * The items with the given ids, read in pages.
 * @example const items = await itemsById(store, ['q1', 'q2']);
 * Complexity: O(ids).
 */
export async function itemsById(
  store: Pick<Store, 'listItems'>,
  ids: readonly string[],
): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  for (let i = 0; i < ids.length; i += 2000) {
    for (const item of await store.listItems({ ids: ids.slice(i, i + 2000) }))
      out.set(item.id, item);
  }
  return out;
}
