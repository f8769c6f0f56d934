import { open, stat } from 'node:fs/promises';
import { HiloError } from '../core/errors.js';
import type { RecordSource } from '../core/ports/records.js';
import { csvRecordSource } from './csv-record-source.js';
import { jsonArrayRecordSource, startsAsArray } from './json-array-record-source.js';
import { jsonlRecordSource } from './jsonl-record-source.js';
import { parquetRecordSource } from './parquet-record-source.js';
import type { InputLimits, TextEncoding } from './input-limits.js';
import { fileFormat, type RecordFormat } from './record-format.js';
import { readFailure } from './open-text-input.js';

export interface OpenRecordSourceOptions {
  /** Overrides the format the file name suggests. */
  readonly format?: RecordFormat;
  /** The encoding of a text file: UTF-8 (default) or Latin-1. */
  readonly encoding?: TextEncoding;
  /** Caps on line length and on what a gzip file unpacks to (default DEFAULT_INPUT_LIMITS). */
  readonly limits?: InputLimits;
}

/**
 * Opens a file of records for streaming, choosing the reader by extension: `.jsonl`, `.ndjson`,
 * `.json` (one object per line, or one JSON array of objects such as a Label Studio export),
 * `.csv`, `.tsv` (header row required), `.parquet`; text formats may be gzipped (`.csv.gz`). An unknown extension is INVALID_INPUT, a missing file NOT_FOUND,
 * both naming the file. Text is checked as it is read: bytes that are not text in the encoding, an
 * over-long line or a gzip bomb stop the read with a HiloError naming the file and line.
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
  const text = {
    gzip,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  switch (format) {
    case 'jsonl':
      return !gzip && (await startsWithArray(path))
        ? jsonArrayRecordSource(path, options.encoding ? { encoding: options.encoding } : {})
        : jsonlRecordSource(path, text);
    case 'csv':
      return csvRecordSource(path, { ...text, delimiter: ',' });
    case 'tsv':
      return csvRecordSource(path, { ...text, delimiter: '\t' });
    case 'parquet':
      return parquetRecordSource(path);
  }
}

/** Reads the first bytes: a JSON file that opens with `[` is one array, not JSON lines. */
async function startsWithArray(path: string): Promise<boolean> {
  const file = await open(path);
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return startsAsArray(buffer.subarray(0, bytesRead).toString('latin1'));
  } finally {
    await file.close();
  }
}
