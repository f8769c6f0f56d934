import type { TokenLogprob } from '../ports/chat-model.js';

export interface LabelSetLogprobsOptions {
  /** The choice's per-token logprobs, as the provider sent them. */
  readonly tokens: readonly TokenLogprob[];
  readonly labels: readonly string[];
  /** Read after the last `Answer:` (the JSON follows the reasoning). */
  readonly chainOfThought: boolean;
  /** Raw probability of a missing yes or no, capped at the smallest listed one. Default 1e-6. */
  readonly missingFloor?: number;
}

export interface LabelSetLogprobs {
  /** P(yes) per label, in label order: yes mass / (yes + no mass) at the label's value token. */
  readonly probabilities: Float64Array;
  /** Mean over labels of the mass on tokens that are neither yes nor no, in [0, 1]. */
  readonly otherMass: number;
}

const MARKER = /answer[\s*_]*[:：]/gi;
const LEADING = /^[\s"':]+/;
const TRAILING = /["',}\s]+$/;

/**
 * Per-label probabilities from the logprobs of a yes/no JSON answer (`{"toxic": "yes", …}`):
 * for each label, in order, the token that starts its value (after `"label":` and an optional
 * quote) is found in the answer text, and its top alternatives are read as yes (`yes`, `true`
 * and their prefixes, any case, quotes and spaces trimmed) or no (`no`, `false`); P(yes) is the
 * yes mass over the yes and no mass. Returns null when a label's key is not in the answer, its
 * value token is glued to the key (so its alternatives are not values), or no yes or no is
 * among the alternatives: the caller then samples, or abstains.
 * @example labelSetLogprobs({ tokens, labels: ['toxic', 'insult'], chainOfThought: false })?.probabilities // [0.92, 0.07]
 * Complexity: O(tokens × token length + labels × top alternatives).
 */
export function labelSetLogprobs(options: LabelSetLogprobsOptions): LabelSetLogprobs | null {
  const { tokens, labels } = options;
  const starts: number[] = [];
  let text = '';
  for (const t of tokens) {
    starts.push(text.length);
    text += t.token;
  }
  let cursor = 0;
  if (options.chainOfThought) {
    cursor = -1;
    for (const match of text.matchAll(MARKER)) cursor = match.index + match[0].length;
    if (cursor < 0) return null;
  }
  const probabilities = new Float64Array(labels.length);
  let other = 0;
  for (let l = 0; l < labels.length; l++) {
    const key = new RegExp(`"${escape(labels[l] as string)}"\\s*:\\s*"?`, 'gi');
    const at = findFrom(text, key, cursor);
    if (at === null) return null;
    cursor = at;
    const i = tokenAt(starts, text.length, at);
    const token = tokens[i];
    if (token === undefined) return null;
    const before = text.slice(starts[i], at);
    if (!/^[\s"':]*$/.test(before)) return null;
    const read = yesNo(token, options.missingFloor ?? 1e-6);
    if (read === null) return null;
    probabilities[l] = read.yes;
    other += read.other;
  }
  return { probabilities, otherMass: labels.length > 0 ? other / labels.length : 0 };
}

function yesNo(at: TokenLogprob, floor: number): { yes: number; other: number } | null {
  const alternatives = at.top.some((alt) => alt.token === at.token)
    ? at.top
    : [...at.top, { token: at.token, logprob: at.logprob }];
  let yes = 0;
  let no = 0;
  let smallest = 1;
  for (const alt of alternatives) {
    if (!Number.isFinite(alt.logprob)) continue;
    const p = Math.exp(Math.min(0, alt.logprob));
    smallest = Math.min(smallest, p);
    const word = alt.token.replace(LEADING, '').replace(TRAILING, '').toLowerCase();
    if (word === '') continue;
    if ('yes'.startsWith(word) || 'true'.startsWith(word)) yes += p;
    else if ('no'.startsWith(word) || 'false'.startsWith(word)) no += p;
  }
  if (yes + no <= 0) return null;
  const f = Math.min(floor, smallest);
  const y = yes > 0 ? yes : f;
  const n = no > 0 ? no : f;
  return { yes: y / (y + n), other: Math.min(1, Math.max(0, 1 - yes - no)) };
}

/** The end of the first match of a sticky-less search from `from`, or null. */
function findFrom(text: string, pattern: RegExp, from: number): number | null {
  const global = new RegExp(pattern.source, 'gi');
  global.lastIndex = from;
  const match = global.exec(text);
  return match === null ? null : match.index + match[0].length;
}

/** The token holding character `offset` (the last token when it is the end of the text). */
function tokenAt(starts: readonly number[], length: number, offset: number): number {
  if (offset >= length) return -1;
  let i = 0;
  while (i + 1 < starts.length && (starts[i + 1] as number) <= offset) i++;
  return i;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
