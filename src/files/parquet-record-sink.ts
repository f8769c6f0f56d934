import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { ByteWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { HiloError } from '../core/errors.js';
import type { RecordSink } from '../core/ports/records.js';
import { temporaryPath, writeFailure } from './open-text-output.js';

export interface ParquetSinkOptions {
  /** Rows per row group: what is held in memory before it is encoded and written. */
  readonly rowGroupSize?: number;
}

type ColumnType = 'STRING' | 'DOUBLE' | 'BOOLEAN' | 'JSON';

interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/**
 * Writes records as Parquet, one row group per `rowGroupSize` records (default 10,000), each
 * encoded and written when full, so memory holds one row group. Columns are the first record's
 * keys; each column's type is read off the first row group: text, numbers (DOUBLE) or booleans
 * when all its values are of one kind, otherwise JSON text (objects, arrays, mixed, or all null),
 * which any later value fits. A later value that does not fit its text/number/boolean column,
 * or a key the first record lacked, is INVALID_INPUT. The file appears under its name on close.
 * @example const sink = parquetRecordSink('out.parquet'); await sink.write({ id: 'a', p: 0.3 });
 * Complexity O(records × columns); memory one row group.
 */
export function parquetRecordSink(path: string, options: ParquetSinkOptions = {}): RecordSink {
  const rowGroupSize = options.rowGroupSize ?? 10_000;
  const temporary = temporaryPath(path);
  let rows: Record<string, unknown>[] = [];
  let written = 0;
  let columns: readonly Column[] | undefined;
  let keys: ReadonlySet<string> = new Set();
  let output: FileWriter | undefined;
  let parquet: ParquetWriter | undefined;

  const flush = async () => {
    columns ??= inferColumns(Object.keys(rows[0] ?? {}), rows);
    const columnData = columns.map((column) => ({
      name: column.name,
      type: column.type,
      data: columnValues(path, column, rows, written),
    }));
    if (parquet === undefined) {
      output = await FileWriter.open(temporary);
      parquet = new ParquetWriter({ writer: output, schema: schemaFromColumnData({ columnData }) });
    }
    written += rows.length;
    rows = [];
    await parquet.write({ columnData, rowGroupSize: Math.max(1, columnData[0]?.data.length ?? 1) });
  };

  return {
    flat: true,
    async write(record) {
      if (written === 0 && rows.length === 0) keys = new Set(Object.keys(record));
      for (const key in record) {
        if (!keys.has(key)) {
          throw new HiloError(
            'INVALID_INPUT',
            `record ${written + rows.length + 1} has column "${key}", which the first record lacks`,
            { file: path, field: key },
          );
        }
      }
      rows.push(record);
      if (rows.length >= rowGroupSize) await flush().catch(fail);
    },
    async close() {
      try {
        if (rows.length > 0 || parquet === undefined) await flush();
        await parquet?.finish();
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        fail(error);
      }
    },
    async abort() {
      await output?.discard();
      await rm(temporary, { force: true });
    },
  };

  function fail(error: unknown): never {
    throw writeFailure(path, error);
  }
}

function inferColumns(
  names: readonly string[],
  rows: readonly Record<string, unknown>[],
): Column[] {
  return names.map((name) => {
    let kind: string | undefined;
    for (const row of rows) {
      const value = row[name];
      if (value === null || value === undefined) continue;
      const here = typeof value === 'object' ? 'object' : typeof value;
      if (kind === undefined) kind = here;
      else if (kind !== here) return { name, type: 'JSON' };
    }
    const type: ColumnType =
      kind === 'string'
        ? 'STRING'
        : kind === 'number'
          ? 'DOUBLE'
          : kind === 'boolean'
            ? 'BOOLEAN'
            : 'JSON';
    return { name, type };
  });
}

function columnValues(
  path: string,
  column: Column,
  rows: readonly Record<string, unknown>[],
  before: number,
): unknown[] {
  const expected =
    column.type === 'STRING' ? 'string' : column.type === 'DOUBLE' ? 'number' : 'boolean';
  return rows.map((row, index) => {
    const value = row[column.name] ?? null;
    if (column.type === 'JSON' || value === null || typeof value === expected) return value;
    throw new HiloError(
      'INVALID_INPUT',
      `record ${before + index + 1} has a ${typeof value} in column "${column.name}", which holds ${expected}s (from the first row group)`,
      { file: path, field: column.name },
    );
  });
}

/** hyparquet-writer's byte writer, emptied into a file after each row group. */
class FileWriter extends ByteWriter {
  private constructor(private readonly handle: FileHandle) {
    super(1 << 20);
  }

  static async open(path: string): Promise<FileWriter> {
    return new FileWriter(await open(path, 'w'));
  }

  async flush(): Promise<void> {
    if (this.index === 0) return;
    await this.handle.write(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  override async finish(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
