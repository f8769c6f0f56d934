import type { Row } from './formats.js';

/** What importing a case's file must do. */
export type Outcome =
  | {
      /** Refused: nothing stored, one line naming the file and this line (null: a whole-file error). */
      readonly refused: {
        readonly line: number | null;
        readonly field?: string;
        readonly message: RegExp;
      };
    }
  | {
      /** Imported exactly these items (id → text), nothing else. */
      readonly imported: Readonly<Record<string, string>>;
    };

export interface MalformedCase {
  readonly name: string;
  /** File name, extension included. */
  readonly file: string;
  /** The file's bytes, or Parquet columns to write. */
  readonly content: Buffer | ParquetColumns;
  /** More `hilo import` flags. */
  readonly args?: readonly string[];
  readonly outcome: Outcome;
}

export interface ParquetColumns {
  readonly parquet: readonly {
    name: string;
    data: unknown[];
    type: 'STRING' | 'INT64' | 'DOUBLE';
  }[];
}

/** hilo.yaml `input` of the project the suite imports into: small caps, so files stay small. */
export const SUITE_INPUT = { maxLineMiB: 1 / 16, gzipMaxRatio: 50, gzipMinMiB: 1 / 16 };
export const CAP = (1 << 20) / 16;

export const BAD_UTF8: readonly [string, Buffer][] = [
  ['ff', Buffer.from([0xff])],
  ['c3-28', Buffer.from([0xc3, 0x28])],
  ['latin1-e9', Buffer.from([0xe9, 0x74, 0xe9])],
  ['cut-3byte', Buffer.from([0xe2, 0x82])],
  ['overlong', Buffer.from([0xc0, 0xaf])],
  ['surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ['past-10ffff', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
  ['lone-continuation', Buffer.from([0x80])],
];

export const imported = (rows: readonly Row[]): Outcome => ({
  imported: Object.fromEntries(rows.map((r) => [String(r['id']), String(r['text'])])),
});
export const refused = (line: number | null, message: RegExp, field?: string): Outcome => ({
  refused: field === undefined ? { line, message } : { line, field, message },
});
