import { tokenize } from './feature-hashing.js';

/** Marks a word of response A or B, so the same word counts differently on each side. */
const SIDE_A = 'ǂa';
const SIDE_B = 'ǂb';

/**
 * The text a local model reads for a pairwise item: the prompt's words as they are, then every
 * word of response A prefixed `ǂa` and every word of B prefixed `ǂb`. A bag-of-words model over
 * it can weigh "A says sorry" apart from "B says sorry" — over plain concatenated text it could
 * not tell which response a word came from — and the character n-gram ` ǂa` counts the words
 * of A (its length).
 * @example pairwiseText('Why?', 'Because.', 'No idea') // 'why\nǂabecause\nǂbno ǂbidea'
 * Complexity: O(length of the three texts).
 */
export function pairwiseText(prompt: string, a: string, b: string): string {
  const side = (text: string, mark: string) =>
    tokenize(text)
      .map((word) => mark + word)
      .join(' ');
  return `${tokenize(prompt).join(' ')}\n${side(a, SIDE_A)}\n${side(b, SIDE_B)}`;
}

/**
 * A text `pairwiseText` wrote, with the two responses exchanged: what the model reads when B is
 * shown first.
 * @example swapPairwiseText(pairwiseText('q', 'yes', 'no')) === pairwiseText('q', 'no', 'yes') // true
 * Complexity: O(length).
 */
export function swapPairwiseText(text: string): string {
  const [prompt = '', a = '', b = ''] = text.split('\n');
  const flip = (line: string, from: string, to: string) =>
    line === ''
      ? ''
      : line
          .split(' ')
          .map((word) => to + word.slice(from.length))
          .join(' ');
  return `${prompt}\n${flip(b, SIDE_B, SIDE_A)}\n${flip(a, SIDE_A, SIDE_B)}`;
}

/**
 * A pairwise verdict with the two responses' places exchanged: `a` ↔ `b`; `tie` (and any other
 * label) stays.
 * @example swapVerdict('a') // 'b'
 * Complexity: O(1).
 */
export function swapVerdict(label: string): string {
  return label === 'a' ? 'b' : label === 'b' ? 'a' : label;
}
