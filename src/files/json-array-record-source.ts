import { open } from 'node:fs/promises';
import type { RecordError, RecordSource, SourceRecord } from '../core/ports/records.js';
import { readFailure } from './open-text-input.js';

/**
 * Reads a file holding one JSON array of objects (such as a Label Studio task export), each
 * element a record whose `line` is the line its element starts on. The file is read whole: such
 * exports are made for browsing, not for millions of rows (use JSON lines for those). A file that
 * is not valid JSON is one RecordError; an element that is not an object is one too.
 * @example for await (const batch of jsonArrayRecordSource('tasks.json').batches(1000)) { ... }
 * Complexity O(bytes); memory the whole file.
 */
export function jsonArrayRecordSource(path: string): RecordSource {
  return {
    path,
    async *batches(batchSize: number) {
      let text: string;
      try {
        const file = await open(path);
        try {
          text = await file.readFile('utf8');
        } finally {
          await file.close();
        }
      } catch (error) {
        throw readFailure(path, error);
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
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
      const lines = elementLines(text);
      let batch: (SourceRecord | RecordError)[] = [];
      value.forEach((element: unknown, index) => {
        const line = lines[index] ?? 1;
        batch.push(
          element !== null && typeof element === 'object' && !Array.isArray(element)
            ? { line, values: element as Record<string, unknown> }
            : { line, error: `element ${index + 1} of the array is not an object` },
        );
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
  return /^\uFEFF?\s*\[/.test(head);
}

/** The line each top-level element of a JSON array starts on, in order. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
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
      lines.push(line);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expecting = true;
  }
  return lines;
}
