import { updateDawidSkene } from '../../core/aggregation/update-dawid-skene.js';
import type { Vote } from '../../core/types.js';
import { packCrowd, type CrowdSnapshot } from './crowd-snapshot.js';

/** A vote to fold into the crowd, with the trusted label of its item when it is a control. */
export interface CrowdVote {
  readonly vote: Vote;
  readonly gold: string | null;
}

/**
 * Folds new votes into a fitted crowd with incremental Dawid-Skene (`updateDawidSkene`): the
 * items that got votes are re-estimated, then the annotators they touch, and so on while
 * anything moves by more than the fit's tolerance; new items and people are appended (new
 * people start from the crowd's pooled matrix). People's votes are hard, machines' soft; votes
 * already in the fit, abstentions and labels outside the label set are skipped, so folding the
 * same vote twice changes nothing. Without a fitted model yet (no votes at the last fit) it
 * returns `crowd` unchanged: the next refit takes the votes in.
 * @example const next = updateCrowd(crowd, [{ vote, gold: null }]);
 * Complexity: O(votes in the fit) to merge the matrix, plus O(K × votes of the touched items
 * and annotators + annotators × K²) per round.
 */
export function updateCrowd(crowd: CrowdSnapshot, votes: readonly CrowdVote[]): CrowdSnapshot {
  const { ds, parts } = crowd.fit;
  if (ds === null) return crowd;
  const K = crowd.numClasses;
  const items = new Map(parts.items);
  const annotators = [...parts.annotators];
  const annotatorIndex = new Map(annotators.map((source, a) => [source, a]));
  const voteIds = new Set(parts.voteIds);
  const golds = new Map<number, number>();
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  const softVotes: number[] = [];
  const soft: number[] = [];
  for (const { vote, gold } of votes) {
    const given = crowd.labelIndex.get(vote.label ?? '');
    if (given === undefined || voteIds.has(vote.id)) continue;
    voteIds.add(vote.id);
    let i = items.get(vote.itemId);
    if (i === undefined) {
      i = items.size;
      items.set(vote.itemId, i);
    }
    const trusted = gold === null ? undefined : crowd.labelIndex.get(gold);
    if (trusted !== undefined) golds.set(i, trusted);
    let a = annotatorIndex.get(vote.source);
    if (a === undefined) {
      a = annotators.length;
      annotators.push(vote.source);
      annotatorIndex.set(vote.source, a);
    }
    const machine = !vote.source.startsWith('human:') && vote.probabilities !== null;
    if (machine) {
      softVotes.push(item.length);
      for (const name of crowd.labels) soft.push(vote.probabilities?.[name] ?? 0);
    }
    item.push(i);
    annotator.push(a);
    label.push(machine ? -1 : given);
  }
  if (item.length === 0) return crowd;
  const gold = new Int32Array(items.size).fill(-1);
  gold.set(parts.gold.subarray(0, Math.min(parts.gold.length, items.size)));
  for (const [i, k] of golds) gold[i] = k;
  const next = updateDawidSkene(
    ds.state,
    {
      numClasses: K,
      numItems: items.size,
      numAnnotators: annotators.length,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      label: Int32Array.from(label),
      ...(softVotes.length > 0
        ? { soft: { votes: Int32Array.from(softVotes), probabilities: Float64Array.from(soft) } }
        : {}),
    },
    { gold },
  );
  return packCrowd(next, { ...parts, items, annotators, gold, voteIds });
}
