import { Parser, type CsvError } from 'csv-parse';
import { HiloError } from '../core/errors.js';
import { printableText } from '../core/format/printable-text.js';
import type { RecordError, RecordSource, SourceRecord } from '../core/ports/records.js';
import { csvFieldAt } from './csv-field-at.js';
import {
  DEFAULT_INPUT_LIMITS,
  sizeText,
  type InputLimits,
  type TextEncoding,
} from './input-limits.js';
import { openCheckedInput, readFailure } from './open-text-input.js';

export interface CsvSourceOptions {
  /** `,` for CSV (default), `\t` for TSV. */
  readonly delimiter?: string;
  readonly gzip?: boolean;
  readonly encoding?: TextEncoding;
  /** A record longer than `maxLineBytes` is taken for a runaway quote rather than held in memory. */
  readonly limits?: InputLimits;
}

/** What the parser hands on, in file order: a row with the line it ends on, or a parse error. */
type Parsed =
  | { readonly cells: readonly string[]; readonly endLine: number }
  | { readonly failure: CsvError | undefined; readonly atLine: number };

/**
 * csv-parse's parser, tagging each row with the parser's line count as the row is produced.
 * Its own `info` option does the same by copying its whole state per row, which doubles the
 * cost of reading. Parse errors are pushed into the same stream, so order is kept.
 */
class LineTaggingParser extends Parser {
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    const tagged = Array.isArray(chunk) ? { cells: chunk, endLine: this.info.lines } : chunk;
    return super.push(tagged, encoding);
  }
}

/**
 * Reads a CSV or TSV file with a header row as a stream. Quoted fields may span lines; a
 * record's `line` is the line it starts on. A row with the wrong number of values or broken
 * quoting becomes a RecordError; a header row that cannot be parsed is a HiloError, since no row
 * can be read without it. Blank and repeated header names are renamed (see `columnNames`).
 * @example for await (const batch of csvRecordSource('items.csv').batches(1000)) { ... }
 * Complexity O(bytes); memory one batch, one read buffer and the longest record.
 */
export function csvRecordSource(path: string, options: CsvSourceOptions = {}): RecordSource {
  const delimiter = options.delimiter ?? ',';
  const gzip = options.gzip ?? false;
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  return {
    path,
    textCells: true,
    async *batches(batchSize: number) {
      const input = openCheckedInput(path, {
        gzip,
        limits,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        fieldAt: (before, firstLine) => csvFieldAt(before, firstLine, delimiter),
      });
      const parser: LineTaggingParser = new LineTaggingParser({
        delimiter,
        bom: true,
        relax_column_count: true,
        // TSV writers rarely quote, so a stray quote inside a TSV field is just a character.
        relax_quotes: delimiter === '\t',
        skip_empty_lines: true,
        // Files joined from several sources mix line endings; take each as a row break.
        record_delimiter: ['\r\n', '\n', '\r'],
        skip_records_with_error: true,
        max_record_size: limits.maxLineBytes,
        on_skip: (failure): undefined => {
          parser.push({ failure, atLine: parser.info.lines });
        },
      });
      input.on('error', (error) => parser.destroy(error));
      input.pipe(parser);
      const lines = new LineCounter();
      let header: readonly string[] | undefined;
      let batch: (SourceRecord | RecordError)[] = [];
      try {
        for await (const parsed of parser as AsyncIterable<Parsed>) {
          if ('failure' in parsed) {
            const problem = lines.failure(parsed, limits.maxLineBytes);
            if (header === undefined) throw headerFailure(path, problem);
            if (parsed.failure?.code === 'CSV_MAX_RECORD_SIZE') {
              // Every row after a runaway quote would be misread: stop here.
              throw new HiloError('INVALID_INPUT', problem.error, {
                file: path,
                line: problem.line,
              });
            }
            batch.push(problem);
            continue;
          }
          const start = lines.record(parsed);
          if (header === undefined) {
            header = columnNames(parsed.cells);
            continue;
          }
          batch.push(toRecord(parsed.cells, start, header));
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
      if (batch.length > 0) yield batch;
    },
  };
}

/**
 * Turns the parser's line count into the lines a reader sees. The parser counts a CRLF inside a
 * quoted field as two lines and keeps the surplus for the rest of the file; this takes it out.
 */
class LineCounter {
  private overcount = 0;
  private lastEnd = 0;

  /** The line a row starts on. */
  record(row: { readonly cells: readonly string[]; readonly endLine: number }): number {
    const { counted, crlf } = lineBreaks(row.cells);
    this.overcount += crlf;
    const end = row.endLine - this.overcount;
    this.lastEnd = end;
    return end - (counted - crlf);
  }

  failure(
    parsed: { readonly failure: CsvError | undefined; readonly atLine: number },
    maxRecordBytes: number,
  ): RecordError {
    const { failure } = parsed;
    // An unclosed quote is only noticed at the end of the file, or when the record outgrows the
    // cap; the field opened on the line after the last good row. Other errors are placed where
    // the parser met them.
    const met = Math.max(this.lastEnd + 1, parsed.atLine - this.overcount);
    const opened = this.lastEnd + 1;
    const line = failure === undefined || OPENED_EARLIER.has(failure.code) ? opened : met;
    this.lastEnd = Math.max(this.lastEnd, met);
    if (failure?.code === 'CSV_INVALID_CLOSING_QUOTE' && met > opened) {
      // A quote that should have closed on its own line ran on and closed inside a later row.
      return {
        line: opened,
        error: `a quoted field starting on this line runs on to line ${met}, where its closing quote is followed by other text: most likely a quote that is never closed`,
      };
    }
    return { line, error: describeParseError(failure, maxRecordBytes) };
  }
}

function headerFailure(path: string, problem: RecordError): HiloError {
  return new HiloError('INVALID_INPUT', `cannot read the header row: ${problem.error}`, {
    file: path,
    line: problem.line,
  });
}

/**
 * Column names from the header row. A blank name (a data frame's unnamed index column) becomes
 * `column<N>`, N its 1-based position; a repeated name gets `.1`, `.2`… as pandas does, so no
 * column silently overwrites another.
 */
function columnNames(names: readonly string[]): readonly string[] {
  const named = names.map((name, index) => (name.trim() === '' ? `column${index + 1}` : name));
  const taken = new Set(named);
  const seen = new Set<string>();
  return named.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let copy = 1;
    while (taken.has(`${name}.${copy}`)) copy += 1;
    const renamed = `${name}.${copy}`;
    taken.add(renamed);
    return renamed;
  });
}

function toRecord(
  cells: readonly string[],
  line: number,
  header: readonly string[],
): SourceRecord | RecordError {
  if (cells.length !== header.length) {
    const values = `${cells.length} value${cells.length === 1 ? '' : 's'}`;
    return { line, error: `${values} where the header row has ${header.length} columns` };
  }
  const values: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) values[header[i] as string] = cells[i];
  return { line, values };
}

/** Line breaks inside a row's values: as the parser counts them and as a reader would. */
function lineBreaks(cells: readonly string[]): { counted: number; crlf: number } {
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

/** Parse errors found past the line where the record opened. */
const OPENED_EARLIER: ReadonlySet<string> = new Set([
  'CSV_QUOTE_NOT_CLOSED',
  'CSV_MAX_RECORD_SIZE',
]);

const PARSE_ERRORS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED:
    'a quoted field starting on this line is never closed (the file ends inside it)',
  CSV_INVALID_CLOSING_QUOTE:
    'a closing quote is followed by other text; double a quote inside a quoted field ("")',
};

function describeParseError(error: CsvError | undefined, maxRecordBytes: number): string {
  if (error?.code === 'CSV_MAX_RECORD_SIZE') {
    return (
      `a record starting on this line runs past ${sizeText(maxRecordBytes)} ` +
      '(input.maxLineMiB in hilo.yaml): most likely a quote that is never closed'
    );
  }
  const known = error === undefined ? undefined : PARSE_ERRORS[error.code];
  return known ?? `cannot parse the row (${printableText(error?.message ?? 'unknown error')})`;
}
