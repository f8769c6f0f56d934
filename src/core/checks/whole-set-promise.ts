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
import { createRng, shuffled } from '../rng.js';
import { clopperPearson } from '../routing/clopper-pearson.js';
import { bettingUpper } from './betting-bound.js';
import { hypergeometricUpper } from './hypergeometric.js';

/** A labelled check that carries the bound: a pool item drawn for experts and its outcome. */
export interface PromiseCheck {
  /** Position of the item in `score`. */
  readonly index: number;
  readonly stratum: string;
  /** Pool items in the stratum when drawn. */
  readonly stratumSize: number;
  /** Whether the machine's label equals the expert's. */
  readonly right: boolean;
}

/**
 * How wrong people's labels are on the items sent to them: `declared` is taken as it is;
 * `measured` from control answers (errors of answers), bounded by Clopper–Pearson at level
 * `peopleAlpha` (which then comes out of α).
 */
export type PeopleError =
  | { readonly kind: 'declared'; readonly rate: number }
  | { readonly kind: 'measured'; readonly errors: number; readonly answers: number };

/** How the errors among accepted, unchecked items are bounded. */
export type PromiseBound = 'auto' | 'exact' | 'weighted';

export interface WholeSetPromiseInput {
  /** Per pool item; higher is accepted first. Must not be fitted on `checks`. */
  readonly score: ArrayLike<number>;
  /** Labelled checks that carry the bound (never those the score was fitted on). */
  readonly checks: readonly PromiseCheck[];
  /**
   * Checks the score was fitted on (a random part of the same draws): expert-labelled, so right in
   * the final data, and outside the population the bound speaks for.
   */
  readonly fitted?: readonly { readonly index: number; readonly stratum: string }[];
  /** ε: largest share of wrong labels allowed in the final data set. */
  readonly maxError: number;
  /** α: the promise may fail with probability at most α (people's share included). */
  readonly alpha: number;
  /** Absent: people (experts) are taken to be right, as in PAC labelling. */
  readonly people?: PeopleError;
  /** Share of α spent on a measured people's error (default 0.2). */
  readonly peopleAlphaShare?: number;
  /**
   * `auto` (default): exact when all checks come from one stratum (uniform draws), else weighted;
   * `exact` refuses checks from several strata.
   */
  readonly bound?: PromiseBound;
  /** Thresholds tested, evenly spaced in accepted items (default 200). */
  readonly steps?: number;
  /** Seed of the shuffle that breaks ties in score. */
  readonly seed?: number;
}

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

interface Prepared {
  readonly N: number;
  readonly order: Int32Array;
  readonly position: Int32Array;
  readonly expert: Uint8Array;
  readonly fittedCount: number;
}

function prepare(input: WholeSetPromiseInput): Prepared {
  const N = input.score.length;
  const rng = createRng(input.seed ?? 0);
  const tie = new Float64Array(N);
  for (let i = 0; i < N; i++) tie[i] = rng.next();
  const order = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => {
    const d = (input.score[b] as number) - (input.score[a] as number);
    return d !== 0 ? d : (tie[a] as number) - (tie[b] as number);
  });
  const position = new Int32Array(N);
  for (let p = 0; p < N; p++) position[order[p] as number] = p;
  const expert = new Uint8Array(N);
  for (const c of [...(input.fitted ?? []), ...input.checks]) {
    if (!(Number.isInteger(c.index) && c.index >= 0 && c.index < N))
      throw new HiloError('INVALID_INPUT', `check ${c.index} is not a pool item`);
    if (expert[c.index] !== 0)
      throw new HiloError('INVALID_INPUT', `pool item ${c.index} is checked twice`);
    expert[c.index] = 1;
  }
  const fittedCount = input.fitted?.length ?? 0;
  return { N, order, position, expert, fittedCount };
}

function peopleUpper(input: WholeSetPromiseInput): { upper: number; alphaLeft: number } {
  const people = input.people;
  if (!people) return { upper: 0, alphaLeft: input.alpha };
  if (people.kind === 'declared') {
    if (!(people.rate >= 0 && people.rate <= 1))
      throw new HiloError(
        'INVALID_INPUT',
        `people's error rate must be in [0, 1], got ${people.rate}`,
      );
    return { upper: people.rate, alphaLeft: input.alpha };
  }
  const share = input.peopleAlphaShare ?? 0.2;
  const a = input.alpha * share;
  const { errors, answers } = people;
  if (answers === 0) return { upper: 1, alphaLeft: input.alpha - a };
  // One-sided Clopper–Pearson at level a is the upper end of the two-sided interval at 2a.
  return { upper: clopperPearson(errors, answers, 2 * a).upper, alphaLeft: input.alpha - a };
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
  const prep = prepare(input);
  const { N, order, position, expert } = prep;
  const people = peopleUpper(input);
  const alpha = people.alphaLeft;
  const strata = new Map<string, { size: number; drawn: number }>();
  for (const c of input.checks) {
    const s = strata.get(c.stratum) ?? { size: c.stratumSize, drawn: 0 };
    s.drawn++;
    strata.set(c.stratum, s);
  }
  const fittedIn = new Map<string, number>();
  for (const f of input.fitted ?? []) fittedIn.set(f.stratum, (fittedIn.get(f.stratum) ?? 0) + 1);
  if (input.bound === 'exact' && strata.size > 1)
    throw new HiloError(
      'INVALID_INPUT',
      `the exact bound needs checks drawn uniformly from one stratum; these come from ${strata.size}`,
    );
  const kind: 'exact' | 'weighted' =
    input.bound !== 'weighted' && strata.size <= 1 ? 'exact' : 'weighted';
  const n = input.checks.length;
  // Per check, its Horvitz–Thompson weight (items of the bound population it stands for).
  const sorted = input.checks
    .map((c) => {
      const s = strata.get(c.stratum) as { size: number; drawn: number };
      const weight = (s.size - (fittedIn.get(c.stratum) ?? 0)) / s.drawn;
      return { position: position[c.index] as number, wrong: c.right ? 0 : 1, weight };
    })
    .sort((a, b) => a.position - b.position);
  const sequence = shuffled(sorted, createRng((input.seed ?? 0) + 1));
  const maxWeight = sorted.reduce((m, c) => Math.max(m, c.weight), 0);
  const steps = Math.max(1, Math.floor(input.steps ?? 200));
  const step = Math.max(1, Math.ceil(N / steps));
  const tests: PromiseTest[] = [];
  const expertPrefix = new Int32Array(N + 1);
  for (let p = 0; p < N; p++)
    expertPrefix[p + 1] =
      (expertPrefix[p] as number) + ((expert[order[p] as number] as number) > 0 ? 1 : 0);
  let chosen = 0;
  let chosenBound = boundAt(0);
  for (let k = step; ; k += step) {
    const accepted = Math.min(k, N);
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
    if (accepted === N) break;
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
    estimate: chosenBound.estimate,
    checkedAmongAccepted,
    spared: chosen - checkedAmongAccepted,
    toPeople: N - chosen - (expertTotal - checkedAmongAccepted),
    peopleErrorUpper: people.upper,
    boundKind: kind,
    tests,
  };

  function boundAt(accepted: number): { upper: number; estimate: number } {
    const checkedIn = expertPrefix[accepted] as number;
    const toPeople = N - accepted - (expertPrefix[N] as number) + checkedIn;
    const peopleErrors = people.upper * toPeople;
    let inA = 0;
    let wrongInA = 0;
    let weighted = 0;
    for (const c of sorted) {
      if (c.position >= accepted) break;
      inA++;
      wrongInA += c.wrong;
      weighted += c.wrong * c.weight;
    }
    const estimate = (Math.max(0, weighted - wrongInA) + peopleErrors) / N;
    if (accepted === 0) return { upper: peopleErrors / N, estimate };
    // The bound population among the accepted: accepted items that are not fitted checks.
    const populationA = accepted - (checkedIn - inA);
    if (kind === 'exact') {
      const upperM = hypergeometricUpper(populationA, inA, wrongInA, alpha);
      return { upper: (upperM - wrongInA + peopleErrors) / N, estimate };
    }
    // Errors among all accepted items of the bound population, bounded from the weighted checks
    // as i.i.d. draws with chance 1 / (n · weight) each; never more than the accepted items not
    // seen right.
    // In a seeded random order: the bet needs draws in an order that owes nothing to the items.
    const values = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const c = sequence[j] as (typeof sorted)[number];
      values[j] = c.position < accepted ? (c.wrong * c.weight) / maxWeight : 0;
    }
    const scale = n * maxWeight;
    const upperM = Math.min(populationA - (inA - wrongInA), bettingUpper(values, alpha) * scale);
    return { upper: (Math.max(0, upperM - wrongInA) + peopleErrors) / N, estimate };
  }
}
