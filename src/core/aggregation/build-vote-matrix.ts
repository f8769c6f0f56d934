import { HiloError } from '../errors.js';
import { createVoteMatrix, type VoteMatrix } from './vote-matrix.js';

/**
 * One vote in long format, with names instead of indices.
 * @example const votes: LongVote[] = [{ item: 'm1', annotator: 'ana', label: 'spam' }, { item: 'm1', annotator: 'model', probabilities: { spam: 0.9, ham: 0.1 } }]
 */
export interface LongVote {
  readonly item: string;
  readonly annotator: string;
  /** The chosen label; may be omitted when `probabilities` is given. */
  readonly label?: string | null;
  /** A soft vote: probability per label name (missing labels count as 0). */
  readonly probabilities?: Readonly<Record<string, number>> | null;
}

/**
 * How `buildVoteMatrix` names labels, items and annotators, and how much each annotator counts.
 * @example buildVoteMatrix(votes, { labels: ['ham', 'spam'], annotatorWeights: { trainee: 0.5 } })
 */
export interface BuildVoteMatrixOptions {
  /** The label set in index order; by default the labels seen, sorted (numbers numerically). */
  readonly labels?: readonly string[];
  /** Items to include even without votes (e.g. gold items not yet voted on), in index order. */
  readonly items?: readonly string[];
  /** Weight per annotator name; annotators not listed get 1. */
  readonly annotatorWeights?: Readonly<Record<string, number>>;
}

/**
 * A vote matrix with the maps between names and indices.
 * @example const { matrix, labels, itemIndex } = buildVoteMatrix(votes); labels[dawidSkene(matrix).labels[itemIndex.get('m1') ?? 0]]
 */
export interface BuiltVoteMatrix {
  readonly matrix: VoteMatrix;
  /** Index → name. */
  readonly items: readonly string[];
  readonly annotators: readonly string[];
  readonly labels: readonly string[];
  /** Name → index. */
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly annotatorIndex: ReadonlyMap<string, number>;
  readonly labelIndex: ReadonlyMap<string, number>;
}

/**
 * Builds a {@link VoteMatrix} from `{item, annotator, label}` records. Items and annotators get
 * indices in order of first appearance (after `options.items`); a label outside
 * `options.labels` is an INVALID_INPUT error naming the vote.
 * @example
 * const { matrix, labels } = buildVoteMatrix([
 *   { item: 'a', annotator: 'ann', label: 'spam' },
 *   { item: 'a', annotator: 'llm:gpt', probabilities: { spam: 0.9, ham: 0.1 } },
 * ]);
 * labels; // ['ham', 'spam']
 * Complexity: O(votes × K) with hashing of names.
 */
export function buildVoteMatrix(
  votes: readonly LongVote[],
  options: BuildVoteMatrixOptions = {},
): BuiltVoteMatrix {
  const builder = voteMatrixBuilder({
    ...options,
    labels: options.labels ? [...options.labels] : collectLabels(votes),
  });
  builder.add(votes);
  return builder.build();
}

/**
 * Builds a vote matrix from votes that arrive in batches (see {@link voteMatrixBuilder}).
 * @example const builder = voteMatrixBuilder({ labels: ['ham', 'spam'] }); builder.add(page); builder.build().matrix
 */
export interface VoteMatrixBuilder {
  /** Interns a batch of votes. O(batch × K). */
  add(votes: readonly LongVote[]): void;
  /** The matrix of every vote added so far. O(votes + items + annotators). */
  build(): BuiltVoteMatrix;
}

/**
 * {@link buildVoteMatrix} for votes read in batches, so a caller can pause between them: the
 * label set is fixed up front, names are interned as votes are added, and `build` gives the
 * same matrix buildVoteMatrix gives for all the votes in the order added.
 * @example
 * const builder = voteMatrixBuilder({ labels: ['ham', 'spam'] });
 * for await (const page of pages) builder.add(page);
 * const { matrix } = builder.build();
 * Complexity: O(votes × K) over all batches with hashing of names.
 */
export function voteMatrixBuilder(
  options: BuildVoteMatrixOptions & { readonly labels: readonly string[] },
): VoteMatrixBuilder {
  const labels = [...options.labels];
  const labelIndex = indexOf(labels, 'label');
  const K = labels.length;
  if (K < 2) throw new HiloError('INVALID_INPUT', `need at least 2 labels, got ${K}`);
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  for (const id of options.items ?? []) intern(id, itemIndex, items);
  const annotatorIndex = new Map<string, number>();
  const annotators: string[] = [];
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  const softVotes: number[] = [];
  const softProbabilities: number[] = [];
  const add = (votes: readonly LongVote[]): void => {
    for (const vote of votes) {
      const v = item.length;
      let given: number;
      if (vote.probabilities) {
        const row = new Array<number>(K).fill(0);
        for (const [name, p] of Object.entries(vote.probabilities)) {
          row[labelOf(name, labelIndex, { vote: v, field: 'probabilities' })] = p;
        }
        softVotes.push(v);
        for (const p of row) softProbabilities.push(p);
        given = -1;
      } else if (vote.label !== undefined && vote.label !== null) {
        given = labelOf(vote.label, labelIndex, { vote: v, field: 'label' });
      } else {
        throw new HiloError('INVALID_INPUT', `vote ${v} has neither a label nor probabilities`, {
          field: 'label',
        });
      }
      item.push(intern(vote.item, itemIndex, items));
      annotator.push(intern(vote.annotator, annotatorIndex, annotators));
      label.push(given);
    }
  };
  const build = (): BuiltVoteMatrix => {
    const annotatorWeight = options.annotatorWeights
      ? Float64Array.from(annotators, (name) => options.annotatorWeights?.[name] ?? 1)
      : undefined;
    const matrix = createVoteMatrix({
      numClasses: K,
      numItems: items.length,
      numAnnotators: annotators.length,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      label: Int32Array.from(label),
      ...(softVotes.length > 0
        ? {
            soft: {
              votes: Int32Array.from(softVotes),
              probabilities: Float64Array.from(softProbabilities),
            },
          }
        : {}),
      ...(annotatorWeight ? { annotatorWeight } : {}),
    });
    return { matrix, items, annotators, labels, itemIndex, annotatorIndex, labelIndex };
  };
  return { add, build };
}

/**
 * Sorts label names: by numeric value when every name is a number ("2" before "10"),
 * otherwise by code unit.
 * @example sortLabels(['10', '9', '2']); // ['2', '9', '10']
 * Complexity: O(L log L).
 */
export function sortLabels(names: readonly string[]): string[] {
  const numeric = names.every((name) => name.trim() !== '' && Number.isFinite(Number(name)));
  return [...names].sort((a, b) =>
    numeric && Number(a) !== Number(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
}

function collectLabels(votes: readonly LongVote[]): string[] {
  const seen = new Set<string>();
  for (const vote of votes) {
    if (vote.label !== undefined && vote.label !== null) seen.add(vote.label);
    if (vote.probabilities) for (const name of Object.keys(vote.probabilities)) seen.add(name);
  }
  return sortLabels([...seen]);
}

function indexOf(names: readonly string[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, i) => {
    if (map.has(name)) throw new HiloError('INVALID_INPUT', `${what} "${name}" is listed twice`);
    map.set(name, i);
  });
  return map;
}

function intern(name: string, map: Map<string, number>, names: string[]): number {
  let index = map.get(name);
  if (index === undefined) {
    index = names.length;
    map.set(name, index);
    names.push(name);
  }
  return index;
}

function labelOf(
  name: string,
  labels: ReadonlyMap<string, number>,
  where: { readonly vote: number; readonly field: string },
) {
  const { vote: v, field } = where;
  const index = labels.get(name);
  if (index === undefined) {
    throw new HiloError('INVALID_INPUT', `vote ${v}: label "${name}" is not in the label set`, {
      field,
    });
  }
  return index;
}
