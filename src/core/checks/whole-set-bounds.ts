/**
 * The bound behind the whole-data-set promise, for any number of accepted items in a fixed order:
 * an upper confidence bound on the share of wrong labels in the final data set when the first k
 * items of the order keep the machine's label. `wholeSetPromise` tests these bounds in a fixed
 * sequence; other callers (a cascade of models, a plan) may read them directly.
 */
import { HiloError } from '../errors.js';
import { clopperPearson } from '../routing/clopper-pearson.js';
import { createRng, shuffled } from '../rng.js';
import { bettingUpper } from './betting-bound.js';
import { hypergeometricUpper } from './hypergeometric.js';
import type { WholeSetPromiseInput } from './whole-set-types.js';

/** The bound and the estimate of the final error share when `accepted` items are accepted. */
export interface FinalErrorBound {
  readonly upper: number;
  readonly estimate: number;
}

/** Everything the fixed sequence needs: the order, who is checked, and the bound at any k. */
export interface WholeSetBounds {
  readonly N: number;
  /** Items that may be accepted at all (a finite score); they come first in the order. */
  readonly acceptable: number;
  /** Pool positions in acceptance order. */
  readonly order: Int32Array;
  /** expertPrefix[k]: expert-labelled items among the first k of the order. */
  readonly expertPrefix: Int32Array;
  /** Per pool item: 1 when it carries an expert label (a check). */
  readonly expert: Uint8Array;
  readonly peopleErrorUpper: number;
  readonly kind: 'exact' | 'weighted';
  boundAt(accepted: number): FinalErrorBound;
}

interface Prepared {
  readonly N: number;
  readonly order: Int32Array;
  readonly position: Int32Array;
  readonly expert: Uint8Array;
  readonly acceptable: number;
}

function prepare(input: WholeSetPromiseInput): Prepared {
  const N = input.score.length;
  const rng = createRng(input.seed ?? 0);
  const tie = new Float64Array(N);
  for (let i = 0; i < N; i++) tie[i] = rng.next();
  const key = (i: number): number => {
    const s = input.score[i] as number;
    return Number.isFinite(s) ? s : -Infinity;
  };
  let acceptable = 0;
  for (let i = 0; i < N; i++) if (key(i) > -Infinity) acceptable++;
  const order = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return kb > ka ? 1 : -1;
    return (tie[a] as number) - (tie[b] as number);
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
  return { N, order, position, expert, acceptable };
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

/**
 * The bounds for an input of `wholeSetPromise`.
 * @example wholeSetBounds({ score, checks, maxError: 0.05, alpha: 0.05 }).boundAt(500).upper
 * Complexity: O(N log N) to prepare, O(checks · log N) per bound.
 */
export function wholeSetBounds(input: WholeSetPromiseInput): WholeSetBounds {
  const prep = prepare(input);
  const { N, order, position, expert, acceptable } = prep;
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
  const expertPrefix = new Int32Array(N + 1);
  for (let p = 0; p < N; p++)
    expertPrefix[p + 1] =
      (expertPrefix[p] as number) + ((expert[order[p] as number] as number) > 0 ? 1 : 0);
  return {
    N,
    acceptable,
    order,
    expertPrefix,
    expert,
    peopleErrorUpper: people.upper,
    kind,
    boundAt,
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
    const upperM =
      n === 0
        ? populationA
        : Math.min(populationA - (inA - wrongInA), bettingUpper(values, alpha) * scale);
    return { upper: (Math.max(0, upperM - wrongInA) + peopleErrors) / N, estimate };
  }
}
