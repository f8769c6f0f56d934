import { HiloError } from '../errors.js';

/**
 * All votes of one labelling task in typed arrays, built once and swept many times.
 *
 * Votes are stored sorted by item (stable), so the votes of item `i` are the contiguous range
 * `[itemOffsets[i], itemOffsets[i + 1])`; `annotatorVotes[annotatorOffsets[a] ..
 * annotatorOffsets[a + 1])` lists the vote indices of annotator `a`. Both are CSR layouts, so a
 * sweep by item or by annotator costs O(votes).
 *
 * A vote is hard (one label) or soft (a probability vector over the K classes, as a model
 * gives). For a soft vote `label` holds its most probable class and `softRow[v]` the row of its
 * vector in `soft`; hard votes have `softRow[v] = -1`. Repeated (item, annotator) pairs are kept
 * as separate votes.
 * @example const { matrix } = buildVoteMatrix(votes); matrix.numVotes
 */
export interface VoteMatrix {
  readonly numItems: number;
  readonly numAnnotators: number;
  readonly numClasses: number;
  readonly numVotes: number;
  /** Per vote (sorted by item): the item index. */
  readonly item: Int32Array;
  /** Per vote: the annotator index. */
  readonly annotator: Int32Array;
  /** Per vote: the class index (the argmax for a soft vote). */
  readonly label: Int32Array;
  /** Per vote: the row of its probabilities in `soft`, or -1; null when no vote is soft. */
  readonly softRow: Int32Array | null;
  /** Soft-vote probability rows, `rows × numClasses`, each summing to 1. */
  readonly soft: Float64Array | null;
  /** Per annotator: how much their votes count (1 = a full vote); null means all 1. */
  readonly annotatorWeight: Float64Array | null;
  /** `numItems + 1` offsets into the vote arrays. */
  readonly itemOffsets: Int32Array;
  /** `numAnnotators + 1` offsets into `annotatorVotes`. */
  readonly annotatorOffsets: Int32Array;
  /** Vote indices grouped by annotator (ascending within an annotator). */
  readonly annotatorVotes: Int32Array;
}

/**
 * Long-format votes by index, in any order.
 * @example createVoteMatrix({ numClasses: 2, item: Int32Array.of(0, 0), annotator: Int32Array.of(0, 1), label: Int32Array.of(1, 1) })
 */
export interface VoteMatrixInput {
  readonly numClasses: number;
  /** Defaults to 1 + the largest item index. */
  readonly numItems?: number;
  /** Defaults to 1 + the largest annotator index. */
  readonly numAnnotators?: number;
  readonly item: Int32Array;
  readonly annotator: Int32Array;
  /** Class index per vote; may be -1 for a soft vote (its argmax is used). */
  readonly label: Int32Array;
  /** Soft votes: the input positions that are soft and their probability rows (K per vote). */
  readonly soft?: { readonly votes: Int32Array; readonly probabilities: Float64Array };
  /** Per annotator weight ≥ 0 (a discounted annotator gets < 1). */
  readonly annotatorWeight?: Float64Array;
}

/**
 * Builds a {@link VoteMatrix}: validates indices, sorts votes by item (counting sort) and
 * groups them by annotator. Soft rows are renormalised to sum to 1.
 * @example
 * const m = createVoteMatrix({ numClasses: 2, item: Int32Array.of(0, 0, 1),
 *   annotator: Int32Array.of(0, 1, 0), label: Int32Array.of(1, 1, 0) });
 * m.itemOffsets; // Int32Array [0, 2, 3]
 * Complexity: O(votes + items + annotators + soft votes × K).
 */
export function createVoteMatrix(input: VoteMatrixInput): VoteMatrix {
  const n = input.item.length;
  const K = input.numClasses;
  if (!Number.isInteger(K) || K < 2) invalid(`numClasses must be an integer ≥ 2, got ${K}`);
  if (input.annotator.length !== n || input.label.length !== n) {
    invalid('item, annotator and label must have the same length');
  }
  const softLabel = softArgmax(input, n, K);
  let maxItem = -1;
  let maxAnnotator = -1;
  for (let v = 0; v < n; v++) {
    const i = input.item[v] as number;
    const a = input.annotator[v] as number;
    const l = softLabel.label[v] as number;
    if (i < 0 || a < 0) invalid(`vote ${v}: negative item or annotator index`);
    if (l < 0 || l >= K) invalid(`vote ${v}: label ${l} is outside 0..${K - 1}`);
    if (i > maxItem) maxItem = i;
    if (a > maxAnnotator) maxAnnotator = a;
  }
  const numItems = input.numItems ?? maxItem + 1;
  const numAnnotators = input.numAnnotators ?? maxAnnotator + 1;
  if (maxItem >= numItems) invalid(`item index ${maxItem} ≥ numItems ${numItems}`);
  if (maxAnnotator >= numAnnotators) {
    invalid(`annotator index ${maxAnnotator} ≥ numAnnotators ${numAnnotators}`);
  }
  const weight = input.annotatorWeight ?? null;
  if (weight) {
    if (weight.length !== numAnnotators) invalid('annotatorWeight needs one entry per annotator');
    for (const w of weight) if (!(w >= 0) || !Number.isFinite(w)) invalid('weights must be ≥ 0');
  }

  const itemOffsets = new Int32Array(numItems + 1);
  for (let v = 0; v < n; v++) itemOffsets[(input.item[v] as number) + 1]!++;
  for (let i = 0; i < numItems; i++) itemOffsets[i + 1]! += itemOffsets[i] as number;
  const cursor = itemOffsets.slice(0, numItems);
  const item = new Int32Array(n);
  const annotator = new Int32Array(n);
  const label = new Int32Array(n);
  const softRow = softLabel.rowOf ? new Int32Array(n) : null;
  for (let v = 0; v < n; v++) {
    const i = input.item[v] as number;
    const at = cursor[i]!++;
    item[at] = i;
    annotator[at] = input.annotator[v] as number;
    label[at] = softLabel.label[v] as number;
    if (softRow && softLabel.rowOf) softRow[at] = softLabel.rowOf[v] as number;
  }
  const byAnnotator = groupByAnnotator(annotator, numAnnotators);
  return {
    numItems,
    numAnnotators,
    numClasses: K,
    numVotes: n,
    item,
    annotator,
    label,
    softRow,
    soft: softLabel.soft,
    annotatorWeight: weight,
    itemOffsets,
    annotatorOffsets: byAnnotator.offsets,
    annotatorVotes: byAnnotator.votes,
  };
}

/** CSR grouping of vote indices by annotator. O(votes + annotators). */
function groupByAnnotator(
  annotator: Int32Array,
  numAnnotators: number,
): { offsets: Int32Array; votes: Int32Array } {
  const offsets = new Int32Array(numAnnotators + 1);
  for (let v = 0; v < annotator.length; v++) offsets[(annotator[v] as number) + 1]!++;
  for (let a = 0; a < numAnnotators; a++) offsets[a + 1]! += offsets[a] as number;
  const cursor = offsets.slice(0, numAnnotators);
  const votes = new Int32Array(annotator.length);
  for (let v = 0; v < annotator.length; v++) votes[cursor[annotator[v] as number]!++] = v;
  return { offsets, votes };
}

/** Validates soft rows, renormalises them and fills in argmax labels. */
function softArgmax(
  input: VoteMatrixInput,
  n: number,
  K: number,
): { label: Int32Array; rowOf: Int32Array | null; soft: Float64Array | null } {
  const soft = input.soft;
  if (!soft || soft.votes.length === 0) return { label: input.label, rowOf: null, soft: null };
  if (soft.probabilities.length !== soft.votes.length * K) {
    invalid('soft.probabilities needs numClasses entries per soft vote');
  }
  const label = input.label.slice();
  const rowOf = new Int32Array(n).fill(-1);
  const rows = new Float64Array(soft.probabilities.length);
  for (let r = 0; r < soft.votes.length; r++) {
    const v = soft.votes[r] as number;
    if (v < 0 || v >= n) invalid(`soft vote ${r} points at vote ${v}, outside 0..${n - 1}`);
    if (rowOf[v] !== -1) invalid(`vote ${v} is listed twice as soft`);
    rowOf[v] = r;
    let sum = 0;
    let best = 0;
    for (let k = 0; k < K; k++) {
      const p = soft.probabilities[r * K + k] as number;
      if (!(p >= 0) || !Number.isFinite(p)) invalid(`soft vote ${r}: probability ${p} is not ≥ 0`);
      sum += p;
      if (p > (soft.probabilities[r * K + best] as number)) best = k;
    }
    if (!(sum > 0)) invalid(`soft vote ${r}: probabilities sum to 0`);
    for (let k = 0; k < K; k++) rows[r * K + k] = (soft.probabilities[r * K + k] as number) / sum;
    label[v] = best;
  }
  return { label, rowOf, soft: rows };
}

function invalid(message: string): never {
  throw new HiloError('INVALID_INPUT', message);
}
