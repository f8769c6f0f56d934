import { HiloError } from '../core/errors.js';
import { csvLine } from '../core/format/csv-line.js';
import type { RecordSink } from '../core/ports/records.js';
import { openTextOutput } from './open-text-output.js';

export interface CsvSinkOptions {
  /** `,` for CSV (default), `\t` for TSV. */
  readonly delimiter?: string;
  readonly gzip?: boolean;
}

/**
 * Writes records as CSV (or TSV) with a header row taken from the first record's keys. Values
 * are quoted when they hold the delimiter, a quote or a line break; objects and arrays are
 * written as JSON text; null and missing values as empty cells. A later record with a key the
 * header lacks is INVALID_INPUT rather than silently dropped.
 * @example const sink = csvRecordSink('out.csv'); await sink.write({ id: 'a', text: 'hi, you' });
 * Complexity O(bytes written); memory one 64 KiB chunk.
 */
export function csvRecordSink(path: string, options: CsvSinkOptions = {}): RecordSink {
  const delimiter = options.delimiter ?? ',';
  const out = openTextOutput(path, options.gzip ?? false);
  let header: readonly string[] | undefined;
  let headerSet: ReadonlySet<string> = new Set();
  let row = 0;
  return {
    flat: true,
    textCells: true,
    async write(record) {
      row += 1;
      if (header === undefined) {
        header = Object.keys(record);
        headerSet = new Set(header);
        await out.write(csvLine(header, delimiter));
      } else {
        for (const key in record) {
          if (!headerSet.has(key)) {
            throw new HiloError(
              'INVALID_INPUT',
              `record ${row} has column "${key}", which the header row (from the first record) lacks`,
              { file: path, field: key },
            );
          }
        }
      }
      await out.write(
        csvLine(
          header.map((key) => record[key]),
          delimiter,
        ),
      );
    },
    close: () => out.close(),
    abort: () => out.abort(),
  };
}
