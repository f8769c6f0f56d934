/**
 * People's multi-label answers as yes/no questions, one per (item, label): a binary
 * Dawid-Skene in which each annotator has a sensitivity P(says yes | applies) and a specificity
 * P(says no | does not apply), shared by the labels of the set, and each label its own
 * prevalence. A machine's yes-probability is a soft answer.
 */
export interface LabelSetVotes {
  readonly numItems: number;
  readonly numLabels: number;
  readonly numAnnotators: number;
  /** Per vote: its item. */
  readonly item: Int32Array;
  /** Per vote: its annotator. */
  readonly annotator: Int32Array;
  /** Per vote × label: the probability the vote says yes (0 or 1 for a person). */
  readonly yes: Float64Array;
  /** Per item × label: the trusted answer of a control (1 yes, 0 no), else -1. */
  readonly gold?: Int8Array;
}

/** One annotator's fitted rates. */
export interface LabelSetRates {
  readonly sensitivity: number;
  readonly specificity: number;
}

/** A fitted {@link LabelSetVotes} model. */
export interface LabelSetFit {
  /** Per annotator. */
  readonly rates: readonly LabelSetRates[];
  /** Per annotator: the votes the fit saw. */
  readonly votes: Int32Array;
  /** The rates of the annotators in `pool` taken together (the prior alone without votes). */
  readonly pooled: LabelSetRates;
  /** Per label: the share of items it applies to (items that are not controls, once ≥ 10). */
  readonly prevalence: Float64Array;
  /** Per item × label: P(applies). */
  readonly posteriors: Float64Array;
  readonly iterations: number;
}

export interface LabelSetFitOptions {
  /** Per annotator: 1 when they count toward the pooled rates (people), else 0; default all. */
  readonly pool?: Uint8Array;
  /** Rates assumed before the votes say otherwise (default 0.8)… */
  readonly priorAccuracy?: number;
  /** …worth this many label decisions each way (default 4). */
  readonly priorWeight?: number;
  readonly maxIterations?: number;
  /** Stops when no posterior moves more than this (default 1e-4). */
  readonly tolerance?: number;
}

/** Items besides controls before the prevalences leave controls out. */
const MIN_PREVALENCE_ITEMS = 10;

/**
 * Fits the binary Dawid-Skene of {@link LabelSetVotes} by EM, controls clamped to their
 * trusted answers; starts from each question's share of yes answers.
 * @example const fit = fitLabelSetCrowd({ numItems: 1, numLabels: 2, numAnnotators: 2, item: Int32Array.of(0, 0), annotator: Int32Array.of(0, 1), yes: Float64Array.of(1, 0, 1, 1) })
 * Complexity: O(sweeps × votes × L), memory O(items × L + annotators).
 */
export function fitLabelSetCrowd(
  data: LabelSetVotes,
  options: LabelSetFitOptions = {},
): LabelSetFit {
  const { numItems: N, numLabels: L, numAnnotators: A, item, annotator, yes } = data;
  const V = item.length;
  const prior = options.priorAccuracy ?? 0.8;
  const weight = options.priorWeight ?? 4;
  const tolerance = options.tolerance ?? 1e-4;
  const maxIterations = options.maxIterations ?? 50;
  const q = new Float64Array(N * L);
  const counts = new Float64Array(N * L);
  for (let v = 0; v < V; v++) {
    const i = item[v] as number;
    for (let l = 0; l < L; l++) {
      q[i * L + l]! += yes[v * L + l] as number;
      counts[i * L + l]! += 1;
    }
  }
  for (let c = 0; c < N * L; c++) q[c] = counts[c]! > 0 ? q[c]! / counts[c]! : 0.5;
  clamp(q, data.gold);
  const votes = new Int32Array(A);
  for (let v = 0; v < V; v++) votes[annotator[v] as number]! += 1;
  const isGold = goldItems(data);
  let rates: LabelSetRates[] = [];
  let pooled: LabelSetRates = { sensitivity: prior, specificity: prior };
  const prevalence = new Float64Array(L).fill(0.5);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // M-step: each annotator's rates and the pooled rates, then the prevalences.
    const tp = new Float64Array(A);
    const pos = new Float64Array(A);
    const tn = new Float64Array(A);
    const neg = new Float64Array(A);
    for (let v = 0; v < V; v++) {
      const a = annotator[v] as number;
      const i = item[v] as number;
      for (let l = 0; l < L; l++) {
        const p = q[i * L + l] as number;
        const y = yes[v * L + l] as number;
        tp[a]! += p * y;
        pos[a]! += p;
        tn[a]! += (1 - p) * (1 - y);
        neg[a]! += 1 - p;
      }
    }
    const rate = (hit: number, all: number): number => (hit + prior * weight) / (all + weight);
    rates = Array.from({ length: A }, (_, a) => ({
      sensitivity: rate(tp[a] as number, pos[a] as number),
      specificity: rate(tn[a] as number, neg[a] as number),
    }));
    const sum = (xs: Float64Array): number =>
      xs.reduce((s, x, a) => s + (options.pool === undefined || options.pool[a] ? x : 0), 0);
    pooled = { sensitivity: rate(sum(tp), sum(pos)), specificity: rate(sum(tn), sum(neg)) };
    fitPrevalence(prevalence, q, counts, isGold, L);
    // E-step: each question's posterior from the prevalence and every vote on it.
    const logit = new Float64Array(N * L);
    for (let c = 0; c < N * L; c++) {
      const prev = prevalence[c % L] as number;
      logit[c] = Math.log(prev) - Math.log(1 - prev);
    }
    for (let v = 0; v < V; v++) {
      const r = rates[annotator[v] as number] as LabelSetRates;
      const i = item[v] as number;
      for (let l = 0; l < L; l++) logit[i * L + l]! += voteLogOdds(r, yes[v * L + l] as number);
    }
    let moved = 0;
    for (let c = 0; c < N * L; c++) {
      if (counts[c] === 0) continue;
      const next = 1 / (1 + Math.exp(-(logit[c] as number)));
      moved = Math.max(moved, Math.abs(next - (q[c] as number)));
      q[c] = next;
    }
    clamp(q, data.gold);
    if (moved < tolerance) {
      iterations++;
      break;
    }
  }
  return { rates, votes, pooled, prevalence, posteriors: q, iterations };
}

/**
 * One item's P(applies) per label from the prevalences and its votes, each read through its
 * annotator's rates.
 * @example labelSetPosterior(Float64Array.of(0.2), [{ rates: { sensitivity: 0.9, specificity: 0.9 }, yes: [1] }]) // [0.69…]
 * Complexity: O(votes × L).
 */
export function labelSetPosterior(
  prevalence: Float64Array,
  votes: readonly { readonly rates: LabelSetRates; readonly yes: ArrayLike<number> }[],
): Float64Array {
  const L = prevalence.length;
  const out = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const prev = prevalence[l] as number;
    let logit = Math.log(prev) - Math.log(1 - prev);
    for (const vote of votes) logit += voteLogOdds(vote.rates, vote.yes[l] ?? 0);
    out[l] = 1 / (1 + Math.exp(-logit));
  }
  return out;
}

/** log P(vote | applies) − log P(vote | does not apply), for a yes-probability y. */
function voteLogOdds(r: LabelSetRates, y: number): number {
  const s = clampRate(r.sensitivity);
  const t = clampRate(r.specificity);
  return Math.log(y * s + (1 - y) * (1 - s)) - Math.log(y * (1 - t) + (1 - y) * t);
}

function clampRate(x: number): number {
  return Math.min(1 - 1e-6, Math.max(1e-6, x));
}

function clamp(q: Float64Array, gold: Int8Array | undefined): void {
  if (gold === undefined) return;
  for (let c = 0; c < q.length; c++) if ((gold[c] ?? -1) >= 0) q[c] = gold[c] as number;
}

function goldItems(data: LabelSetVotes): Uint8Array {
  const out = new Uint8Array(data.numItems);
  if (data.gold === undefined) return out;
  for (let c = 0; c < data.gold.length; c++) {
    if ((data.gold[c] ?? -1) >= 0) out[Math.floor(c / data.numLabels)] = 1;
  }
  return out;
}

/** Prevalence per label from the items with votes: the controls left out once there are enough others. */
function fitPrevalence(
  prevalence: Float64Array,
  q: Float64Array,
  counts: Float64Array,
  isGold: Uint8Array,
  L: number,
): void {
  let others = 0;
  for (let i = 0; i < isGold.length; i++) if (!isGold[i] && counts[i * L]! > 0) others++;
  const skipGold = others >= MIN_PREVALENCE_ITEMS;
  const yes = new Float64Array(L);
  let n = 0;
  for (let i = 0; i < isGold.length; i++) {
    if (counts[i * L] === 0 || (skipGold && isGold[i])) continue;
    n++;
    for (let l = 0; l < L; l++) yes[l]! += q[i * L + l] as number;
  }
  for (let l = 0; l < L; l++) prevalence[l] = ((yes[l] as number) + 1) / (n + 2);
}
