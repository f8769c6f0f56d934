import { open } from 'node:fs/promises';
import { HiloError } from '../core/errors.js';
import type { RecordError, RecordSource, SourceRecord } from '../core/ports/records.js';
import { sizeText, type TextEncoding } from './input-limits.js';
import { jsonShape, keepLiterals, MAX_JSON_DEPTH } from './json-shape.js';
import { readFailure } from './open-text-input.js';
import { TextChecker } from './text-checker.js';

/** A JSON array file is read whole, so it is capped; JSON lines stream without a cap. */
const MAX_ARRAY_FILE_BYTES = 512 << 20;

/**
 * Reads a file holding one JSON array of objects (such as a Label Studio task export), each
 * element a record whose `line` is the line its element starts on. The file is read whole: such
 * exports are made for browsing, not for millions of rows (use JSON lines for those). A file that
 * is not valid JSON is one RecordError; an element that is not an object is one too.
 * @example for await (const batch of jsonArrayRecordSource('tasks.json').batches(1000)) { ... }
 * Complexity O(bytes); memory the whole file.
 */
export function jsonArrayRecordSource(
  path: string,
  options: { readonly encoding?: TextEncoding } = {},
): RecordSource {
  return {
    path,
    async *batches(batchSize: number) {
      const text = await readArrayFile(path, options.encoding ?? 'utf-8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield [{ line: 1, error: `not valid JSON (${(error as Error).message})` }];
        return;
      }
      if (!Array.isArray(value)) {
        yield [{ line: 1, error: 'expected a JSON array of objects' }];
        return;
      }
      const spans = elementSpans(text);
      let batch: (SourceRecord | RecordError)[] = [];
      value.forEach((element: unknown, index) => {
        const span = spans[index];
        batch.push(arrayRecord(element, index, span, text));
      });
      while (batch.length > 0) {
        yield batch.slice(0, batchSize);
        batch = batch.slice(batchSize);
      }
    },
  };
}

/**
 * Whether a file's text starts (after blanks and a byte-order mark) with `[`: a JSON array rather
 * than JSON lines.
 * @example startsAsArray('\n  [{"id": 1}]') // true
 * Complexity O(leading blanks).
 */
export function startsAsArray(head: string): boolean {
  return /^(\uFEFF|\u00EF\u00BB\u00BF)?\s*\[/.test(head);
}

async function readArrayFile(path: string, encoding: TextEncoding): Promise<string> {
  let bytes: Buffer;
  try {
    const file = await open(path);
    try {
      const { size } = await file.stat();
      if (size > MAX_ARRAY_FILE_BYTES) {
        throw new HiloError(
          'INVALID_INPUT',
          `a JSON array file larger than ${sizeText(MAX_ARRAY_FILE_BYTES)} is not read whole: write it as JSON lines (one object per line)`,
          { file: path },
        );
      }
      bytes = await file.readFile();
    } finally {
      await file.close();
    }
  } catch (error) {
    throw readFailure(path, error);
  }
  // The checker refuses bytes that are not text, naming the line, and drops a byte-order mark.
  const checker = new TextChecker({ file: path, encoding, maxLineBytes: Infinity });
  const checked = checker.bytes(bytes);
  checker.end();
  return checked.toString('utf8');
}

interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

function arrayRecord(
  element: unknown,
  index: number,
  span: Span | undefined,
  text: string,
): SourceRecord | RecordError {
  const line = span?.line ?? 1;
  if (element === null || typeof element !== 'object' || Array.isArray(element)) {
    return { line, error: `element ${index + 1} of the array is not an object` };
  }
  if (span === undefined) return { line, values: element as Record<string, unknown> };
  const shape = jsonShape(text, span.start, span.end);
  if (shape.depth > MAX_JSON_DEPTH) {
    return { line, error: `nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` };
  }
  const values = element as Record<string, unknown>;
  keepLiterals(values, shape);
  return { line, values };
}

/** Where each top-level element of a JSON array starts (line, offset) and ends, in order. */
function elementSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open: { line: number; start: number } | undefined;
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && expecting && c !== ']') {
      open = { line, start: i };
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0 && open !== undefined) spans.push({ ...open, end: i });
    } else if (c === ',' && depth === 1) {
      if (open !== undefined) spans.push({ ...open, end: i });
      open = undefined;
      expecting = true;
    }
  }
  return spans;
}
