import { aggregate, type AggregateOptions } from '../../core/aggregation/aggregate.js';
import { createVoteMatrix } from '../../core/aggregation/vote-matrix.js';
import { HiloError } from '../../core/errors.js';
import type { CrowdFit } from '../../core/simulation/fit-crowd-annotators.js';
import { transferAnnotator } from '../../core/simulation/fit-crowd-annotators.js';
import {
  parametricAnnotator,
  type ParametricAnnotatorOptions,
  type SimulatedAnnotator,
} from '../../core/simulation/simulated-annotator.js';

/** The simulated people of an experiment, indexed like the data's label set. */
export interface SimulatedCrowd {
  readonly annotators: readonly SimulatedAnnotator[];
  /** How often each is drawn (e.g. their real vote counts); null: equally. */
  readonly weights: Float64Array | null;
  /** Where the annotators come from, for reports. */
  readonly description: string;
}

/** One parametric annotator as given on the command line: accuracy and optional bias or spam. */
export type AnnotatorSpec = Omit<ParametricAnnotatorOptions, 'name' | 'classCount'>;

/**
 * A crowd of parametric annotators over the label set.
 * @example parametricCrowd([{ accuracy: 0.9 }, { accuracy: 0.8 }, { accuracy: 0.5, spammer: true }], labelSet)
 * Complexity: O(annotators × K²).
 */
export function parametricCrowd(
  specs: readonly AnnotatorSpec[],
  labelSet: readonly string[],
): SimulatedCrowd {
  if (specs.length === 0)
    throw new HiloError('INVALID_INPUT', 'the simulated crowd needs at least one annotator');
  return {
    annotators: specs.map((spec, a) =>
      parametricAnnotator({ ...spec, name: `sim${a + 1}`, classCount: labelSet.length }),
    ),
    weights: null,
    description: `parametric: ${specs.map((s) => (s.spammer ? 'spammer' : `accuracy ${s.accuracy}`)).join(', ')}`,
  };
}

/**
 * Annotators fitted by Dawid-Skene on a real crowd, for a data set's label set. When the crowd
 * used the same label names, every matrix is reordered to the data's label order and kept
 * whole; otherwise each annotator is carried over by its accuracy (see transferAnnotator).
 * @example crowdForLabels({ ...fitCrowdAnnotators(matrix, { names }), labels: built.labels }, labelSet)
 * Complexity: O(annotators × K²).
 */
export function crowdForLabels(
  fit: CrowdFit & { readonly labels: readonly string[]; readonly source: string },
  labelSet: readonly string[],
): SimulatedCrowd {
  const K = labelSet.length;
  const sameNames = fit.labels.length === K && labelSet.every((l) => fit.labels.includes(l));
  const weights = Float64Array.from(fit.votes);
  if (!sameNames) {
    return {
      annotators: fit.annotators.map((a) => transferAnnotator(a, K, fit.classPriors)),
      weights,
      description: `${fit.annotators.length} workers fitted by Dawid-Skene on ${fit.source}, carried over by accuracy (its labels ${fit.labels.join('/')} are not the data's)`,
    };
  }
  const from = labelSet.map((l) => fit.labels.indexOf(l));
  return {
    annotators: fit.annotators.map((a) => {
      const confusion = new Float64Array(K * K);
      for (let t = 0; t < K; t++) {
        for (let g = 0; g < K; g++)
          confusion[t * K + g] = a.confusion[
            (from[t] as number) * K + (from[g] as number)
          ] as number;
      }
      return { name: a.name, classCount: K, confusion };
    }),
    weights,
    description: `${fit.annotators.length} workers fitted by Dawid-Skene on ${fit.source}`,
  };
}

/** Votes collected during a simulation, by item and annotator index; machines vote softly. */
export class VoteLog {
  private readonly item: number[] = [];
  private readonly annotator: number[] = [];
  private readonly label: number[] = [];
  private readonly softVotes: number[] = [];
  private readonly softRows: number[] = [];

  constructor(private readonly classCount: number) {}

  /** A person's answer. */
  add(item: number, annotator: number, label: number): void {
    this.item.push(item);
    this.annotator.push(annotator);
    this.label.push(label);
  }

  /** A model's distribution (a row of K probabilities). */
  addSoft(item: number, annotator: number, probabilities: ArrayLike<number>): void {
    this.softVotes.push(this.item.length);
    this.add(item, annotator, -1);
    for (let k = 0; k < this.classCount; k++) this.softRows.push(probabilities[k] as number);
  }

  get size(): number {
    return this.item.length;
  }

  /**
   * The labels the aggregation method gives every item (-1 for items without votes).
   * Complexity: that of the method over the votes so far.
   */
  decide(options: {
    readonly items: number;
    readonly annotators: number;
    readonly method: AggregateOptions;
  }): Int32Array {
    if (this.item.length === 0) return new Int32Array(options.items).fill(-1);
    const matrix = createVoteMatrix({
      numClasses: this.classCount,
      numItems: options.items,
      numAnnotators: options.annotators,
      item: Int32Array.from(this.item),
      annotator: Int32Array.from(this.annotator),
      label: Int32Array.from(this.label),
      ...(this.softVotes.length > 0
        ? {
            soft: {
              votes: Int32Array.from(this.softVotes),
              probabilities: Float64Array.from(this.softRows),
            },
          }
        : {}),
    });
    const result = aggregate(matrix, options.method);
    const out = Int32Array.from(result.labels);
    for (let i = 0; i < options.items; i++) {
      if (matrix.itemOffsets[i] === matrix.itemOffsets[i + 1]) out[i] = -1;
    }
    return out;
  }
}
