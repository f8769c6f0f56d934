import { HiloError } from '../errors.js';

/** Joins the names of a multi-label item's set in one label string (`toxic|insult`). */
export const LABEL_SET_SEPARATOR = '|';

/**
 * The one string a multi-label set is stored and compared as: the names in the project's label
 * order, joined by `|`; the empty set is the empty string. Two equal sets have one code.
 * @example encodeLabelSet(['insult', 'toxic'], ['toxic', 'obscene', 'insult']) // 'toxic|insult'
 * Complexity: O(L + |names|).
 */
export function encodeLabelSet(names: Iterable<string>, labels: readonly string[]): string {
  const wanted = new Set(names);
  for (const name of wanted) {
    if (!labels.includes(name)) {
      throw new HiloError(
        'INVALID_INPUT',
        `"${name}" is not one of the labels (${labels.join(', ')})`,
      );
    }
  }
  return labels.filter((label) => wanted.has(label)).join(LABEL_SET_SEPARATOR);
}

/**
 * The names of a stored multi-label code, in the project's label order; throws on a name
 * outside the labels.
 * @example decodeLabelSet('toxic|insult', ['toxic', 'obscene', 'insult']) // ['toxic', 'insult']
 * Complexity: O(L + |code|).
 */
export function decodeLabelSet(code: string, labels: readonly string[]): string[] {
  if (code === '') return [];
  return encodeLabelSet(code.split(LABEL_SET_SEPARATOR), labels).split(LABEL_SET_SEPARATOR);
}

/**
 * The indices (ascending) of a stored multi-label code's labels.
 * @example labelSetIndices('toxic|insult', ['toxic', 'obscene', 'insult']) // [0, 2]
 * Complexity: O(L + |code|).
 */
export function labelSetIndices(code: string, labels: readonly string[]): number[] {
  const names = new Set(decodeLabelSet(code, labels));
  const out: number[] = [];
  labels.forEach((label, l) => {
    if (names.has(label)) out.push(l);
  });
  return out;
}
