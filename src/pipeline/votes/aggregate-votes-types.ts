import type { AggregationMethod } from '../../core/aggregation/aggregation-types.js';
import type { PeopleStore } from '../../core/ports/people-store.js';
import type { Clock, Store } from '../../core/ports/index.js';
import type { TaskShape } from '../../core/task-kind/index.js';
import type { TaskKind } from '../../core/types.js';

/**
 * How a rating item's level is read off its posterior: `median`, the posterior median (it
 * respects the order of the scale and minimises the expected absolute error), or `mode`, the
 * most probable level (for a `within-k` measure, the level whose ±k window holds the most mass).
 * Other kinds decide by the mode (multi-label: the most probable set within the bounds).
 */
export type AggregateDecide = 'mode' | 'median';

export interface AggregateVotesOptions {
  readonly store: Store;
  readonly labels: readonly string[];
  readonly clock: Clock;
  readonly method: AggregationMethod;
  /** The project's task shape; default single-label classification over `labels`. */
  readonly shape?: TaskShape;
  /** Rating projects only; default `median` for a rating, `mode` otherwise. */
  readonly decide?: AggregateDecide;
  /** Machine votes (llm:, model:) enter as annotators with soft votes; default true. */
  readonly includeMachines?: boolean;
  /** Where discounted people are looked up; their votes are dropped unless `keepDiscounted`. */
  readonly people?: Pick<PeopleStore, 'listAnnotators'>;
  /** Keep the votes of people a control-accuracy rule discounted; default false. */
  readonly keepDiscounted?: boolean;
  readonly seed?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

export interface AnnotatorSkillRow {
  readonly annotator: string;
  readonly votes: number;
  /** The method's skill score (expected accuracy, agreement rate, ability, …); multi-label: its mean over the labels. */
  readonly ability: number;
}

export interface AggregateReport {
  readonly method: AggregationMethod;
  readonly kind: TaskKind;
  readonly decide: AggregateDecide;
  /** The measure confidences and `testAccuracy` are in ("accuracy", "exact-set accuracy", …). */
  readonly measure: string;
  readonly items: number;
  readonly votes: number;
  readonly annotators: number;
  readonly decided: number;
  /** Decisions kept because a reviewer or gold outranks the aggregate. */
  readonly kept: number;
  /** Most sweeps any question took (multi-label runs one per label). */
  readonly iterations: number;
  readonly converged: boolean;
  /**
   * Score under the measure on items with a trusted label that were not clamped (role test),
   * when any; `correct` is fractional for a per-label multi-label measure.
   */
  readonly testAccuracy: { readonly correct: number; readonly total: number } | null;
  /** Rating only: mean absolute and root mean squared error in levels on those items. */
  readonly testErrors: {
    readonly mae: number;
    readonly rmse: number;
    readonly count: number;
  } | null;
  readonly skills: readonly AnnotatorSkillRow[];
  /** Votes of discounted people left out, and whose sources (`human:<id>`). */
  readonly dropped: { readonly votes: number; readonly sources: readonly string[] };
  readonly seconds: number;
  /** Where the seconds went: reading votes, fitting (and deciding), writing decisions. */
  readonly timings: AggregateTimings;
}

/** Seconds per phase of an aggregation run, as its `--timings` output prints them. */
export interface AggregateTimings {
  readonly readSeconds: number;
  readonly fitSeconds: number;
  readonly writeSeconds: number;
}
