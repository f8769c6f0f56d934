import { basename } from 'node:path';
import { HiloError } from '../core/errors.js';

/** The file formats hilo reads and writes. `.json` is read as JSON lines. */
export type RecordFormat = 'jsonl' | 'csv' | 'tsv' | 'parquet';

/** A file's format and whether it is gzip-compressed (`.gz` after the format's extension). */
export interface FileFormat {
  readonly format: RecordFormat;
  readonly gzip: boolean;
}

const EXTENSIONS: Readonly<Record<string, RecordFormat>> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'jsonl',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
};

/**
 * Works out a file's format from its name, or takes the one given. Parquet is never gzipped (it
 * compresses its own pages).
 * @example fileFormat('items.csv.gz') // { format: 'csv', gzip: true }
 * Complexity O(length of path).
 */
export function fileFormat(path: string, format?: RecordFormat): FileFormat {
  const parts = basename(path).toLowerCase().split('.');
  const gzip = parts.length > 2 && parts.at(-1) === 'gz';
  if (gzip) parts.pop();
  const chosen = format ?? (parts.length > 1 ? EXTENSIONS[parts.at(-1) ?? ''] : undefined);
  if (chosen === undefined) {
    throw new HiloError(
      'INVALID_INPUT',
      'unknown file type: name it .jsonl, .ndjson, .json (JSON lines), .csv, .tsv or .parquet (text formats may end in .gz), or give the format',
      { file: path },
    );
  }
  if (chosen === 'parquet' && gzip) {
    throw new HiloError('INVALID_INPUT', 'parquet files compress themselves; remove the .gz', {
      file: path,
    });
  }
  return { format: chosen, gzip };
}
