import type { TokenLogprob } from '../ports/chat-model.js';
import type { LabelCodes } from '../prompt/label-codes.js';

/** A distribution over labels read from one token position. */
export interface CodeDistribution {
  /** Probability of each label, aligned with `codes.labels`; sums to 1. */
  readonly probabilities: Float64Array;
  /** Mass at the answer position on tokens that are not codes (1 − code mass), in [0, 1]. */
  readonly otherMass: number;
  /** Index of the answer token in the logprobs. */
  readonly position: number;
}

export interface LogprobDistributionOptions {
  /** The choice's per-token logprobs, as the provider sent them (untrimmed tokens). */
  readonly tokens: readonly TokenLogprob[];
  readonly codes: LabelCodes;
  /** Read the token after the last `Answer:`, instead of the first content token. */
  readonly chainOfThought: boolean;
  /**
   * Raw probability given to a code missing from the top alternatives, capped at the smallest
   * listed probability (a missing code can be no likelier than that). Default 1e-6: small enough
   * to leave the distribution as observed, large enough that no label gets exactly 0, which
   * would make its log-loss infinite and veto it in a log-space ensemble.
   */
  readonly missingFloor?: number;
}

const DEFAULT_MISSING_FLOOR = 1e-6;
/** `Answer:` marker; matched on the joined token text because it often spans several tokens. */
const MARKER = /answer[\s*_]*[:：]/gi;
/** Tokens that carry no answer: whitespace, markdown and quotes before the code, end of text. */
const FILLER = /^[\s*_`"'#>]*$/;

/**
 * Turns the logprobs of a direct or chain-of-thought answer into a distribution over labels.
 * At the answer position (see `findAnswerPosition`) each top alternative is trimmed (providers
 * keep leading spaces, so ` A` and `A` are different tokens) and matched case-sensitively to a
 * code; masses of alternatives naming the same code are added; the code masses are normalised
 * (a softmax over the codes' logprobs). Mass on other tokens, such as tokens a grammar forbids
 * (llama.cpp reports logprobs before the grammar), is `otherMass`. With `names` codes a token
 * counts for every label whose name starts with it, split evenly: shared prefixes make this a
 * rough first-token approximation. Returns null when no answer position is found or no code
 * appears among its alternatives; the caller then falls back to sampling or abstains.
 *
 * @example logprobDistribution({ tokens: [{ token: 'B', logprob: -0.1, top: [{ token: 'B', logprob: -0.1 }, { token: 'A', logprob: -2.4 }] }], codes, chainOfThought: false })
 * // { probabilities: [0.091, 0.909, 0.000001], otherMass: 0.0045, position: 0 }
 * Complexity: O(tokens × token length + top alternatives × labels).
 */
export function logprobDistribution(options: LogprobDistributionOptions): CodeDistribution | null {
  const { tokens, codes, chainOfThought } = options;
  const position = findAnswerPosition(tokens, chainOfThought);
  const at = tokens[position];
  if (at === undefined) return null;
  const alternatives = at.top.some((alt) => alt.token === at.token)
    ? at.top
    : [...at.top, { token: at.token, logprob: at.logprob }];

  const raw = new Float64Array(codes.labels.length);
  let codeMass = 0;
  let smallest = 1;
  for (const alt of alternatives) {
    if (!Number.isFinite(alt.logprob)) continue;
    const p = Math.exp(Math.min(0, alt.logprob));
    smallest = Math.min(smallest, p);
    const matches = matchingLabels(alt.token.trim(), codes);
    for (const index of matches) raw[index] = (raw[index] as number) + p / matches.length;
    if (matches.length > 0) codeMass += p;
  }
  if (codeMass <= 0) return null;

  const floor = Math.min(options.missingFloor ?? DEFAULT_MISSING_FLOOR, smallest);
  let total = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0) raw[i] = floor;
    total += raw[i] as number;
  }
  for (let i = 0; i < raw.length; i++) raw[i] = (raw[i] as number) / total;
  return { probabilities: raw, otherMass: Math.min(1, Math.max(0, 1 - codeMass)), position };
}

/**
 * Index of the token that carries the answer, or -1. With chain of thought: the first token after
 * the LAST `Answer:` (a token gluing the code to the colon, like `:B`, gives -1, since its
 * alternatives are not codes). Otherwise the token after a last `Answer:` if the model wrote one,
 * else the first content token. Whitespace, markdown and quote tokens and the empty
 * end-of-sequence token are skipped.
 *
 * @example findAnswerPosition([{ token: 'Answer', … }, { token: ':', … }, { token: ' B', … }], true) // 2
 * Complexity: O(total token length).
 */
export function findAnswerPosition(
  tokens: readonly TokenLogprob[],
  chainOfThought: boolean,
): number {
  const text = tokens.map((t) => t.token).join('');
  let markerEnd = -1;
  for (const match of text.matchAll(MARKER)) markerEnd = match.index + match[0].length;
  if (markerEnd < 0 && chainOfThought) return -1;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as TokenLogprob).token;
    const end = start + token.length;
    if (end > markerEnd) {
      const part = start >= markerEnd ? token : token.slice(markerEnd - start);
      if (!FILLER.test(part)) return start >= markerEnd ? i : -1;
    }
    start = end;
  }
  return -1;
}

function matchingLabels(token: string, codes: LabelCodes): number[] {
  if (token === '') return [];
  if (codes.kind === 'codes') {
    const index = codes.indexByCode.get(token);
    return index === undefined ? [] : [index];
  }
  const prefix = token.toLowerCase();
  const out: number[] = [];
  codes.labels.forEach((label, i) => {
    if (label.toLowerCase().startsWith(prefix)) out.push(i);
  });
  return out;
}
