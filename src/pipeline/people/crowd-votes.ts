import type { StoreWithPeople } from '../../core/ports/people-store.js';
import type { Vote } from '../../core/types.js';
import { voteFilter, voteInput, type VoteInput } from '../aggregate-votes-input.js';
import { fitCrowdPaused, type CrowdFitOptions, type CrowdSnapshot } from './crowd-snapshot.js';

/** Items whose votes one query reads. */
const PAGE = 500;

export interface QueueVotesOptions {
  readonly store: StoreWithPeople;
  readonly labels: readonly string[];
  /** Awaited between pages, so a server keeps answering while the votes are read. */
  readonly pause?: () => Promise<void>;
}

/**
 * The votes on the items people are asked about (tasks, controls, exam), read a page of items
 * at a time: people as hard votes, machine labellers as soft votes, control and exam items
 * clamped to their trusted label, discounted people left out. Items outside the people queue
 * tell nothing about people, so they are not read.
 * @example const input = await readQueueVotes({ store, labels });
 * Complexity: the queue, then one query per 500 items; O(votes × K) to build the matrix.
 */
export async function readQueueVotes(options: QueueVotesOptions): Promise<VoteInput> {
  const { store, pause } = options;
  const filter = await voteFilter({ people: store.people });
  const gold = new Map<string, string>();
  const ids: string[] = [];
  for (const entry of await store.people.listQueue({})) {
    ids.push(entry.itemId);
    if (entry.kind !== 'task' && entry.goldLabel !== null) gold.set(entry.itemId, entry.goldLabel);
  }
  const votes: Vote[] = [];
  for (let at = 0; at < ids.length; at += PAGE) {
    if (pause) await pause();
    for (const vote of await store.listVotes({ itemIds: ids.slice(at, at + PAGE) }))
      if (filter.keep(vote)) votes.push(vote);
  }
  return voteInput(votes, {
    labels: options.labels,
    gold: (id) => gold.get(id) ?? null,
    dropped: filter.dropped(),
  });
}

/**
 * The crowd of the people queue: {@link readQueueVotes} then the fit, pausing between pages
 * and sweeps when given `pause`.
 * @example const crowd = await readQueueCrowd({ store, labels });
 * Complexity: reading the queue's votes plus the fit.
 */
export async function readQueueCrowd(
  options: QueueVotesOptions & CrowdFitOptions,
): Promise<CrowdSnapshot> {
  return fitCrowdPaused(await readQueueVotes(options), options);
}
