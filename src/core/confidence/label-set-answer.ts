/** A multi-label answer read as one value per label, or why it could not be. */
export type ParsedLabelSet =
  | {
      readonly ok: true;
      /** Per label, in label order: 1 / 0 for yes / no, or the stated probability in [0, 1]. */
      readonly values: Float64Array;
      /** Names the answer gave that are not labels; left out. */
      readonly unknown: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

export interface ParseLabelSetOptions {
  /** The prompt asked for reasoning then `Answer: {…}`. */
  readonly chainOfThought: boolean;
  /** The answer was cut off by the token limit. */
  readonly truncated?: boolean;
}

const ANSWER_LINE = /(?:^|\n)[\s>*_#-]*(?:final\s+)?answer[\s*_]*[:：]/gi;
const YES = new Set(['yes', 'y', 'true', 'applies', '1']);
const NO = new Set(['no', 'n', 'false', 'none', '0']);

/**
 * Reads a multi-label answer into one value per label. Accepted shapes: an object with a label
 * as each key and "yes"/"no", true/false or a probability as the value
 * (`{"toxic": 0.9, "insult": "no"}`); a list of the labels that apply (`["toxic"]`), or of
 * objects with a label and a confidence (`[{"label": "toxic", "confidence": 0.9}]`); either list
 * also under a `labels` key. Keys match label names in any case. Repairs what is unambiguous:
 * names that are not labels are left out (and reported) when at least one label is named,
 * percentages (1 < p ≤ 100) become probabilities, and labels a list leaves out do not apply.
 * Invalid, with a reason the repair request can quote: no JSON, an object missing labels, a
 * value that is neither yes/no nor a number in [0, 100], or only unknown names. With chain of
 * thought the JSON is read after the last `Answer:`.
 * @example parseLabelSetAnswer('{"toxic": "yes", "insult": 0.2}', ['toxic', 'insult'], { chainOfThought: false })
 * // { ok: true, values: [1, 0.2], unknown: [] }
 * Complexity: O(answer length + labels).
 */
export function parseLabelSetAnswer(
  content: string,
  labels: readonly string[],
  options: ParseLabelSetOptions,
): ParsedLabelSet {
  const cut = options.truncated === true ? ' (cut off by the token limit)' : '';
  let text = content;
  let answerEnd = -1;
  for (const match of content.matchAll(ANSWER_LINE)) answerEnd = match.index + match[0].length;
  if (answerEnd >= 0) text = content.slice(answerEnd);
  else if (options.chainOfThought) return invalid(`no "Answer:" line${cut}`);
  const json = jsonPart(text);
  if (json === null) return invalid(`no JSON object or list in the answer${cut}`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return invalid(`incomplete JSON answer${cut}`);
  }
  if (isObject(value)) {
    const listed = Object.entries(value).find(([key]) => key.toLowerCase() === 'labels')?.[1];
    if (Array.isArray(listed)) return fromList(listed, labels);
    return fromObject(value, labels);
  }
  if (Array.isArray(value)) return fromList(value, labels);
  return invalid('the JSON answer is neither an object nor a list');
}

function fromObject(value: Record<string, unknown>, labels: readonly string[]): ParsedLabelSet {
  const values = new Float64Array(labels.length).fill(Number.NaN);
  const unknown: string[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const l = labelIndex(key, labels);
    if (l < 0) {
      unknown.push(key);
      continue;
    }
    const read = readValue(raw);
    if (read === null) return invalid(`the value of "${key}" is not yes, no or a probability`);
    values[l] = read;
  }
  const missing = labels.filter((_, l) => Number.isNaN(values[l]));
  if (missing.length === labels.length) return invalid('the answer names none of the labels');
  if (missing.length > 0) return invalid(`the answer leaves out ${missing.join(', ')}`);
  return { ok: true, values, unknown };
}

function fromList(list: readonly unknown[], labels: readonly string[]): ParsedLabelSet {
  const values = new Float64Array(labels.length);
  const unknown: string[] = [];
  for (const entry of list) {
    let name: unknown = entry;
    let p: number | null = 1;
    if (isObject(entry)) {
      const pick = (re: RegExp): unknown => Object.entries(entry).find(([k]) => re.test(k))?.[1];
      name = pick(/^(label|name)$/i);
      const stated = pick(/^(confidence|probability|score|p)$/i);
      p = stated === undefined ? 1 : readValue(stated);
    }
    if (typeof name !== 'string') return invalid('a list entry names no label');
    const l = labelIndex(name, labels);
    if (l < 0) {
      unknown.push(name);
      continue;
    }
    if (p === null) return invalid(`the confidence of "${name}" is not a probability`);
    values[l] = Math.max(values[l] as number, p);
  }
  if (list.length > 0 && unknown.length === list.length) {
    return invalid(
      `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is not a label' : 'are not labels'}`,
    );
  }
  return { ok: true, values, unknown };
}

/** yes/no words and booleans as 1/0; numbers in [0, 1], or percentages up to 100. */
function readValue(raw: unknown): number | null {
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase().replace(/%$/, '');
    if (YES.has(word)) return 1;
    if (NO.has(word)) return 0;
    if (word === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/.test(word)) return null;
    n = Number(word);
    if (raw.trim().endsWith('%')) n /= 100;
  } else return null;
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  return n > 1 ? n / 100 : n;
}

function labelIndex(name: string, labels: readonly string[]): number {
  const exact = labels.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.trim().toLowerCase();
  const found = labels.map((l, i) => [l.toLowerCase(), i] as const).filter(([l]) => l === wanted);
  return found.length === 1 ? (found[0]?.[1] ?? -1) : -1;
}

/** The outermost JSON object or list of a text (code fences and prose around it ignored). */
function jsonPart(text: string): string | null {
  const start = text.search(/[[{]/);
  if (start < 0) return null;
  const close = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(close);
  return end > start ? text.slice(start, end + 1) : text.slice(start);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(reason: string): ParsedLabelSet {
  return { ok: false, reason };
}
