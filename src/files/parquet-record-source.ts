import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { HiloError } from '../core/errors.js';
import type { RecordSource, SourceRecord } from '../core/ports/records.js';
import { readFailure } from './open-text-input.js';

/**
 * Opens a Parquet file and reads it one row group at a time; `line` is the 1-based row number.
 * The footer is read here, so a file that is not Parquet or is cut short fails at once with a
 * HiloError naming it; a row group that cannot be decoded fails the same way when reached.
 * Values come out JSON-compatible: 64-bit integers as numbers (as strings beyond 2^53), dates
 * as ISO-8601 text, bytes as base64.
 * @example const source = await parquetRecordSource('items.parquet');
 * Complexity O(bytes); memory one row group, so files written with huge row groups cost more.
 */
export async function parquetRecordSource(path: string): Promise<RecordSource> {
  const file = await asyncBufferFromFile(path).catch((error: unknown) => {
    throw readFailure(path, error);
  });
  const metadata = await parquetMetadataAsync(file).catch((error: unknown) => {
    throw new HiloError(
      'INVALID_INPUT',
      `not a readable Parquet file (${message(error)})`,
      { file: path },
      { cause: error },
    );
  });
  return {
    path,
    async *batches(batchSize: number) {
      let rowStart = 0;
      for (const group of metadata.row_groups) {
        const rowEnd = rowStart + Number(group.num_rows);
        let rows: Record<string, unknown>[];
        try {
          rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
        } catch (error) {
          throw new HiloError(
            'INVALID_INPUT',
            `cannot decode the row group starting here (${message(error)})`,
            { file: path, line: rowStart + 1 },
            { cause: error },
          );
        }
        for (let offset = 0; offset < rows.length; offset += batchSize) {
          const slice = rows.slice(offset, offset + batchSize);
          const batch: SourceRecord[] = slice.map((row, index) => ({
            line: rowStart + offset + index + 1,
            values: plainRow(row),
          }));
          yield batch;
        }
        rowStart = rowEnd;
      }
    },
  };
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(row)) values[key] = plainValue(row[key]);
  return values;
}

/** Turns Parquet's richer values into JSON-compatible ones, since items are stored as JSON. */
function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const safe =
      value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
    return safe ? Number(value) : value.toString();
  }
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plainValue);
  return plainRow(value as Record<string, unknown>);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
