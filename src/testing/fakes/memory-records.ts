import type {
  RecordError,
  RecordSink,
  RecordSource,
  SourceRecord,
} from '../../core/ports/records.js';

/** A row of a fake file: its values, or `{ error }` for a line that cannot be parsed. */
export type FakeRow = Record<string, unknown> | { readonly error: string };

/**
 * A RecordSource over rows in memory, numbered from line 1, for tests; a `.csv` or `.tsv` path
 * makes its cells text (`textCells`), as the CSV reader's are.
 * @example const source = memorySource('items.jsonl', [{ id: 'a', text: 'hi' }, { error: 'bad JSON' }]);
 */
export function memorySource(path: string, rows: readonly FakeRow[]): RecordSource {
  const records = rows.map((row, index): SourceRecord | RecordError =>
    typeof row['error'] === 'string' && Object.keys(row).length === 1
      ? { line: index + 1, error: row['error'] }
      : { line: index + 1, values: row },
  );
  return {
    path,
    textCells: /\.(csv|tsv)$/i.test(path),
    async *batches(batchSize: number) {
      for (let start = 0; start < records.length; start += batchSize) {
        yield records.slice(start, start + batchSize);
      }
    },
  };
}

/** A RecordSink that keeps what it is given, and whether it was closed or aborted. */
export interface MemorySink extends RecordSink {
  readonly records: Record<string, unknown>[];
  readonly state: 'open' | 'closed' | 'aborted';
}

/**
 * A RecordSink in memory, for tests; `flat` mimics CSV/Parquet, `textCells` CSV.
 * @example const sink = memorySink({ flat: true }); await exportItems({ store, sink, labels });
 */
export function memorySink(
  options: {
    readonly flat?: boolean;
    readonly textCells?: boolean;
    readonly failAfter?: number;
  } = {},
): MemorySink {
  const records: Record<string, unknown>[] = [];
  let state: MemorySink['state'] = 'open';
  return {
    records,
    get state() {
      return state;
    },
    flat: options.flat ?? false,
    textCells: options.textCells ?? false,
    async write(record) {
      if (state !== 'open') throw new Error(`write to a ${state} sink`);
      if (options.failAfter !== undefined && records.length >= options.failAfter) {
        throw new Error('disk full');
      }
      records.push(structuredClone(record));
    },
    async close() {
      state = 'closed';
    },
    async abort() {
      state = 'aborted';
    },
  };
}
