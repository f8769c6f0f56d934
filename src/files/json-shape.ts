/** Objects and arrays nested deeper than this in one record are refused. */
export const MAX_JSON_DEPTH = 64;

/** What the raw text of one JSON value shows that its parsed value hides. */
export interface JsonShape {
  /** The deepest nesting of objects and arrays (a flat object is 1). */
  readonly depth: number;
  /**
   * The source text of the top-level numbers that JavaScript would write back differently
   * (beyond 2^53, `1.0`, `1e3`, `-0`), by key; undefined when there are none.
   */
  readonly literals: ReadonlyMap<string, string> | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Scans the text of one JSON value between `start` and `end` without building it: its nesting
 * depth, and the numbers of a top-level object whose exact text a parse would lose. The text
 * need not be valid JSON (the parse that follows says what is wrong with it).
 * @example jsonShape('{"id": 12345678901234567891, "a": [1]}') // { depth: 2, literals: id → '12345678901234567891' }
 * Complexity O(end − start), jumping over strings with indexOf.
 */
export function jsonShape(text: string, start = 0, end = text.length): JsonShape {
  let depth = 0;
  let deepest = 0;
  // The last top-level key, as offsets: its text is only cut out when a number follows.
  let keyOpen = -1;
  let keyClose = -1;
  let expectKey = false;
  let literals: Map<string, string> | undefined;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = closingQuote(text, i, end);
      if (depth === 1 && expectKey) {
        keyOpen = i;
        keyClose = close;
        expectKey = false;
      }
      i = close + 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (depth === 1) expectKey = c === 0x7b;
      i += 1;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      i += 1;
    } else if (c === 0x2c) {
      if (depth === 1) expectKey = true;
      i += 1;
    } else if (depth === 1 && keyOpen >= 0 && (c === 0x2d || (c >= 0x30 && c <= 0x39))) {
      let j = i + 1;
      while (j < end && isNumberPart(text.charCodeAt(j))) j++;
      const literal = text.slice(i, j);
      if (String(Number(literal)) !== literal) {
        (literals ??= new Map()).set(stringText(text, keyOpen, keyClose), literal);
      }
      i = j;
    } else {
      i += 1;
    }
  }
  return { depth: deepest, literals };
}

/**
 * Puts back the exact source text of numbers a parse changed (see `jsonShape`), as strings, so
 * an id such as 12345678901234567891 is never rounded into another.
 * @example keepLiterals({ id: 12345678901234567000 }, shape) // { id: '12345678901234567891' }
 * Complexity O(literals).
 */
export function keepLiterals(values: Record<string, unknown>, shape: JsonShape): void {
  if (shape.literals === undefined) return;
  for (const [key, literal] of shape.literals) {
    if (typeof values[key] === 'number') values[key] = literal;
  }
}

function isNumberPart(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d
  );
}

/** The index of the quote closing the string that opens at `open` (or `end` if none). */
function closingQuote(text: string, open: number, end: number): number {
  let j = open + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j === -1 || j >= end) return end;
    let slashes = 0;
    for (let k = j - 1; k > open && text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return j;
    j += 1;
  }
}

function stringText(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return raw;
  }
}

/**
 * The top-level key of a JSON object whose value the text `before` ends inside, if any: where a
 * bad byte sits, for the message.
 * @example jsonFieldAt('{"id": 1, "text": "caf') // 'text'
 * Complexity O(length).
 */
export function jsonFieldAt(before: string): string | undefined {
  let depth = 0;
  let key: string | undefined;
  let expectKey = false;
  let inValue = false;
  let i = 0;
  while (i < before.length) {
    const c = before.charCodeAt(i);
    if (c === QUOTE) {
      const close = closingQuote(before, i, before.length);
      if (close === before.length) return depth === 1 && expectKey ? undefined : inValueKey();
      if (depth === 1 && expectKey) {
        key = stringText(before, i, close);
        expectKey = false;
        inValue = true;
      }
      i = close + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth === 1) expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
    else if (c === 0x2c && depth === 1) {
      expectKey = true;
      inValue = false;
    }
    i += 1;
  }
  return inValueKey();

  function inValueKey(): string | undefined {
    return inValue && depth >= 1 ? key : undefined;
  }
}
