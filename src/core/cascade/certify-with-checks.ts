import { wholeSetPromise, type PeopleError } from '../checks/index.js';
import type { CascadeOrdering } from './cascade-ordering.js';
import type { CertifyOrdering } from './choose-cascade.js';

/**
 * An expert check as the cascade needs it: which pool item, its stratum, and the expert's label.
 * @example const check: LabelledCheck = { index: 12, stratum: 'all', stratumSize: 2299, label: 1 }
 */
export interface LabelledCheck {
  /** Position of the item among the pool items. */
  readonly index: number;
  readonly stratum: string;
  readonly stratumSize: number;
  /** Index of the expert's label. */
  readonly label: number;
}

/**
 * The whole-data-set promise (`wholeSetPromise`) bound to the expert checks, for
 * `chooseCascade`: on each ordering a check counts as right when the label the cascade would
 * keep (stage 1's or stage 2's) is the expert's. Items no stage answered are never kept.
 * @example const certify = certifyWithChecks({ checks, maxError: 0.05 }); chooseCascade({ ..., certify })
 * Complexity: that of `wholeSetPromise` per call, O(N log N + steps · checks · log N).
 */
export function certifyWithChecks(options: {
  readonly checks: readonly LabelledCheck[];
  /**
   * Checks the stages' confidences were fitted on (a random part of the same draws): expert-
   * labelled, so right in the final data, and outside the population the bound speaks for.
   */
  readonly fitted?: readonly { readonly index: number; readonly stratum: string }[];
  readonly maxError: number;
  /** Absent: people (experts) are taken to be right. */
  readonly people?: PeopleError;
  readonly seed?: number;
}): CertifyOrdering {
  return (ordering: CascadeOrdering, alpha: number) => {
    const checks = options.checks.map((c) => ({
      index: c.index,
      stratum: c.stratum,
      stratumSize: c.stratumSize,
      right: ordering.predicted[c.index] === c.label,
    }));
    const { accept } = wholeSetPromise({
      score: ordering.score,
      checks,
      ...(options.fitted ? { fitted: options.fitted } : {}),
      maxError: options.maxError,
      alpha,
      ...(options.people ? { people: options.people } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    for (let i = 0; i < accept.length; i++)
      if ((ordering.predicted[i] as number) < 0) accept[i] = 0;
    return accept;
  };
}
