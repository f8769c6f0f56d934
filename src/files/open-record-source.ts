import { stat } from 'node:fs/promises';
import { HiloError } from '../core/errors.js';
import type { RecordSource } from '../core/ports/records.js';
import { csvRecordSource } from './csv-record-source.js';
import { jsonlRecordSource } from './jsonl-record-source.js';
import { parquetRecordSource } from './parquet-record-source.js';
import { fileFormat, type RecordFormat } from './record-format.js';
import { readFailure } from './open-text-input.js';

export interface OpenRecordSourceOptions {
  /** Overrides the format the file name suggests. */
  readonly format?: RecordFormat;
}

/**
 * Opens a file of records for streaming, choosing the reader by extension: `.jsonl`, `.ndjson`,
 * `.json` (one object per line), `.csv`, `.tsv` (header row required), `.parquet`; text formats
 * may be gzipped (`.csv.gz`). An unknown extension is INVALID_INPUT, a missing file NOT_FOUND,
 * both naming the file.
 * @example
 * const source = await openRecordSource('items.csv');
 * for await (const batch of source.batches(1000)) for (const r of batch) if ('error' in r) ...
 * Complexity O(1) to open (Parquet reads its footer).
 */
export async function openRecordSource(
  path: string,
  options: OpenRecordSourceOptions = {},
): Promise<RecordSource> {
  const { format, gzip } = fileFormat(path, options.format);
  const info = await stat(path).catch((error: unknown) => {
    throw readFailure(path, error);
  });
  if (!info.isFile()) throw new HiloError('INVALID_INPUT', 'not a regular file', { file: path });
  switch (format) {
    case 'jsonl':
      return jsonlRecordSource(path, { gzip });
    case 'csv':
      return csvRecordSource(path, { gzip, delimiter: ',' });
    case 'tsv':
      return csvRecordSource(path, { gzip, delimiter: '\t' });
    case 'parquet':
      return parquetRecordSource(path);
  }
}
