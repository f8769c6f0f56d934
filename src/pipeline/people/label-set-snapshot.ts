import {
  fitLabelSetCrowd,
  labelSetPosterior,
  type LabelSetFit,
  type LabelSetRates,
} from '../../core/people-kinds/index.js';
import type { StoreWithPeople } from '../../core/ports/people-store.js';
import { labelSetIndices } from '../../core/task-kind/index.js';
import type { Vote } from '../../core/types.js';
import { voteFilter } from '../votes/index.js';
import { DEFAULT_MIN_VOTES } from './crowd-snapshot.js';

/** Items whose votes one query reads. */
const PAGE = 500;

/**
 * A multi-label project's crowd, fitted: each person's and machine's sensitivity and specificity
 * over the yes/no questions "does label l apply to item i", and each label's prevalence.
 */
export interface LabelSetSnapshot {
  readonly labels: readonly string[];
  readonly fit: LabelSetFit;
  /** Source → its index in `fit.rates`. */
  readonly index: ReadonlyMap<string, number>;
  /** Sources with fewer votes are read with the people's pooled rates. */
  readonly minVotes: number;
  /** Votes the fit saw. */
  readonly votes: number;
}

export interface LabelSetCrowdOptions {
  readonly store: StoreWithPeople;
  readonly labels: readonly string[];
  readonly minVotes?: number;
  /** Fit discounted people too (the dashboard shows why they were discounted). */
  readonly keepDiscounted?: boolean;
  /** Awaited before each query, so a server keeps answering while the votes are read. */
  readonly pause?: () => Promise<void>;
}

/**
 * Reads the people's multi-label answers and, on the items they answered, the machine
 * labellers' per-label probabilities (soft answers), control and exam items clamped to their
 * trusted sets, discounted people left out, and fits `fitLabelSetCrowd`.
 * @example const crowd = await readLabelSetCrowd({ store, labels });
 * Complexity: one query per person and per 500 answered items, then O(sweeps × votes × L).
 */
export async function readLabelSetCrowd(options: LabelSetCrowdOptions): Promise<LabelSetSnapshot> {
  const { store, labels, pause } = options;
  const L = labels.length;
  const filter = await voteFilter({
    people: store.people,
    ...(options.keepDiscounted === true ? { keepDiscounted: true } : {}),
  });
  const votes: { vote: Vote; yes: Float64Array }[] = [];
  const take = (batch: readonly Vote[], machinesOnly: boolean): void => {
    for (const vote of batch) {
      if (machinesOnly && vote.source.startsWith('human:')) continue;
      if (!filter.keep(vote)) continue;
      const yes = yesRow(vote, labels);
      if (yes !== null) votes.push({ vote, yes });
    }
  };
  for (const person of await store.people.listAnnotators()) {
    if (pause) await pause();
    take(await store.listVotes({ source: `human:${person.id}` }), false);
  }
  const ids = [...new Set(votes.map((v) => v.vote.itemId))];
  for (let at = 0; at < ids.length; at += PAGE) {
    if (pause) await pause();
    take(await store.listVotes({ itemIds: ids.slice(at, at + PAGE) }), true);
  }
  const items = new Map(ids.map((id, i) => [id, i]));
  const index = new Map<string, number>();
  const newest = newestBySource(votes.map((v) => v.vote));
  const kept = votes.filter((v) => newest.has(v.vote.id));
  const item = new Int32Array(kept.length);
  const annotator = new Int32Array(kept.length);
  const yes = new Float64Array(kept.length * L);
  kept.forEach((v, n) => {
    item[n] = items.get(v.vote.itemId) as number;
    let a = index.get(v.vote.source);
    if (a === undefined) index.set(v.vote.source, (a = index.size));
    annotator[n] = a;
    yes.set(v.yes, n * L);
  });
  const gold = new Int8Array(ids.length * L).fill(-1);
  for (const kind of ['control', 'exam'] as const) {
    for (const entry of await store.people.listQueue({ kind })) {
      const i = items.get(entry.itemId);
      if (i === undefined || entry.goldLabel === null) continue;
      const set = new Set(labelSetIndices(entry.goldLabel, labels));
      for (let l = 0; l < L; l++) gold[i * L + l] = set.has(l) ? 1 : 0;
    }
  }
  const pool = Uint8Array.from([...index.keys()], (s) => (s.startsWith('human:') ? 1 : 0));
  const fit = fitLabelSetCrowd(
    {
      numItems: ids.length,
      numLabels: L,
      numAnnotators: index.size,
      item,
      annotator,
      yes,
      gold,
    },
    { pool },
  );
  return {
    labels,
    fit,
    index,
    minVotes: options.minVotes ?? DEFAULT_MIN_VOTES,
    votes: kept.length,
  };
}

/**
 * One item's P(applies) per label, in label order: the newest answer of each source read
 * through its fitted rates (the people's pooled rates for a source with fewer than `minVotes`
 * answers or unknown to the fit); `ignored` sources (discounted people) and skips count for
 * nothing.
 * @example labelSetItemPosterior(crowd, votes, new Set()) // Float64Array [0.97, 0.02, 0.88]
 * Complexity: O(votes × L).
 */
export function labelSetItemPosterior(
  crowd: LabelSetSnapshot,
  votes: readonly Vote[],
  ignored: ReadonlySet<string> = new Set(),
): Float64Array {
  const newest = newestBySource(votes.filter((v) => !ignored.has(v.source)));
  const read: { rates: LabelSetRates; yes: Float64Array }[] = [];
  for (const vote of votes) {
    if (!newest.has(vote.id)) continue;
    const yes = yesRow(vote, crowd.labels);
    if (yes !== null) read.push({ rates: ratesOf(crowd, vote.source), yes });
  }
  return labelSetPosterior(crowd.fit.prevalence, read);
}

/** A source's fitted rates, or the pooled ones when the fit knows too little of them. */
export function ratesOf(crowd: LabelSetSnapshot, source: string): LabelSetRates {
  const a = crowd.index.get(source);
  if (a === undefined || (crowd.fit.votes[a] ?? 0) < crowd.minVotes) return crowd.fit.pooled;
  return crowd.fit.rates[a] ?? crowd.fit.pooled;
}

/**
 * A vote as one yes-probability per label: a machine's stored probabilities, a person's set
 * read from its code; null for a skip or a code outside the labels.
 * @example yesRow(vote, ['toxic', 'insult']) // Float64Array [1, 0]
 * Complexity: O(L).
 */
export function yesRow(vote: Vote, labels: readonly string[]): Float64Array | null {
  if (vote.label === null) return null;
  const row = new Float64Array(labels.length);
  if (!vote.source.startsWith('human:') && vote.probabilities !== null) {
    labels.forEach((label, l) => {
      const p = vote.probabilities?.[label];
      row[l] = typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
    });
    return row;
  }
  try {
    for (const l of labelSetIndices(vote.label, labels)) row[l] = 1;
  } catch {
    // A stored code that names no label of the project says nothing about the set.
    return null;
  }
  return row;
}

/** Ids of each source's newest vote with an answer on each item. */
function newestBySource(votes: readonly Vote[]): Set<number> {
  const newest = new Map<string, Vote>();
  for (const vote of votes) {
    if (vote.label === null) continue;
    const key = `${vote.itemId}\u0000${vote.source}`;
    const seen = newest.get(key);
    if (seen === undefined || seen.id < vote.id) newest.set(key, vote);
  }
  return new Set([...newest.values()].map((v) => v.id));
}
