import type { RecordError, RecordSource, SourceRecord } from '../core/ports/records.js';
import type { InputLimits, TextEncoding } from './input-limits.js';
import { jsonFieldAt, jsonShape, keepLiterals, MAX_JSON_DEPTH } from './json-shape.js';
import { checkedLines } from './open-text-input.js';

export interface JsonlSourceOptions {
  readonly gzip?: boolean;
  readonly encoding?: TextEncoding;
  readonly limits?: InputLimits;
}

/**
 * Reads a JSON-lines file (one JSON object per line) as a stream. Lines are numbered from 1,
 * counting blank lines, which are skipped. A line that is not a JSON object, or nests deeper
 * than 64 levels, becomes a RecordError saying what is wrong, so the caller chooses between
 * stopping and skipping; bytes that are not text (invalid UTF-8, NUL) and over-long lines stop
 * the read with a HiloError naming the file, line and field (see TextChecker). Top-level numbers
 * a parse would change (beyond 2^53, `1.0`) are kept as their source text.
 * @example for await (const batch of jsonlRecordSource('items.jsonl').batches(1000)) { ... }
 * Complexity O(bytes); memory one batch plus one read buffer and the longest line.
 */
export function jsonlRecordSource(path: string, options: JsonlSourceOptions = {}): RecordSource {
  return {
    path,
    async *batches(batchSize: number) {
      let batch: (SourceRecord | RecordError)[] = [];
      const lines = checkedLines(path, {
        gzip: options.gzip ?? false,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        fieldAt: jsonFieldAt,
      });
      for await (const numbered of lines) {
        for (const { line, text } of numbered) {
          const record = parseJsonLine(text, line);
          if (record === undefined) continue;
          batch.push(record);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

/**
 * One line of a JSON-lines file as a record, an error, or undefined for a blank line.
 * @example parseJsonLine('{"id": 1}', 3) // { line: 3, values: { id: 1 } }
 * Complexity O(length of the line).
 */
export function parseJsonLine(text: string, line: number): SourceRecord | RecordError | undefined {
  if (isBlank(text)) return undefined;
  const shape = jsonShape(text);
  if (shape.depth > MAX_JSON_DEPTH) {
    return { line, error: `nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `not valid JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, error: `expected a JSON object per line, got ${describeJson(value)}` };
  }
  const values = value as Record<string, unknown>;
  keepLiterals(values, shape);
  return { line, values };
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function isBlank(text: string): boolean {
  // A cheap test first: almost every line starts with `{`.
  const first = text.charCodeAt(0);
  if (first === 0x7b) return false;
  return text.trim() === '';
}
