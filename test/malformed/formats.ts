import { gzipSync } from 'node:zlib';

/** One row as a test writes it: any values, written by the format's writer. */
export type Row = Readonly<Record<string, unknown>>;

/** The text formats the suite writes; `.gz` variants are gzipped after writing. */
export type TextFormat = 'jsonl' | 'json' | 'csv' | 'tsv' | 'jsonl.gz' | 'csv.gz';

export const TEXT_FORMATS: readonly TextFormat[] = [
  'jsonl',
  'json',
  'csv',
  'tsv',
  'jsonl.gz',
  'csv.gz',
];

/** Where row `index` (0-based) of a file written by `write` starts. */
export function rowLine(format: TextFormat, index: number): number {
  return base(format) === 'jsonl' ? index + 1 : index + 2;
}

export function base(format: TextFormat): 'jsonl' | 'json' | 'csv' | 'tsv' {
  return format.replace('.gz', '') as 'jsonl' | 'json' | 'csv' | 'tsv';
}

/** Placeholder that `withBytes` swaps for raw bytes after the text is encoded. */
export const MARK = '\u2063MARK\u2063';

/**
 * A file of rows in a format: JSON lines; a JSON array with one element per line after `[`;
 * CSV or TSV with the header `columns`. Rows are written as given, so a test can make them bad.
 */
export function write(format: TextFormat, rows: readonly Row[], columns = ['id', 'text']): string {
  switch (base(format)) {
    case 'jsonl':
      return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    case 'json':
      return '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
    case 'csv':
      return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))]
        .map((line) => `${line}\n`)
        .join('');
    case 'tsv':
      return [columns.join('\t'), ...rows.map((r) => columns.map((c) => cellText(r[c])).join('\t'))]
        .map((line) => `${line}\n`)
        .join('');
  }
}

/** Encodes text as UTF-8, puts `bytes` where MARK stands, and gzips for `.gz` formats. */
export function encode(format: TextFormat, text: string, bytes: Buffer = Buffer.alloc(0)): Buffer {
  const parts = text.split(MARK).map((part) => Buffer.from(part, 'utf8'));
  const joined: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) joined.push(bytes);
    joined.push(part);
  });
  const raw = Buffer.concat(joined);
  return format.endsWith('.gz') ? gzipSync(raw) : raw;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A small seeded generator (mulberry32), so the same seed gives the same files. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'spam',
  'ham',
  'café',
  'naïve',
  '日本語',
  '🙂',
  'a,b',
  'say "hi"',
  'tab\there',
  'x',
  'Ωmega',
  'line',
  '42',
  'true',
  'null',
  ' padded ',
  'ÆØÅ',
  'émoji 🎉',
  '\\back',
  'plain',
];

/** Random item texts; `safe` leaves out tabs, quotes and commas (for TSV and bare CSV). */
export function randomRows(
  random: () => number,
  count: number,
  prefix: string,
  safe = false,
): Row[] {
  const words = safe ? WORDS.filter((w) => !/[\t",\\]/.test(w)) : WORDS;
  return Array.from({ length: count }, (_, i) => {
    const n = 1 + Math.floor(random() * 4);
    const text = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(
      ' ',
    );
    return { id: `${prefix}-${i}`, text };
  });
}
