import { parse, type CsvError, type Options } from 'csv-parse';
import { HiloError } from '../core/errors.js';
import type { RecordError, RecordSource, SourceRecord } from '../core/ports/records.js';
import { openTextInput, readFailure } from './open-text-input.js';

export interface CsvSourceOptions {
  /** `,` for CSV (default), `\t` for TSV. */
  readonly delimiter?: string;
  readonly gzip?: boolean;
}

/** A field longer than this is taken for a runaway quote rather than held in memory. */
const MAX_RECORD_BYTES = 16 << 20;

/** What the parser hands on: a record (or error) plus the parse errors met just before it. */
interface Parsed {
  readonly before: readonly RecordError[];
  readonly start: number;
  readonly cells: readonly string[];
}

/**
 * Reads a CSV or TSV file with a header row as a stream. Quoted fields may span lines; a
 * record's `line` is the line it starts on. A row with the wrong number of values or broken
 * quoting becomes a RecordError; a missing, blank or repeated column name in the header is a
 * HiloError, since no row can be read without it.
 * @example for await (const batch of csvRecordSource('items.csv').batches(1000)) { ... }
 * Complexity O(bytes); memory one batch, one read buffer and the longest record.
 */
export function csvRecordSource(path: string, options: CsvSourceOptions = {}): RecordSource {
  const delimiter = options.delimiter ?? ',';
  const gzip = options.gzip ?? false;
  return {
    path,
    async *batches(batchSize: number) {
      const input = openTextInput(path, gzip);
      // Parse errors arrive through a callback; they ride along with the next record so the
      // caller sees everything in file order.
      let skipped: RecordError[] = [];
      let lastLine = 0;
      let overcount = 0;
      const options: Options<Parsed, string[]> = {
        delimiter,
        bom: true,
        relax_column_count: true,
        // TSV writers rarely quote, so a stray quote inside a TSV field is just a character.
        relax_quotes: delimiter === '\t',
        skip_empty_lines: true,
        skip_records_with_error: true,
        max_record_size: MAX_RECORD_BYTES,
        on_skip: (error): undefined => {
          const line = parseErrorLine(error, lastLine, overcount);
          lastLine = Math.max(lastLine, line);
          skipped.push({ line, error: describeParseError(error) });
        },
        on_record: (cells: string[], info): Parsed => {
          // The parser counts a CRLF inside a quoted field as two lines, and keeps the surplus
          // for the rest of the file; take it back out.
          const breaks = lineBreaks(cells);
          overcount += breaks.crlf;
          const end = info.lines - overcount;
          lastLine = end;
          const before = skipped;
          skipped = [];
          return { before, start: end - (breaks.counted - breaks.crlf), cells };
        },
      };
      // The typings tie `on_record`'s result to arrays unless `columns` is set; it may be anything.
      const parser = parse(options as unknown as Options);
      input.on('error', (error) => parser.destroy(error));
      input.pipe(parser);
      let header: readonly string[] | undefined;
      let batch: (SourceRecord | RecordError)[] = [];
      try {
        for await (const parsed of parser as AsyncIterable<Parsed>) {
          if (header === undefined) {
            header = checkHeader(path, parsed);
            continue;
          }
          batch.push(...parsed.before, toRecord(parsed, header));
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
      } catch (error) {
        throw readFailure(path, error);
      } finally {
        parser.destroy();
        input.destroy();
      }
      if (header === undefined && skipped.length > 0) {
        checkHeader(path, { before: skipped, start: 1, cells: [] });
      }
      batch.push(...skipped);
      if (batch.length > 0) yield batch;
    },
  };
}

function checkHeader(path: string, parsed: Parsed): readonly string[] {
  const problem = parsed.before[0];
  if (problem) {
    throw new HiloError('INVALID_INPUT', `cannot read the header row: ${problem.error}`, {
      file: path,
      line: problem.line,
    });
  }
  const seen = new Set<string>();
  parsed.cells.forEach((name, index) => {
    const at = { file: path, line: parsed.start };
    if (name.trim() === '') {
      throw new HiloError('INVALID_INPUT', `column ${index + 1} of the header row has no name`, at);
    }
    if (seen.has(name)) {
      throw new HiloError('INVALID_INPUT', `column "${name}" appears twice in the header row`, at);
    }
    seen.add(name);
  });
  return parsed.cells;
}

function toRecord(parsed: Parsed, header: readonly string[]): SourceRecord | RecordError {
  const { cells, start } = parsed;
  if (cells.length !== header.length) {
    return {
      line: start,
      error: `${cells.length} value${cells.length === 1 ? '' : 's'} where the header row has ${header.length} columns`,
    };
  }
  const values: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) values[header[i] as string] = cells[i];
  return { line: start, values };
}

/** Line breaks inside a record's values: as the parser counts them and as a reader would. */
interface LineBreaks {
  /** Every CR and every LF (the parser's count). */
  counted: number;
  /** CRLF pairs, which a reader sees as one break but the parser counts twice. */
  crlf: number;
}

function lineBreaks(cells: readonly string[]): LineBreaks {
  let counted = 0;
  let crlf = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) {
      counted += 1;
      if (i > 0 && cell.charCodeAt(i - 1) === 13) crlf += 1;
    }
    for (let i = cell.indexOf('\r'); i !== -1; i = cell.indexOf('\r', i + 1)) counted += 1;
  }
  return { counted, crlf };
}

function parseErrorLine(error: CsvError | undefined, lastLine: number, overcount: number): number {
  // An unclosed quote is only noticed at the end of the file; the field opened on the line
  // after the last good record.
  if (error === undefined || error.code === 'CSV_QUOTE_NOT_CLOSED') return lastLine + 1;
  return typeof error.lines === 'number' ? error.lines - overcount : lastLine + 1;
}

const PARSE_ERRORS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED:
    'a quoted field starting on this line is never closed (the file ends inside it)',
  CSV_INVALID_CLOSING_QUOTE:
    'a closing quote is followed by other text; double a quote inside a quoted field ("")',
  CSV_MAX_RECORD_SIZE: `a record longer than ${MAX_RECORD_BYTES >> 20} MiB, most likely an unclosed quote`,
};

function describeParseError(error: CsvError | undefined): string {
  const known = error === undefined ? undefined : PARSE_ERRORS[error.code];
  return known ?? `cannot parse the row (${error?.message ?? 'unknown error'})`;
}
