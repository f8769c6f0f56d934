import { HiloError } from '../errors.js';
import { createRng, type Rng } from '../rng.js';
import { createVoteMatrix, type VoteMatrix } from '../aggregation/vote-matrix.js';

/**
 * Options of `bootstrapInterval`: resamples, interval level and seed.
 * @example bootstrapInterval(matrix, (m) => fleissKappa(m), { samples: 2000, level: 0.9, seed: 1 })
 */
export interface BootstrapOptions {
  /** Resamples. Default 1000. */
  readonly samples?: number;
  /** Coverage of the interval. Default 0.95. */
  readonly level?: number;
  readonly seed?: number;
}

/**
 * A statistic with its percentile bootstrap interval.
 * @example const { estimate, lower, upper } = bootstrapInterval(matrix, (m) => krippendorffAlpha(m), { seed: 1 })
 */
export interface BootstrapInterval {
  /** The statistic on the data as given. */
  readonly estimate: number;
  /** Percentile interval of the resampled statistic. */
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  /** Resamples whose statistic was a number (NaN ones are left out). */
  readonly samples: number;
}

/**
 * Percentile bootstrap interval of any agreement statistic, resampling items (the units) with
 * replacement, so an item's votes stay together. Reproducible for a seed.
 * @example bootstrapInterval(matrix, (m) => krippendorffAlpha(m), { seed: 1 });
 * Complexity: O(samples × (votes + cost of the statistic)).
 */
export function bootstrapInterval(
  matrix: VoteMatrix,
  statistic: (resampled: VoteMatrix) => number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1) || !(samples >= 1)) {
    throw new HiloError('INVALID_INPUT', 'level must be in (0, 1) and samples ≥ 1');
  }
  const rng = createRng(options.seed ?? 0);
  const values: number[] = [];
  for (let s = 0; s < samples; s++) {
    const value = statistic(resampleItems(matrix, rng));
    if (!Number.isNaN(value)) values.push(value);
  }
  values.sort((x, y) => x - y);
  const at = (q: number) =>
    values.length === 0
      ? Number.NaN
      : (values[Math.min(values.length - 1, Math.floor(q * values.length))] as number);
  return {
    estimate: statistic(matrix),
    lower: at((1 - level) / 2),
    upper: at(1 - (1 - level) / 2),
    level,
    samples: values.length,
  };
}

/**
 * A matrix of `numItems` items drawn with replacement, each with all its votes.
 * O(votes + items).
 */
export function resampleItems(matrix: VoteMatrix, rng: Rng): VoteMatrix {
  const { numItems, numClasses: K, itemOffsets } = matrix;
  const drawn = Int32Array.from({ length: numItems }, () => rng.int(numItems));
  let n = 0;
  for (const i of drawn) n += (itemOffsets[i + 1] as number) - (itemOffsets[i] as number);
  const item = new Int32Array(n);
  const annotator = new Int32Array(n);
  const label = new Int32Array(n);
  const softVotes: number[] = [];
  const softRows: number[] = [];
  let at = 0;
  drawn.forEach((i, position) => {
    for (let v = itemOffsets[i] as number; v < (itemOffsets[i + 1] as number); v++) {
      item[at] = position;
      annotator[at] = matrix.annotator[v] as number;
      label[at] = matrix.label[v] as number;
      const row = matrix.softRow ? (matrix.softRow[v] as number) : -1;
      if (row >= 0 && matrix.soft) {
        softVotes.push(at);
        for (let k = 0; k < K; k++) softRows.push(matrix.soft[row * K + k] as number);
      }
      at++;
    }
  });
  return createVoteMatrix({
    numClasses: K,
    numItems,
    numAnnotators: matrix.numAnnotators,
    item,
    annotator,
    label,
    ...(softVotes.length > 0
      ? { soft: { votes: Int32Array.from(softVotes), probabilities: Float64Array.from(softRows) } }
      : {}),
    ...(matrix.annotatorWeight ? { annotatorWeight: matrix.annotatorWeight } : {}),
  });
}
