import type { Distribution } from '../types.js';

/**
 * How the option names of another tool's predictions become the project's labels: a name of the
 * label set stands for itself unless the map says otherwise; a name mapped to null, or a
 * probability or token on a name that is neither, is an option outside the label set.
 */
export interface LabelMapping {
  readonly labels: readonly string[];
  /** The file's name → the project's label, or null for "outside the label set". */
  readonly map: ReadonlyMap<string, string | null>;
}

/** What an option name of the file means: a label, an option outside the set, or nothing known. */
export type MappedName =
  { readonly label: string } | { readonly outside: true } | { readonly unknown: true };

/**
 * Maps one name of the file: first through the map, then as a label of the set.
 * @example mapName({ labels: ['joy'], map: new Map([['happy', 'joy']]) }, 'happy') // { label: 'joy' }
 * Complexity: O(1).
 */
export function mapName(mapping: LabelMapping, name: string): MappedName {
  const mapped = mapping.map.get(name);
  if (mapped === null) return { outside: true };
  if (mapped !== undefined) return { label: mapped };
  return mapping.labels.includes(name) ? { label: name } : { unknown: true };
}

/** A distribution over the project's labels, with the mass that fell outside them. */
export interface ImportedDistribution {
  /** Over the project's labels; sums to 1. */
  readonly probabilities: Distribution;
  /** Share of the file's mass on options outside the label set, in [0, 1]. */
  readonly otherMass: number;
  /** The options outside the label set that carried mass, as the file names them. */
  readonly outside: readonly string[];
}

/** Why a row's numbers do not make a distribution. */
export interface DistributionProblem {
  readonly problem: string;
}

/**
 * How far a given distribution may sum from 1 (after the map): files written with two or three
 * decimals (0.33 + 0.33 + 0.33) must pass, a column left out must not.
 */
export const SUM_TOLERANCE = 0.02;

/** Probability given to a label the file gives none, so no label's log-loss is infinite. */
const FLOOR = 1e-6;

/**
 * A confidence-only prediction as a distribution: the stated label gets the confidence, the
 * rest is spread evenly over the other labels.
 * @example fromConfidence('joy', 0.8, ['joy', 'fear', 'anger']) // { joy: 0.8, fear: 0.1, anger: 0.1 }
 * Complexity: O(labels).
 */
export function fromConfidence(
  label: string,
  confidence: number,
  labels: readonly string[],
): Distribution {
  const rest = labels.length > 1 ? (1 - confidence) / (labels.length - 1) : 0;
  return Object.fromEntries(labels.map((l) => [l, l === label ? confidence : rest]));
}

/**
 * A full distribution given by option name (a `probabilities` map or `p_<option>` columns). Names
 * are mapped; the masses must be in [0, 1] and sum to 1 within {@link SUM_TOLERANCE}; mass on
 * options outside the label set becomes `otherMass` (its share of the total) and the labels'
 * masses are normalised to sum to 1. A label the file gives no mass gets a tiny floor.
 * @example fromMasses([['joy', 0.7], ['fear', 0.2], ['i_dont_know', 0.1]], mapping)
 * // { probabilities: { joy: 0.78, fear: 0.22 }, otherMass: 0.1, outside: ['i_dont_know'] }
 * Complexity: O(options + labels).
 */
export function fromMasses(
  masses: readonly (readonly [string, number])[],
  mapping: LabelMapping,
): ImportedDistribution | DistributionProblem {
  const raw = new Map<string, number>();
  const outside: string[] = [];
  let other = 0;
  let total = 0;
  for (const [name, p] of masses) {
    if (!Number.isFinite(p) || p < 0 || p > 1)
      return { problem: `probability of "${name}" must be in [0, 1], got ${p}` };
    const mapped = mapName(mapping, name);
    if ('unknown' in mapped || 'outside' in mapped) {
      other += p;
      if (p > 0) outside.push(name);
    } else raw.set(mapped.label, (raw.get(mapped.label) ?? 0) + p);
    total += p;
  }
  if (Math.abs(total - 1) > SUM_TOLERANCE)
    return { problem: `probabilities sum to ${round(total)}, not 1 (tolerance ${SUM_TOLERANCE})` };
  return normalised(raw, mapping.labels, other / total, outside);
}

/** One candidate token and its log-probability, as OpenAI's `top_logprobs` lists them. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/**
 * Token log-probabilities as a distribution: each token (trimmed) is mapped like an option name
 * (then matched to a label regardless of case); the labels' probabilities (exp of the logprob,
 * summed over tokens naming the same label) are normalised — a softmax over the labels' tokens —
 * and the mass on other tokens is `otherMass` (1 − the labels' mass), as hilo's own logprob
 * labeller reads an answer token.
 * @example fromLogprobs([{ token: ' joy', logprob: -0.1 }, { token: 'fear', logprob: -2.5 }], mapping)
 * Complexity: O(tokens + labels).
 */
export function fromLogprobs(
  tokens: readonly TokenLogprob[],
  mapping: LabelMapping,
): ImportedDistribution | DistributionProblem {
  const raw = new Map<string, number>();
  const outside: string[] = [];
  let labelMass = 0;
  for (const { token, logprob } of tokens) {
    if (!Number.isFinite(logprob) && logprob !== -Infinity)
      return { problem: `logprob of "${token}" is not a number` };
    if (logprob > 1e-9) return { problem: `logprob of "${token}" must be ≤ 0, got ${logprob}` };
    const p = Math.exp(Math.min(0, logprob));
    const label = tokenLabel(mapping, token.trim());
    if (label === null) {
      if (p > 0) outside.push(token);
      continue;
    }
    raw.set(label, (raw.get(label) ?? 0) + p);
    labelMass += p;
  }
  if (labelMass <= 0) return { problem: 'no token of the label set among the logprobs' };
  const otherMass = Math.min(1, Math.max(0, 1 - labelMass));
  return normalised(raw, mapping.labels, otherMass, outside);
}

/**
 * The label with the most probability (the first listed on a tie).
 * @example argmax({ joy: 0.7, fear: 0.3 }, ['joy', 'fear']) // 'joy'
 * Complexity: O(labels).
 */
export function argmax(probabilities: Distribution, labels: readonly string[]): string {
  let best = labels[0] as string;
  for (const label of labels)
    if ((probabilities[label] ?? 0) > (probabilities[best] ?? 0)) best = label;
  return best;
}

function tokenLabel(mapping: LabelMapping, token: string): string | null {
  const mapped = mapName(mapping, token);
  if ('label' in mapped) return mapped.label;
  if ('outside' in mapped) return null;
  const lower = token.toLowerCase();
  return mapping.labels.find((l) => l.toLowerCase() === lower) ?? null;
}

function normalised(
  raw: ReadonlyMap<string, number>,
  labels: readonly string[],
  otherMass: number,
  outside: readonly string[],
): ImportedDistribution | DistributionProblem {
  let sum = 0;
  for (const label of labels) sum += Math.max(raw.get(label) ?? 0, FLOOR);
  if (sum <= labels.length * FLOOR)
    return { problem: 'no probability on any label of the label set' };
  const probabilities: Distribution = {};
  for (const label of labels) probabilities[label] = Math.max(raw.get(label) ?? 0, FLOOR) / sum;
  return { probabilities, otherMass, outside };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
