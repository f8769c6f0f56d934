import { dawidSkene } from '../aggregation/dawid-skene.js';
import type { DawidSkeneOptions } from '../aggregation/dawid-skene.js';
import type { VoteMatrix } from '../aggregation/vote-matrix.js';
import { HiloError } from '../errors.js';
import {
  parametricAnnotator,
  annotatorAccuracy,
  type SimulatedAnnotator,
} from './simulated-annotator.js';

export interface CrowdFit {
  /** One simulated annotator per crowd worker, with the confusion matrix Dawid-Skene fitted. */
  readonly annotators: SimulatedAnnotator[];
  /** Votes each worker cast (to draw busy workers more often, as real crowds do). */
  readonly votes: Int32Array;
  /** The class shares Dawid-Skene estimated. */
  readonly classPriors: Float64Array;
}

/**
 * Simulated annotators fitted on a real crowd: Dawid-Skene's confusion matrix of every worker
 * becomes the matrix the simulation draws that worker's answers from, so simulated people make
 * the mistakes the real ones made (per class, with their biases). Workers with a handful of
 * votes get matrices shrunk toward the crowd's pooled one (the `shrinkage` of the recommended
 * Dawid-Skene), which keeps them from looking perfect by chance.
 * @example const { annotators } = fitCrowdAnnotators(buildVoteMatrix(votes).matrix, { names });
 * Complexity: that of dawidSkene.
 */
export function fitCrowdAnnotators(
  matrix: VoteMatrix,
  options: { readonly names?: readonly string[]; readonly dawidSkene?: DawidSkeneOptions } = {},
): CrowdFit {
  const fit = dawidSkene(
    matrix,
    options.dawidSkene ?? { smoothing: 0.1, shrinkage: 4, priorSmoothing: 1 },
  );
  const confusion = fit.skills.confusion;
  if (!confusion) throw new HiloError('INTERNAL', 'Dawid-Skene returned no confusion matrices');
  const K = matrix.numClasses;
  const annotators = Array.from({ length: matrix.numAnnotators }, (_, a) => ({
    name: options.names?.[a] ?? `worker${a}`,
    classCount: K,
    confusion: confusion.slice(a * K * K, (a + 1) * K * K),
  }));
  const votes = new Int32Array(matrix.numAnnotators);
  for (let a = 0; a < matrix.numAnnotators; a++) {
    votes[a] = (matrix.annotatorOffsets[a + 1] as number) - (matrix.annotatorOffsets[a] as number);
  }
  return { annotators, votes, classPriors: fit.classPriors };
}

/**
 * Carries a fitted annotator over to a task with another number of classes: it keeps its
 * expected accuracy (under the crowd's class shares), with mistakes spread evenly. What is lost
 * is the structure of its mistakes, which has no meaning across label sets.
 * @example transferAnnotator(fitted, 77, priors)
 * Complexity: O(K²).
 */
export function transferAnnotator(
  annotator: SimulatedAnnotator,
  classCount: number,
  priors?: ArrayLike<number>,
): SimulatedAnnotator {
  if (classCount === annotator.classCount) return annotator;
  return parametricAnnotator({
    name: annotator.name,
    classCount,
    accuracy: annotatorAccuracy(annotator, priors),
  });
}
