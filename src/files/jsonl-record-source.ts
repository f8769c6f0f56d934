import { createInterface } from 'node:readline';
import type { RecordError, RecordSource, SourceRecord } from '../core/ports/records.js';
import { openTextInput, readFailure } from './open-text-input.js';

/**
 * Reads a JSON-lines file (one JSON object per line) as a stream. Lines are numbered from 1,
 * counting blank lines, which are skipped. A line that is not a JSON object becomes a
 * RecordError saying what is wrong, so the caller chooses between stopping and skipping.
 * @example for await (const batch of jsonlRecordSource('items.jsonl').batches(1000)) { ... }
 * Complexity O(bytes); memory one batch plus one read buffer.
 */
export function jsonlRecordSource(
  path: string,
  options: { readonly gzip?: boolean } = {},
): RecordSource {
  return {
    path,
    async *batches(batchSize: number) {
      const input = openTextInput(path, options.gzip ?? false);
      const lines = createInterface({ input, crlfDelay: Infinity });
      let batch: (SourceRecord | RecordError)[] = [];
      let line = 0;
      try {
        for await (const text of lines) {
          line += 1;
          const record = parseJsonLine(line === 1 ? stripBom(text) : text, line);
          if (record === undefined) continue;
          batch.push(record);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
      } catch (error) {
        throw readFailure(path, error);
      } finally {
        lines.close();
        input.destroy();
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `not valid JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, error: `expected a JSON object per line, got ${describeJson(value)}` };
  }
  return { line, values: value as Record<string, unknown> };
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

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
