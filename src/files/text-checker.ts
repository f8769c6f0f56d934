import { isUtf8 } from 'node:buffer';
import { HiloError } from '../core/errors.js';
import { hexBytes } from '../core/format/printable-text.js';
import { sizeText, type TextEncoding } from './input-limits.js';
import { badSequence, firstInvalidUtf8 } from './utf8-scan.js';

export interface TextCheckerOptions {
  readonly file: string;
  readonly encoding: TextEncoding;
  /** A longer line is refused (Infinity: no cap). */
  readonly maxLineBytes: number;
  /**
   * Refuses a gzip file as a likely bomb once it has unpacked to more than `minBytes` and more
   * than `ratio` times the compressed bytes read so far (`compressed()`).
   */
  readonly gzip?: {
    readonly ratio: number;
    readonly minBytes: number;
    readonly compressed: () => number;
  };
  /**
   * Names the field a bad byte sits in, from the text of its line before it and the file's
   * first line (a CSV header).
   */
  readonly fieldAt?: (before: string, firstLine: string) => string | undefined;
}

/** One line of text and its 1-based number. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Checks a text file's bytes as they stream by and hands them on as UTF-8, refusing with a
 * HiloError naming the file and line (and the field when `fieldAt` can tell): invalid UTF-8
 * (unless the encoding is Latin-1), a NUL byte, a UTF-16 byte-order mark, a line longer than the
 * cap, more bytes than `maxBytes`. A UTF-8 byte-order mark is dropped. Lines end at LF, CRLF or
 * CR, counted as text editors count them.
 * @example
 * const checker = new TextChecker({ file, encoding: 'utf-8', maxLineBytes: 16 << 20 });
 * const lines: NumberedLine[] = []; checker.lines(chunk, lines); checker.endLines(lines);
 * Complexity O(bytes); memory the longest line.
 */
export class TextChecker {
  private line = 1;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private pendingCr = false;
  private started = false;
  private total = 0;
  private firstLine: string | undefined;
  /** Whole lines of the current chunk up to here were checked at once. */
  private checkedEnd = -1;

  constructor(private readonly options: TextCheckerOptions) {}

  /** Checks a chunk and returns its bytes as UTF-8 (the chunk itself unless Latin-1). */
  bytes(chunk: Buffer): Buffer {
    const body = this.begin(chunk);
    this.scan(body, undefined);
    return this.options.encoding === 'latin1' ? Buffer.from(body.toString('latin1')) : body;
  }

  /** Checks a chunk and appends the lines it completes to `out`. */
  lines(chunk: Buffer, out: NumberedLine[]): void {
    this.scan(this.begin(chunk), out);
  }

  /** Checks the last line, which has no line break. */
  end(): void {
    this.finishCarry(undefined);
  }

  /** Checks the last line and appends it to `out` unless the file ends with a line break. */
  endLines(out: NumberedLine[]): void {
    this.finishCarry(out);
  }

  private begin(chunk: Buffer): Buffer {
    this.total += chunk.length;
    const { gzip } = this.options;
    if (gzip && this.total > gzip.minBytes && this.total > gzip.ratio * gzip.compressed()) {
      throw this.refuse(
        `unpacks to over ${gzip.ratio} times its compressed size and more than ${sizeText(gzip.minBytes)}: ` +
          'refused as a likely gzip bomb (raise input.gzipMaxRatio in hilo.yaml if the file is genuine)',
      );
    }
    if (this.started) return chunk;
    this.started = true;
    if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
      throw this.refuse(
        'starts with a UTF-16 byte-order mark: convert the file to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)',
      );
    }
    const bom = this.options.encoding === 'utf-8' && chunk[0] === 0xef && chunk[1] === 0xbb;
    return bom && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
  }

  private scan(chunk: Buffer, out: NumberedLine[] | undefined): void {
    let pos = 0;
    if (this.pendingCr && chunk[0] === LF) pos = 1;
    this.pendingCr = false;
    // One check for all the whole lines of the chunk; line by line only to find a fault.
    const lastBreak = Math.max(chunk.lastIndexOf(LF), chunk.lastIndexOf(CR));
    this.checkedEnd =
      lastBreak > pos && this.regionIsText(chunk.subarray(pos, lastBreak)) ? lastBreak : -1;
    let lf = chunk.indexOf(LF, pos);
    let cr = chunk.indexOf(CR, pos);
    while (lf !== -1 || cr !== -1) {
      if (lf === pos && this.carryBytes === 0) {
        // A run of empty lines (padding, or a bomb of line breaks): count them byte by byte.
        let run = pos;
        while (run < chunk.length && chunk[run] === LF) run++;
        this.line += run - pos;
        pos = run;
        lf = chunk.indexOf(LF, pos);
        continue;
      }
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        next = lf === cr + 1 ? cr + 2 : cr + 1;
        if (next === chunk.length && lf === -1) this.pendingCr = true;
      } else {
        end = lf;
        next = lf + 1;
      }
      this.completeLine(chunk, pos, end, out);
      pos = next;
      if (lf !== -1 && lf < pos) lf = chunk.indexOf(LF, pos);
      if (cr !== -1 && cr < pos) cr = chunk.indexOf(CR, pos);
    }
    if (pos < chunk.length) {
      this.carry.push(chunk.subarray(pos));
      this.carryBytes += chunk.length - pos;
      if (this.carryBytes > this.options.maxLineBytes) throw this.tooLong();
    }
  }

  private completeLine(
    chunk: Buffer,
    start: number,
    end: number,
    out: NumberedLine[] | undefined,
  ): void {
    let bytes = chunk.subarray(start, end);
    const joined = this.carryBytes > 0;
    if (joined) {
      this.carry.push(bytes);
      bytes = Buffer.concat(this.carry, this.carryBytes + bytes.length);
      this.carry = [];
      this.carryBytes = 0;
    }
    if (bytes.length > this.options.maxLineBytes) throw this.tooLong();
    if (joined || end > this.checkedEnd) this.checkLine(bytes);
    if (this.firstLine === undefined) this.firstLine = this.decode(bytes);
    if (out !== undefined) out.push({ line: this.line, text: this.decode(bytes) });
    this.line += 1;
  }

  private finishCarry(out: NumberedLine[] | undefined): void {
    if (this.carryBytes === 0) return;
    const bytes = Buffer.concat(this.carry, this.carryBytes);
    this.carry = [];
    this.carryBytes = 0;
    this.checkLine(bytes);
    if (out !== undefined) out.push({ line: this.line, text: this.decode(bytes) });
  }

  private decode(bytes: Buffer): string {
    return bytes.toString(this.options.encoding === 'latin1' ? 'latin1' : 'utf8');
  }

  private regionIsText(bytes: Buffer): boolean {
    return bytes.indexOf(0) === -1 && (this.options.encoding === 'latin1' || isUtf8(bytes));
  }

  private checkLine(bytes: Buffer): void {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw this.refuse(
        `a NUL byte (\\x00) at byte ${nul + 1} of the line: the file looks binary or UTF-16; convert it to UTF-8 text`,
        this.fieldBefore(bytes, nul),
      );
    }
    if (this.options.encoding === 'latin1' || isUtf8(bytes)) return;
    const at = firstInvalidUtf8(bytes);
    throw this.refuse(
      `invalid UTF-8 (${hexBytes(badSequence(bytes, at))}) at byte ${at + 1} of the line; ` +
        'if the file is Latin-1 give --encoding latin1, else convert it to UTF-8',
      this.fieldBefore(bytes, at),
    );
  }

  private fieldBefore(bytes: Buffer, at: number): string | undefined {
    const before = bytes.subarray(0, at).toString('utf8');
    return this.options.fieldAt?.(before, this.firstLine ?? before);
  }

  private tooLong(): HiloError {
    return this.refuse(
      `a line longer than ${sizeText(this.options.maxLineBytes)} (input.maxLineMiB in hilo.yaml): ` +
        'most likely a missing line break or an unclosed quote',
    );
  }

  private refuse(message: string, field?: string): HiloError {
    const { file } = this.options;
    const location =
      field === undefined ? { file, line: this.line } : { file, line: this.line, field };
    return new HiloError('INVALID_INPUT', message, location);
  }
}
