/**
 * The whole-data-set promise: which pool items may keep the machine's label so that the FINAL data
 * set — machine labels on accepted items, expert labels on checked items, people's labels on the
 * rest — has at most a share ε of wrong labels, with probability at least 1 − α.
 *
 * How it keeps its promise:
 * - Items are accepted in a fixed order (score, highest first; ties broken by a seeded shuffle),
 *   and thresholds are tested in a fixed sequence from the strictest (accept nothing) outwards,
 *   each at level α, stopping at the first that fails. The order must not depend on the checks
 *   that carry the bound: a score fitted on checks is fitted on a separate part of them
 *   (`fitted`), whose items stay expert-labelled and leave the population the bound speaks for.
 * - Checked items carry expert labels, so they are right in the final data; only the wrong labels
 *   among accepted, unchecked items count. Their number is bounded from the checks that fall among
 *   the accepted items: exactly (hypergeometric, sampling without replacement) when every item had
 *   the same chance of being checked, else by a Waudby-Smith–Ramdas betting bound on
 *   Horvitz–Thompson-weighted errors (each check weighted by its stratum's size over its draws).
 * - Items sent to people add people's error rate, taken at its own upper bound.
 */
import { HiloError } from '../errors.js';
import { wholeSetBounds } from './whole-set-bounds.js';
import type { WholeSetPromiseInput } from './whole-set-types.js';

export type {
  PeopleError,
  PromiseBound,
  PromiseCheck,
  WholeSetPromiseInput,
} from './whole-set-types.js';

/** One threshold tested: accepting the first `accepted` items of the order. */
export interface PromiseTest {
  readonly accepted: number;
  /** Score of the last accepted item (+Infinity when none). */
  readonly threshold: number;
  /** Upper bound on the final error share. */
  readonly bound: number;
  readonly passed: boolean;
}

export interface WholeSetPromise {
  /** Accepted items keep the machine's label; 0 when no threshold passed beyond "accept none". */
  readonly accepted: number;
  /** Per pool item: 1 when it keeps the machine's label (never a checked item). */
  readonly accept: Uint8Array;
  /** Score of the last accepted item; +Infinity when nothing is accepted. */
  readonly threshold: number;
  /** Upper bound on the final error share at the chosen threshold. */
  readonly bound: number;
  /**
   * Whether the promise is kept: false only when even sending every item to people breaks it
   * (people's error bound above ε).
   */
  readonly kept: boolean;
  /** Estimated final error share at the chosen threshold (Horvitz–Thompson). */
  readonly estimate: number;
  /** Accepted items that are checked (expert-labelled), bound and fitted checks together. */
  readonly checkedAmongAccepted: number;
  /** Accepted items nobody labels: the items spared from people and experts. */
  readonly spared: number;
  /** Items sent to people (neither accepted nor checked). */
  readonly toPeople: number;
  /** Upper bound used for people's error rate. */
  readonly peopleErrorUpper: number;
  /** The bound that was used. */
  readonly boundKind: 'exact' | 'weighted';
  readonly tests: readonly PromiseTest[];
}

function validate(input: WholeSetPromiseInput): void {
  if (!(input.maxError > 0 && input.maxError < 1))
    throw new HiloError('INVALID_INPUT', `maximum error must be in (0, 1), got ${input.maxError}`);
  if (!(input.alpha > 0 && input.alpha < 1))
    throw new HiloError('INVALID_INPUT', `error level must be in (0, 1), got ${input.alpha}`);
}

/**
 * Chooses the accepted items under the whole-data-set promise.
 * @example wholeSetPromise({ score, checks, maxError: 0.05, alpha: 0.05 }).spared
 * Complexity: O(N log N + steps · checks · log N).
 */
export function wholeSetPromise(input: WholeSetPromiseInput): WholeSetPromise {
  validate(input);
  const bounds = wholeSetBounds(input);
  const { N, acceptable, order, expertPrefix, expert, boundAt } = bounds;
  const steps = Math.max(1, Math.floor(input.steps ?? 200));
  const step = Math.max(1, Math.ceil(acceptable / steps));
  const tests: PromiseTest[] = [];
  let chosen = 0;
  let chosenBound = boundAt(0);
  for (let k = step; acceptable > 0; k += step) {
    const accepted = Math.min(k, acceptable);
    const bound = boundAt(accepted);
    const passed = bound.upper <= input.maxError;
    tests.push({
      accepted,
      threshold: input.score[order[accepted - 1] as number] as number,
      bound: bound.upper,
      passed,
    });
    if (!passed) break;
    chosen = accepted;
    chosenBound = bound;
    if (accepted === acceptable) break;
  }
  const accept = new Uint8Array(N);
  for (let p = 0; p < chosen; p++) {
    const i = order[p] as number;
    if (expert[i] === 0) accept[i] = 1;
  }
  const checkedAmongAccepted = expertPrefix[chosen] as number;
  const expertTotal = expertPrefix[N] as number;
  return {
    accepted: chosen,
    accept,
    threshold: chosen > 0 ? (input.score[order[chosen - 1] as number] as number) : Infinity,
    bound: chosenBound.upper,
    kept: chosenBound.upper <= input.maxError,
    estimate: chosenBound.estimate,
    checkedAmongAccepted,
    spared: chosen - checkedAmongAccepted,
    toPeople: N - chosen - (expertTotal - checkedAmongAccepted),
    peopleErrorUpper: bounds.peopleErrorUpper,
    boundKind: bounds.kind,
    tests,
  };
}
