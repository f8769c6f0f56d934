import { HiloError } from '../errors.js';

/**
 * The alphabet of answer codes, in assignment order. Each is one character, and every
 * tokenizer we know of (BPE, SentencePiece, WordPiece) has a single token for each of them,
 * both bare (`A`) and with a leading space (` A`).
 */
export const CODE_ALPHABET: readonly string[] = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'0123456789',
];

/**
 * How the model is asked to name a label.
 * - `codes`: one character per label. The answer is decided by one token, so the
 *   log-probabilities of the candidate tokens at that position ARE the label probabilities.
 * - `names`: the label names themselves (more labels than codes). A name is usually several
 *   tokens and names can share a prefix ("negative" and "neutral" both start with `ne`), so the
 *   first token's distribution is not the label distribution: the `logprobs` method becomes a
 *   rough first-token approximation and self-consistency is the sound choice.
 */
type LabelCodeKind = 'codes' | 'names';

/** The code of every label, in the project's label order. */
export interface LabelCodes {
  readonly kind: LabelCodeKind;
  readonly labels: readonly string[];
  /** `codes[i]` is what the model writes for `labels[i]`. */
  readonly codes: readonly string[];
  /** Code → label index. */
  readonly indexByCode: ReadonlyMap<string, number>;
}

/**
 * Assigns each label a code the model answers with. Up to 62 labels get single-character codes
 * (`A`..`Z`, `a`..`z`, `0`..`9`): single tokens matter because the distribution is read from
 * ONE token position; with multi-token answers, labels sharing a first token share its mass and
 * the rest of each label's probability is spread over later positions that were never sampled.
 * When every label name is already a distinct code character (ratings `1`..`5`), the names are
 * used as their own codes so the model never has to translate. Beyond 62 labels the names are
 * the codes (`kind: 'names'`).
 *
 * @example assignLabelCodes(['negative', 'neutral', 'positive']).codes // ['A', 'B', 'C']
 * @example assignLabelCodes(['1', '2', '3']).codes // ['1', '2', '3']
 * Complexity: O(labels).
 */
export function assignLabelCodes(labels: readonly string[]): LabelCodes {
  if (labels.length === 0) throw new HiloError('INVALID_INPUT', 'the label set is empty');
  if (new Set(labels).size !== labels.length) {
    throw new HiloError('INVALID_INPUT', 'the label set has duplicate names');
  }
  const alphabet = new Set(CODE_ALPHABET);
  let codes: readonly string[];
  let kind: LabelCodeKind = 'codes';
  if (labels.every((label) => alphabet.has(label))) codes = labels;
  else if (labels.length <= CODE_ALPHABET.length) codes = CODE_ALPHABET.slice(0, labels.length);
  else {
    codes = labels;
    kind = 'names';
  }
  return { kind, labels, codes, indexByCode: new Map(codes.map((code, i) => [code, i])) };
}
