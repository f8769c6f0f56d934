import type { LabelCodes } from '../prompt/label-codes.js';
import { CONFIDENCE_LINE } from './verbalized.js';

/** A model answer read as one of the project's labels, or why it could not be. */
export type ParsedAnswer =
  | { readonly ok: true; readonly index: number; readonly label: string; readonly code: string }
  | { readonly ok: false; readonly reason: string };

export interface ParseAnswerOptions {
  /** The prompt asked for reasoning then `Answer: <code>`. */
  readonly chainOfThought: boolean;
  /** The answer was cut off by the token limit (`finish_reason: "length"`). */
  readonly truncated?: boolean;
}

/** `Answer: B`, `**Answer:** B`, `Final answer: B`. */
const ANSWER_LINE = /^[\s>*_#-]*(?:final\s+)?answer[\s*_]*[:：][\s*_]*(.*)$/i;
/** `B (confidence: 80)` on the answer line itself. */
const TRAILING_CONFIDENCE = /[\s,;(]*confidence\b.*$/i;
const LOOSE_ENDS = /^[\s*_`]+|[\s*_`.,;!?]+$/g;
const JSON_FIELD = /"(?:label|answer|code)"\s*:\s*"([^"]*)"/i;
const WRAPPERS = /^[\s*_`"'“”‘’«»[\](){}<>]+|[\s*_`"'“”‘’«»[\](){}<>.,;:!?]+$/g;
const PAIRS = [
  /^([^\s:()]+)\s*[:).\]–—-]\s*(.+)$/, // B: neutral, B) neutral, B - neutral
  /^(.+?)\s*\(\s*([^()]+?)\s*\)$/, // B (neutral), neutral (B)
];

/**
 * Reads the label out of a model's answer: the exact code (`B`), an `Answer: B` line (the last
 * one), the label name in any case (`Neutral`), a JSON object `{"label": "B"}`, with quotes,
 * markdown and trailing punctuation ignored, or a code and name that agree (`B (neutral)`).
 * Anything else is invalid with a reason: an answer is NEVER mapped to the label it most
 * resembles, since a wrong guess would enter the data as a confident vote. A lower-case code
 * (`b`) is accepted when that is no other code. With chain of thought the answer comes from the
 * `Answer:` line, or else from a last line that is exactly a code or label.
 *
 * @example parseAnswer('The tone is flat.\nAnswer: B.', codes, { chainOfThought: true }) // { ok: true, index: 1, label: 'neutral', code: 'B' }
 * Complexity: O(length of content + labels).
 */
export function parseAnswer(
  content: string,
  codes: LabelCodes,
  options: ParseAnswerOptions,
): ParsedAnswer {
  const cut = options.truncated === true ? ' (cut off by the token limit)' : '';
  const text = content.replace(/^```(?:json)?\s*|\s*```\s*$/g, '').trim();
  if (text === '') return invalid(`empty answer${cut}`);
  if (text.startsWith('{')) return parseJson(text, codes, cut);
  const lines = text.split(/\r?\n/).filter((line) => !CONFIDENCE_LINE.test(line));
  const answerAt = lastIndexWhere(lines, (line) => ANSWER_LINE.test(line));
  if (answerAt >= 0) {
    let value = (ANSWER_LINE.exec(lines[answerAt] as string)?.[1] ?? '')
      .replace(TRAILING_CONFIDENCE, '')
      .trim();
    if (value === '') value = lines.slice(answerAt + 1).find((line) => line.trim() !== '') ?? '';
    return resolve(value, codes, cut);
  }
  const nonEmpty = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (options.chainOfThought) {
    const last = resolve(nonEmpty.at(-1) ?? '', codes, cut);
    return last.ok ? last : invalid(`no "Answer:" line${cut}`);
  }
  const whole = resolve(nonEmpty.join(' '), codes, cut);
  if (whole.ok || nonEmpty.length < 2) return whole;
  const first = resolve(nonEmpty[0] as string, codes, cut);
  return first.ok ? first : whole;
}

/**
 * The reasoning of a chain-of-thought answer: the text before its last `Answer:` line (or the
 * whole text when there is none), without confidence lines; null when empty.
 *
 * @example answerRationale('Mentions a refund.\nAnswer: C') // 'Mentions a refund.'
 * Complexity: O(length of content).
 */
export function answerRationale(content: string): string | null {
  const lines = content.split(/\r?\n/).filter((line) => !CONFIDENCE_LINE.test(line));
  const answerAt = lastIndexWhere(lines, (line) => ANSWER_LINE.test(line));
  const kept = answerAt >= 0 ? lines.slice(0, answerAt) : lines;
  const text = kept.join('\n').trim();
  return text === '' ? null : text;
}

function parseJson(text: string, codes: LabelCodes, cut: string): ParsedAnswer {
  let value: unknown;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed as Record<string, unknown>);
      value = entries.find(([key]) => /^(label|answer|code)$/i.test(key))?.[1];
      if (value === undefined) return invalid('JSON answer has no "label" field');
    } else return invalid('JSON answer is not an object');
  } catch {
    // Cut-off JSON (a grammar allows long whitespace runs) may still hold a complete label field.
    value = JSON_FIELD.exec(text)?.[1];
    if (value === undefined) return invalid(`incomplete JSON answer${cut}`);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return invalid('JSON "label" field is not a string');
  }
  return resolve(String(value), codes, cut);
}

function resolve(raw: string, codes: LabelCodes, cut: string): ParsedAnswer {
  const value = strip(raw);
  const single = lookup(value, codes);
  if (single !== undefined) return valid(single, codes);
  const loose = raw.replace(LOOSE_ENDS, '');
  for (const pattern of PAIRS) {
    const match = pattern.exec(loose);
    if (match === null) continue;
    const a = lookup(strip(match[1] as string), codes);
    const b = lookup(strip(match[2] as string), codes);
    if (a !== undefined && b !== undefined) {
      if (a === b) return valid(a, codes);
      return invalid(`"${snippet(value)}" names two different labels`);
    }
  }
  if (value === '') return invalid(`empty answer${cut}`);
  const what = codes.kind === 'codes' ? 'a label code or name' : 'a label name';
  return invalid(`"${snippet(value)}" is not ${what}${cut}`);
}

/** Exact code, then label name (exact, then case-insensitive if unique), then other-case code. */
function lookup(value: string, codes: LabelCodes): number | undefined {
  const exact = codes.indexByCode.get(value);
  if (exact !== undefined) return exact;
  const byName = codes.labels.indexOf(value);
  if (byName >= 0) return byName;
  const lower = value.toLowerCase();
  let found: number | undefined;
  for (let i = 0; i < codes.labels.length; i++) {
    if ((codes.labels[i] as string).toLowerCase() !== lower) continue;
    if (found !== undefined) return undefined;
    found = i;
  }
  if (found !== undefined) return found;
  if (codes.kind === 'codes' && value.length === 1) {
    const other = value === lower ? value.toUpperCase() : lower;
    return codes.indexByCode.get(other);
  }
  return undefined;
}

function strip(value: string): string {
  let previous: string;
  let current = value.trim();
  do {
    previous = current;
    current = current.replace(WRAPPERS, '');
  } while (current !== previous);
  return current;
}

function valid(index: number, codes: LabelCodes): ParsedAnswer {
  return {
    ok: true,
    index,
    label: codes.labels[index] as string,
    code: codes.codes[index] as string,
  };
}

function invalid(reason: string): ParsedAnswer {
  return { ok: false, reason };
}

function snippet(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function lastIndexWhere<T>(values: readonly T[], test: (value: T) => boolean): number {
  for (let i = values.length - 1; i >= 0; i--) if (test(values[i] as T)) return i;
  return -1;
}
