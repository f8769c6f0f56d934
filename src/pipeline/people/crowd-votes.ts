import type { StoreWithPeople } from '../../core/ports/people-store.js';
import type { Vote } from '../../core/types.js';
import { voteMatrixBuilder } from '../../core/aggregation/build-vote-matrix.js';
import { toLongVote, voteFilter, withGold, type VoteInput } from '../votes/index.js';
import { fitCrowdPaused, type CrowdFitOptions, type CrowdSnapshot } from './crowd-snapshot.js';

/** Items whose votes one query reads. */
const PAGE = 500;

export interface PeopleVotesOptions {
  readonly store: StoreWithPeople;
  readonly labels: readonly string[];
  /** Awaited before each query, so a server keeps answering while the votes are read. */
  readonly pause?: () => Promise<void>;
}

/**
 * The votes of the people of the people store and, on the items they answered, of machine
 * labellers, read a person and then a page of 500 items at a time: people as hard votes,
 * machines as soft votes, control and exam items clamped to their trusted label, discounted
 * people left out. The cost follows the votes, not the size of the queue.
 * @example const input = await readPeopleVotes({ store, labels });
 * Complexity: one query per person and per 500 answered items; O(votes × K) to build the matrix.
 */
export async function readPeopleVotes(options: PeopleVotesOptions): Promise<VoteInput> {
  const { store, pause } = options;
  const filter = await voteFilter({ people: store.people });
  const gold = new Map<string, string>();
  for (const kind of ['control', 'exam'] as const) {
    for (const entry of await store.people.listQueue({ kind }))
      if (entry.goldLabel !== null) gold.set(entry.itemId, entry.goldLabel);
  }
  const builder = voteMatrixBuilder({ labels: options.labels });
  const votes: Vote[] = [];
  const take = (batch: readonly Vote[], machinesOnly: boolean): void => {
    const kept = batch.filter(
      (v) => (!machinesOnly || !v.source.startsWith('human:')) && filter.keep(v),
    );
    for (const vote of kept) votes.push(vote);
    builder.add(kept.map(toLongVote));
  };
  for (const person of await store.people.listAnnotators()) {
    if (pause) await pause();
    // `human:<id>` as humanSource writes it (people-context imports this module's model).
    take(await store.listVotes({ source: `human:${person.id}` }), false);
  }
  const ids = [...new Set(votes.map((v) => v.itemId))];
  for (let at = 0; at < ids.length; at += PAGE) {
    if (pause) await pause();
    take(await store.listVotes({ itemIds: ids.slice(at, at + PAGE) }), true);
  }
  if (pause) await pause();
  return withGold(builder.build(), votes, {
    labels: options.labels,
    gold: (id) => gold.get(id) ?? null,
    dropped: filter.dropped(),
  });
}

/**
 * The crowd of the people store: {@link readPeopleVotes} then the fit, pausing between pages
 * and sweeps when given `pause`.
 * @example const crowd = await readPeopleCrowd({ store, labels });
 * Complexity: reading people's votes plus the fit.
 */
export async function readPeopleCrowd(
  options: PeopleVotesOptions & CrowdFitOptions,
): Promise<CrowdSnapshot> {
  return fitCrowdPaused(await readPeopleVotes(options), options);
}
