import type { RecordSink } from '../core/ports/records.js';
import { openTextOutput } from './open-text-output.js';

/**
 * Writes records as JSON lines (one object per line, UTF-8, `\n`); nested values stay nested.
 * The file appears under its name only on close.
 * @example const sink = jsonlRecordSink('out.jsonl'); await sink.write({ id: 'a' }); await sink.close();
 * Complexity O(bytes written); memory one 64 KiB chunk.
 */
export function jsonlRecordSink(
  path: string,
  options: { readonly gzip?: boolean } = {},
): RecordSink {
  const out = openTextOutput(path, options.gzip ?? false);
  return {
    flat: false,
    write: (record) => out.write(`${JSON.stringify(record)}\n`),
    close: () => out.close(),
    abort: () => out.abort(),
  };
}
