/** One row read from a user's file, with where it came from (for error messages). */
export interface SourceRecord {
  /** 1-based line (JSONL, CSV) or row (Parquet) number. */
  readonly line: number;
  readonly values: Record<string, unknown>;
}

/**
 * A streaming reader of records (JSONL, CSV, Parquet). Yields in batches so a 1M-line file is
 * never held in memory whole. A malformed line is yielded as an error record, not thrown, so the
 * caller decides between stopping and skipping.
 */
export interface RecordSource {
  readonly path: string;
  /**
   * True when every cell is text (CSV, TSV): readers then accept a list written as text, such as
   * a multi-label set joined by `|`. JSON lines and Parquet keep their values' types.
   */
  readonly textCells?: boolean;
  batches(batchSize: number): AsyncIterable<readonly (SourceRecord | RecordError)[]>;
}

/** A line that could not be parsed at all (bad JSON, bad CSV quoting). */
export interface RecordError {
  readonly line: number;
  readonly error: string;
}

/** A streaming writer of records; the format follows from the file extension. */
export interface RecordSink {
  write(record: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
  /**
   * True when the format is a table of scalar cells (CSV, TSV, Parquet): writers then spread a
   * map into one column per key instead of leaving it to be stored as JSON text.
   */
  readonly flat?: boolean;
  /** True when every cell is written as text (CSV, TSV): a list is then written as text too. */
  readonly textCells?: boolean;
  /** Gives up: deletes what was written and leaves any existing file at the path untouched. */
  abort?(): Promise<void>;
}
