import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { HiloError } from '../core/errors.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits, type TextEncoding } from './input-limits.js';
import { TextChecker, type NumberedLine, type TextCheckerOptions } from './text-checker.js';

/** How a text file is read: unzipped or not, its encoding, the caps, its size on disk. */
export interface TextInputOptions {
  readonly gzip: boolean;
  readonly encoding?: TextEncoding;
  readonly limits?: InputLimits;
  /** Names the field a bad byte sits in (see TextChecker). */
  readonly fieldAt?: TextCheckerOptions['fieldAt'];
}

/**
 * A byte stream of a text file, unzipped on the fly when `gzip`, and how many bytes of the file
 * it has read so far. A broken gzip stream surfaces as an error on the returned stream, not on
 * the raw file stream, so one listener sees all.
 */
function openCountedInput(path: string, gzip: boolean): { input: Readable; read: () => number } {
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  const read = (): number => file.bytesRead;
  if (!gzip) return { input: file, read };
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => file.destroy());
  return { input: file.pipe(gunzip), read };
}

/**
 * The lines of a text file, checked (see TextChecker) and decoded, in batches as read. Stops at
 * the first bad byte or over-long line with a HiloError naming the file and line; a gzip file
 * that unpacks beyond its cap stops as soon as it passes it.
 * @example for await (const lines of checkedLines('items.jsonl', { gzip: false })) ...
 * Complexity O(bytes); memory one read buffer and the longest line.
 */
export async function* checkedLines(
  path: string,
  options: TextInputOptions,
): AsyncGenerator<NumberedLine[]> {
  const { input, read } = openCountedInput(path, options.gzip);
  const checker = new TextChecker(checkerOptions(path, options, read));
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const lines: NumberedLine[] = [];
      checker.lines(chunk, lines);
      if (lines.length > 0) yield lines;
    }
    const last: NumberedLine[] = [];
    checker.endLines(last);
    if (last.length > 0) yield last;
  } catch (error) {
    throw readFailure(path, error);
  } finally {
    input.destroy();
  }
}

/**
 * A text file as checked UTF-8 bytes (see TextChecker), for parsers that read a byte stream.
 * Errors, the checker's HiloErrors included, surface on the returned stream.
 * @example openCheckedInput('items.csv', { gzip: false }).pipe(parser)
 * Complexity O(bytes); memory one read buffer and the longest line.
 */
export function openCheckedInput(path: string, options: TextInputOptions): Readable {
  const { input, read } = openCountedInput(path, options.gzip);
  const checker = new TextChecker(checkerOptions(path, options, read));
  const checked = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, checker.bytes(chunk));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        checker.end();
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  input.on('error', (error) => checked.destroy(error));
  checked.on('close', () => input.destroy());
  return input.pipe(checked);
}

function checkerOptions(
  path: string,
  options: TextInputOptions,
  compressed: () => number,
): TextCheckerOptions {
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  return {
    file: path,
    encoding: options.encoding ?? 'utf-8',
    maxLineBytes: limits.maxLineBytes,
    ...(options.fieldAt ? { fieldAt: options.fieldAt } : {}),
    ...(options.gzip
      ? { gzip: { ratio: limits.gzipMaxRatio, minBytes: limits.gzipMinBytes, compressed } }
      : {}),
  };
}

/**
 * Turns an error raised while reading a file into a HiloError naming the file; HiloErrors pass
 * through. Used by every reader so a broken gzip or an unreadable file reads the same.
 * @example catch (error) { throw readFailure(path, error); }
 * Complexity O(1).
 */
export function readFailure(path: string, error: unknown): HiloError {
  if (error instanceof HiloError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return new HiloError('NOT_FOUND', 'no such file', { file: path });
  const message = error instanceof Error ? error.message : String(error);
  return new HiloError(
    'INVALID_INPUT',
    `cannot read the file: ${message}`,
    { file: path },
    {
      cause: error,
    },
  );
}
