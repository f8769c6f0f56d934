import type { BuiltVoteMatrix } from '../../core/aggregation/build-vote-matrix.js';
import { createVoteMatrix } from '../../core/aggregation/vote-matrix.js';
import { HiloError } from '../../core/errors.js';
import type { ItemTruth, VoteColumns } from '../../core/ports/vote-columns.js';
import type { VoteInput } from './aggregate-votes-input.js';

/** The vote matrix of stored vote columns, with what else a full aggregation run needs. */
export interface ColumnVoteInput extends Omit<VoteInput, 'votes'> {
  /** Per matrix item: 1 when a person voted on it. */
  readonly humanItem: Uint8Array;
  /** The ids of the kept votes of a matrix item, in id order. */
  readonly voteIdsOf: (item: number) => number[];
  /** The role and trusted label of the items that have one. */
  readonly truth: ReadonlyMap<string, ItemTruth>;
}

/** Which sources to keep: machines unless left out, no discounted people. */
export interface ColumnFilter {
  readonly includeMachines: boolean;
  /** `human:<id>` sources whose votes are dropped (and counted). */
  readonly discounted: ReadonlySet<string>;
}

/**
 * Builds the vote matrix from {@link VoteColumns} as `voteInput` does from vote objects, with the
 * same order of items and annotators (first appearance among the kept votes in id order), so the
 * aggregate is the same: people hard, machines with a distribution soft, gold and control items
 * clamped to their trusted label, discounted people's votes dropped and counted.
 * @example const input = columnVoteInput(await store.readVoteColumns(), labels, { includeMachines: true, discounted });
 * Complexity: O(votes + items) over typed arrays, O(soft votes × K) for machine distributions.
 */
export function columnVoteInput(
  columns: VoteColumns,
  labels: readonly string[],
  filter: ColumnFilter,
): ColumnVoteInput {
  const K = labels.length;
  if (K < 2) throw new HiloError('INVALID_INPUT', `need at least 2 labels, got ${K}`);
  const labelIndex = new Map(labels.map((name, k) => [name, k]));
  const keepSource = new Uint8Array(columns.sources.length);
  const droppedSource = new Uint8Array(columns.sources.length);
  columns.sources.forEach((source, s) => {
    const human = source.startsWith('human:');
    if (!filter.includeMachines && !human) return;
    if (filter.discounted.has(source)) droppedSource[s] = 1;
    else keepSource[s] = 1;
  });
  const itemCode = new Int32Array(columns.items.length).fill(-1);
  const annotatorCode = new Int32Array(columns.sources.length).fill(-1);
  const items: string[] = [];
  const annotators: string[] = [];
  const n = columns.count;
  const item = new Int32Array(n);
  const annotator = new Int32Array(n);
  const label = new Int32Array(n);
  const ids = new Float64Array(n);
  const softVotes: number[] = [];
  const softProbabilities: number[] = [];
  const labelCode = Int32Array.from(columns.labels, (name) => labelIndex.get(name) ?? -1);
  const sourceDropped = new Set<string>();
  let dropped = 0;
  let v = 0;
  for (let j = 0; j < n; j++) {
    const s = columns.source[j] as number;
    if (keepSource[s] === 0) {
      if (droppedSource[s] === 1) {
        dropped++;
        sourceDropped.add(columns.sources[s] as string);
      }
      continue;
    }
    const soft = columns.machineProbabilities.get(j);
    if (soft) {
      softVotes.push(v);
      const row = new Float64Array(K);
      for (const [name, p] of Object.entries(soft)) row[labelOf(name, labelIndex, v)] = p;
      for (const p of row) softProbabilities.push(p);
      label[v] = -1;
    } else {
      const k = labelCode[columns.label[j] as number] as number;
      if (k < 0) labelOf(columns.labels[columns.label[j] as number] as string, labelIndex, v);
      label[v] = k;
    }
    const i = columns.item[j] as number;
    if (itemCode[i] === -1) {
      itemCode[i] = items.length;
      items.push(columns.items[i] as string);
    }
    if (annotatorCode[s] === -1) {
      annotatorCode[s] = annotators.length;
      annotators.push(columns.sources[s] as string);
    }
    item[v] = itemCode[i] as number;
    annotator[v] = annotatorCode[s] as number;
    ids[v] = columns.ids[j] as number;
    v++;
  }
  const matrix = createVoteMatrix({
    numClasses: K,
    numItems: items.length,
    numAnnotators: annotators.length,
    item: item.slice(0, v),
    annotator: annotator.slice(0, v),
    label: label.slice(0, v),
    ...(softVotes.length > 0
      ? {
          soft: {
            votes: Int32Array.from(softVotes),
            probabilities: Float64Array.from(softProbabilities),
          },
        }
      : {}),
  });
  const built: BuiltVoteMatrix = {
    matrix,
    items,
    annotators,
    labels: [...labels],
    itemIndex: new Map(items.map((id, i) => [id, i])),
    annotatorIndex: new Map(annotators.map((name, a) => [name, a])),
    labelIndex,
  };
  const { truth } = columns;
  return {
    built,
    gold: goldOf(built, truth),
    dropped: { votes: dropped, sources: [...sourceDropped].sort() },
    humanItem: humanItems(item, annotator, annotators, items.length, v),
    voteIdsOf: groupIds(item, ids, items.length, v),
    truth,
  };
}

function labelOf(name: string, labels: ReadonlyMap<string, number>, v: number): number {
  const k = labels.get(name);
  if (k === undefined) {
    throw new HiloError('INVALID_INPUT', `vote ${v}: label "${name}" is not in the label set`, {
      field: 'label',
    });
  }
  return k;
}

function goldOf(built: BuiltVoteMatrix, truth: ReadonlyMap<string, ItemTruth>): Int32Array {
  const gold = new Int32Array(built.items.length).fill(-1);
  built.items.forEach((id, i) => {
    const t = truth.get(id);
    if (t && (t.role === 'gold' || t.role === 'control'))
      gold[i] = built.labelIndex.get(t.goldLabel) ?? -1;
  });
  return gold;
}

function humanItems(
  item: Int32Array,
  annotator: Int32Array,
  annotators: readonly string[],
  numItems: number,
  n: number,
): Uint8Array {
  const human = Uint8Array.from(annotators, (name) => (name.startsWith('human:') ? 1 : 0));
  const out = new Uint8Array(numItems);
  for (let v = 0; v < n; v++) if (human[annotator[v] as number] === 1) out[item[v] as number] = 1;
  return out;
}

/** Vote ids grouped by item (a counting sort), read back per item. */
function groupIds(
  item: Int32Array,
  ids: Float64Array,
  numItems: number,
  n: number,
): (i: number) => number[] {
  const offsets = new Int32Array(numItems + 1);
  for (let v = 0; v < n; v++) {
    const next = (item[v] as number) + 1;
    offsets[next] = (offsets[next] as number) + 1;
  }
  for (let i = 0; i < numItems; i++)
    offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const fill = offsets.slice(0, numItems);
  const grouped = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const i = item[v] as number;
    grouped[fill[i] as number] = ids[v] as number;
    fill[i] = (fill[i] as number) + 1;
  }
  return (i) => {
    const ids: number[] = [];
    for (let v = offsets[i] as number; v < (offsets[i + 1] as number); v++)
      ids.push(grouped[v] as number);
    return ids;
  };
}
