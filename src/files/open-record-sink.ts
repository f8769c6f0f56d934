import type { RecordSink } from '../core/ports/records.js';
import { csvRecordSink } from './csv-record-sink.js';
import { jsonlRecordSink } from './jsonl-record-sink.js';
import { parquetRecordSink } from './parquet-record-sink.js';
import { fileFormat, type RecordFormat } from './record-format.js';

export interface OpenRecordSinkOptions {
  /** Overrides the format the file name suggests. */
  readonly format?: RecordFormat;
  /** Parquet only: records per row group (default 10,000). */
  readonly rowGroupSize?: number;
}

/**
 * Opens a file for writing records, choosing the writer by extension (as `openRecordSource`):
 * JSON lines keep nested values; CSV/TSV take the header from the first record and write nested
 * values as JSON text; Parquet buffers one row group at a time. Nothing appears at `path` until
 * `close()`; `abort()` leaves an existing file there untouched. An unknown extension is
 * INVALID_INPUT naming the file.
 * @example
 * const sink = openRecordSink('labels.csv');
 * await sink.write({ id: 'a', label: 'spam' });
 * await sink.close();
 * Complexity O(1) to open.
 */
export function openRecordSink(path: string, options: OpenRecordSinkOptions = {}): RecordSink {
  const { format, gzip } = fileFormat(path, options.format);
  switch (format) {
    case 'jsonl':
      return jsonlRecordSink(path, { gzip });
    case 'csv':
      return csvRecordSink(path, { gzip, delimiter: ',' });
    case 'tsv':
      return csvRecordSink(path, { gzip, delimiter: '\t' });
    case 'parquet':
      return options.rowGroupSize === undefined
        ? parquetRecordSink(path)
        : parquetRecordSink(path, { rowGroupSize: options.rowGroupSize });
  }
}
