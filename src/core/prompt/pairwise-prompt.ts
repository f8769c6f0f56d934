import type { PairwiseOptions } from '../project.js';
import type { Fields } from '../types.js';
import { renderFieldValue, renderItemFields } from './render-fields.js';
import { KIND_TEMPLATE } from './kind-prompt-text.js';
import { assignLabelCodes, CODE_ALPHABET, type LabelCodes } from './label-codes.js';

const T = KIND_TEMPLATE.pairwise;

/**
 * A pairwise item as the judge reads it: the project's other fields as `field: value` lines,
 * then the prompt and the two responses under their headings. `swapped` shows B's response as
 * Response A and A's as Response B (the second order of a swap-and-combine judge).
 * @example pairwiseItemText(['prompt', 'a', 'b'], options, { prompt: 'Hi?', a: 'Hello', b: 'Hey' }, false)
 * // 'Prompt:\nHi?\n\nResponse A:\nHello\n\nResponse B:\nHey'
 * Complexity: O(rendered length).
 */
export function pairwiseItemText(
  fields: readonly string[],
  options: Pick<PairwiseOptions, 'prompt' | 'a' | 'b'>,
  values: Fields,
  swapped: boolean,
): string {
  const special = new Set([options.prompt, options.a, options.b]);
  const others = fields.filter((field) => !special.has(field));
  const [first, second] = swapped ? [options.b, options.a] : [options.a, options.b];
  const parts: string[] = [];
  if (others.length > 0) parts.push(renderItemFields(others, values));
  parts.push(`${T.prompt}\n${renderFieldValue(values[options.prompt])}`);
  parts.push(`${T.responseA}\n${renderFieldValue(values[first])}`);
  parts.push(`${T.responseB}\n${renderFieldValue(values[second])}`);
  return parts.join('\n\n');
}

/**
 * A verdict as it reads with the responses swapped: `a` ↔ `b`; `tie` and anything else as is.
 * @example swapVerdict('a') // 'b'
 */
export function swapVerdict<T extends string | null>(verdict: T): T {
  if (verdict === 'a') return 'b' as T;
  if (verdict === 'b') return 'a' as T;
  return verdict;
}

/**
 * The codes of pairwise verdicts: A, B (and C) in label order, upper case whatever the verdict
 * names, so "A" is Response A as shown (the names `a` and `b` would otherwise be their own
 * lower-case codes).
 * @example pairwiseCodes(['a', 'b', 'tie']).codes // ['A', 'B', 'C']
 * Complexity: O(labels).
 */
export function pairwiseCodes(labels: readonly string[]): LabelCodes {
  const checked = assignLabelCodes(labels);
  const codes = CODE_ALPHABET.slice(0, checked.labels.length);
  return { kind: 'codes', labels, codes, indexByCode: new Map(codes.map((code, i) => [code, i])) };
}
