import { HiloError } from '../core/errors.js';

/** The text encodings hilo reads: UTF-8 (default) and Latin-1 (ISO-8859-1). */
export type TextEncoding = 'utf-8' | 'latin1';

/**
 * How far a file may go before it is refused rather than read: a line (JSON lines) or record
 * (CSV, TSV) longer than `maxLineBytes`, and a gzip file that unpacks to more than
 * `gzipMaxRatio` times the bytes read of it once past `gzipMinBytes`. Set in hilo.yaml under `input`.
 */
export interface InputLimits {
  readonly maxLineBytes: number;
  readonly gzipMaxRatio: number;
  readonly gzipMinBytes: number;
}

const MIB = 1 << 20;

/**
 * The limits hilo.yaml's `input` section gives, in bytes.
 * @example inputLimits({ maxLineMiB: 16, gzipMaxRatio: 100, gzipMinMiB: 64 }).maxLineBytes // 16777216
 * Complexity O(1).
 */
export function inputLimits(settings: {
  readonly maxLineMiB: number;
  readonly gzipMaxRatio: number;
  readonly gzipMinMiB: number;
}): InputLimits {
  return {
    maxLineBytes: Math.max(1, Math.round(settings.maxLineMiB * MIB)),
    gzipMaxRatio: settings.gzipMaxRatio,
    gzipMinBytes: Math.round(settings.gzipMinMiB * MIB),
  };
}

/** The limits of a project that does not set any. */
export const DEFAULT_INPUT_LIMITS: InputLimits = inputLimits({
  maxLineMiB: 16,
  gzipMaxRatio: 100,
  gzipMinMiB: 64,
});

const ENCODINGS: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
  iso88591: 'latin1',
};

/**
 * Reads an `--encoding` value: `utf-8` (or `utf8`), `latin1` (or `latin-1`, `iso-8859-1`).
 * @example textEncoding('ISO-8859-1') // 'latin1'
 * Complexity O(1).
 */
export function textEncoding(name: string): TextEncoding {
  const encoding = ENCODINGS[name.trim().toLowerCase()];
  if (encoding === undefined) {
    throw new HiloError(
      'INVALID_INPUT',
      `--encoding must be utf-8 or latin1 (latin-1, iso-8859-1), got "${name}"`,
    );
  }
  return encoding;
}

/**
 * How a size reads in an error message.
 * @example sizeText(16777216) // '16 MiB'
 */
export function sizeText(bytes: number): string {
  if (bytes >= MIB) return `${+(bytes / MIB).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}
