import {
  base,
  encode,
  MARK,
  randomRows,
  rowLine,
  seeded,
  TEXT_FORMATS,
  write,
  type Row,
  type TextFormat,
} from './formats.js';

/** What importing a case's file must do. */
export type Outcome =
  | {
      /** Refused: nothing stored, one line naming the file and this line (null: a whole-file error). */
      readonly refused: { readonly line: number | null; readonly field?: string; readonly message: RegExp };
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
  readonly parquet: readonly { name: string; data: unknown[]; type: 'STRING' | 'INT64' | 'DOUBLE' }[];
}

/** hilo.yaml `input` of the project the suite imports into: small caps, so files stay small. */
export const SUITE_INPUT = { maxLineMiB: 1 / 16, gzipMaxRatio: 50, gzipMinMiB: 1 / 16 };
const CAP = (1 << 20) / 16;

const BAD_UTF8: readonly [string, Buffer][] = [
  ['ff', Buffer.from([0xff])],
  ['c3-28', Buffer.from([0xc3, 0x28])],
  ['latin1-e9', Buffer.from([0xe9, 0x74, 0xe9])],
  ['cut-3byte', Buffer.from([0xe2, 0x82])],
  ['overlong', Buffer.from([0xc0, 0xaf])],
  ['surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ['past-10ffff', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
  ['lone-continuation', Buffer.from([0x80])],
];

const imported = (rows: readonly Row[]): Outcome => ({
  imported: Object.fromEntries(rows.map((r) => [String(r['id']), String(r['text'])])),
});
const refused = (line: number | null, message: RegExp, field?: string): Outcome => ({
  refused: field === undefined ? { line, message } : { line, field, message },
});

/**
 * Every case of the suite, the same for the same seed: each format × each defect, in variants.
 * @example const cases = malformedCases(15); cases.length // ≥ 300
 */
export function malformedCases(seed: number): MalformedCase[] {
  const random = seeded(seed);
  const cases: MalformedCase[] = [];
  const add = (c: MalformedCase): void => void cases.push(c);
  const pick = (n: number): number => Math.floor(random() * n);
  const rowsFor = (format: TextFormat, n: number, tag: string): Row[] =>
    randomRows(random, n, tag, base(format) === 'tsv');

  for (const format of TEXT_FORMATS) {
    const fmt = format.replace('.', '-');
    for (let v = 0; v < 8; v++) {
      const rows = rowsFor(format, 1 + pick(20), `ok${v}`);
      add({ name: `valid ${fmt} #${v}`, file: `valid-${fmt}-${v}.${format}`, content: encode(format, write(format, rows)), outcome: imported(rows) });
    }
    for (const [tag, bytes] of BAD_UTF8) {
      const rows = rowsFor(format, 3 + pick(8), 'u');
      const k = pick(rows.length);
      rows[k] = { ...rows[k], text: `bad ${MARK} here` };
      const field = base(format) === 'json' ? undefined : 'text';
      const outcome = refused(rowLine(format, k), /invalid UTF-8 \(\\x/, field);
      add({ name: `invalid UTF-8 ${tag} in ${fmt}`, file: `utf8-${tag}-${fmt}.${format}`, content: encode(format, write(format, rows), bytes), outcome });
      {
        add({ name: `invalid UTF-8 ${tag} in ${fmt} --skip-invalid`, file: `utf8-skip-${tag}-${fmt}.${format}`, content: encode(format, write(format, rows), bytes), args: ['--skip-invalid'], outcome });
      }
    }
    addBoms(format, rowsFor(format, 4, 'bom'), add);
    for (let v = 0; v < 2; v++) {
      const nulRows = rowsFor(format, 5, 'nul');
      const k = pick(5);
      nulRows[k] = { ...nulRows[k], text: `nul ${MARK}` };
      add({ name: `NUL byte in ${fmt} #${v}`, file: `nul-${fmt}-${v}.${format}`, content: encode(format, write(format, nulRows), Buffer.from([0])), outcome: refused(rowLine(format, k), /NUL byte/, base(format) === 'json' ? undefined : 'text') });
    }
    addMissingAndDuplicates(format, rowsFor(format, 6, 'm'), pick, add);
    addEmpty(format, add);
    addControlText(format, add);
  }
  for (const format of ['jsonl', 'json', 'csv', 'tsv'] as const) addLatin1(format, add);
  addJsonDefects(pick, add);
  addCsvDefects(pick, add);
  addGzipDefects(add);
  addParquet(add);
  return cases;
}

function addBoms(format: TextFormat, rows: Row[], add: (c: MalformedCase) => void): void {
  const fmt = format.replace('.', '-');
  const text = write(format, rows);
  add({ name: `UTF-8 BOM ${fmt}`, file: `bom8-${fmt}.${format}`, content: encode(format, MARK + text, Buffer.from([0xef, 0xbb, 0xbf])), outcome: imported(rows) });
  if (format.endsWith('.gz')) return;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le.subarray(2)).swap16();
  add({ name: `UTF-16LE ${fmt}`, file: `bom16le-${fmt}.${format}`, content: le, outcome: refused(1, /UTF-16/) });
  add({ name: `UTF-16BE ${fmt}`, file: `bom16be-${fmt}.${format}`, content: Buffer.concat([Buffer.from([0xfe, 0xff]), be]), outcome: refused(1, /UTF-16/) });
}

function addMissingAndDuplicates(format: TextFormat, rows: Row[], pick: (n: number) => number, add: (c: MalformedCase) => void): void {
  const fmt = format.replace('.', '-');
  const k = 1 + pick(rows.length - 1);
  const dup = rows.map((r, i) => (i === k ? { ...r, id: rows[0]?.['id'] } : r));
  const line = rowLine(format, k);
  add({ name: `duplicate id ${fmt}`, file: `dup-${fmt}.${format}`, content: encode(format, write(format, dup)), outcome: refused(line, /already appears on line/, 'id') });
  add({ name: `duplicate id ${fmt} --skip-invalid`, file: `dup-skip-${fmt}.${format}`, content: encode(format, write(format, dup)), args: ['--skip-invalid'], outcome: imported(dup.filter((_, i) => i !== k)) });
  const noText = rows.map((r, i) => (i === k ? { id: r['id'] } : r));
  // A CSV or TSV cell left empty is empty text, not a missing value.
  const cells = /csv|tsv/.test(base(format));
  const noTextOutcome = cells ? imported(noText.map((r) => ({ ...r, text: r['text'] ?? '' }))) : refused(line, /missing field "text"/, 'text');
  add({ name: `missing text ${fmt}`, file: `notext-${fmt}.${format}`, content: encode(format, write(format, noText)), outcome: noTextOutcome });
  const noId = rows.map((r, i) => (i === k ? { text: r['text'] } : r));
  add({ name: `missing id ${fmt}`, file: `noid-${fmt}.${format}`, content: encode(format, write(format, noId)), outcome: refused(line, /missing id|empty id/, 'id') });
  const blankId = rows.map((r, i) => (i === k ? { ...r, id: '  ' } : r));
  add({ name: `blank id ${fmt}`, file: `blankid-${fmt}.${format}`, content: encode(format, write(format, blankId)), outcome: refused(line, /empty id/, 'id') });
}

function addEmpty(format: TextFormat, add: (c: MalformedCase) => void): void {
  const fmt = format.replace('.', '-');
  const none = /0 items in/;
  add({ name: `empty ${fmt}`, file: `empty-${fmt}.${format}`, content: encode(format, ''), outcome: refused(null, none) });
  const only: Record<string, string> = { jsonl: '\n\n  \n', json: '[]\n', csv: 'id,text\n', tsv: 'id\ttext\n' };
  add({ name: `header or blanks only ${fmt}`, file: `headeronly-${fmt}.${format}`, content: encode(format, only[base(format)] ?? ''), outcome: refused(null, none) });
}

function addControlText(format: TextFormat, add: (c: MalformedCase) => void): void {
  const fmt = format.replace('.', '-');
  const tsvSafe = base(format) === 'tsv';
  const rows = [
    { id: 'c1', text: 'red \u001b[31malert\u001b[0m' },
    { id: 'c2', text: tsvSafe ? 'bell \u0007 del \u007f' : 'bell \u0007 and \u0085 next' },
  ];
  add({ name: `control characters kept ${fmt}`, file: `control-${fmt}.${format}`, content: encode(format, write(format, rows)), outcome: imported(rows) });
}

function addLatin1(format: 'jsonl' | 'json' | 'csv' | 'tsv', add: (c: MalformedCase) => void): void {
  const rows = [
    { id: 'l1', text: 'café crème' },
    { id: 'l2', text: 'Straße ÆØÅ ±' },
  ];
  const latin = Buffer.from(write(format, rows), 'latin1');
  add({ name: `Latin-1 ${format} --encoding latin1`, file: `latin1-${format}.${format}`, content: latin, args: ['--encoding', 'latin1'], outcome: imported(rows) });
  add({ name: `Latin-1 ${format} without --encoding`, file: `latin1-noflag-${format}.${format}`, content: latin, outcome: refused(rowLine(format, 0), /invalid UTF-8.*--encoding latin1/, format === 'json' ? undefined : 'text') });
  const alias = format === 'csv' ? ['latin-1', 'ISO-8859-1'] : [];
  for (const name of alias) {
    add({ name: `Latin-1 csv --encoding ${name}`, file: `latin1-${name}.csv`, content: latin, args: ['--encoding', name], outcome: imported(rows) });
  }
}

function addJsonDefects(pick: (n: number) => number, add: (c: MalformedCase) => void): void {
  for (const format of ['jsonl', 'json'] as const) {
    const wrong: [string, unknown, string, RegExp | null][] = [
      ['text-object', { a: 1 }, 'text', /must be text/],
      ['text-list', ['a'], 'text', /must be text/],
      ['text-null', null, 'text', /missing field/],
      ['text-number', 5, 'text', null],
      ['text-bool', true, 'text', null],
      ['id-object', { a: 1 }, 'id', /id must be text or a number/],
      ['id-list', [1], 'id', /id must be text or a number/],
      ['id-bool', false, 'id', /id must be text or a number/],
    ];
    for (const [tag, value, field, message] of wrong) {
      const rows: Row[] = [{ id: 'w0', text: 'fine' }, { id: 'w1', text: 'x', [field]: value }];
      const content = encode(format, write(format, rows));
      const outcome = message === null ? imported([rows[0] as Row, { id: 'w1', text: String(value) }]) : refused(rowLine(format, 1), message, field);
      add({ name: `wrong type ${tag} ${format}`, file: `type-${tag}.${format}`, content, outcome });
    }
    for (const [i, big] of ['9007199254740993', '12345678901234567891', '-9007199254740993'].entries()) {
      const twin = (BigInt(big) + 1n).toString();
      const text = format === 'jsonl' ? `{"id": ${big}, "text": "a"}\n{"id": ${twin}, "text": "b"}\n` : `[\n{"id": ${big}, "text": "a"},\n{"id": ${twin}, "text": "b"}\n]\n`;
      add({ name: `ids beyond 2^53 ${format} #${i}`, file: `bigid-${i}.${format}`, content: encode(format, text), outcome: { imported: { [big]: 'a', [twin]: 'b' } } });
    }
    const forms = format === 'jsonl' ? '{"id": 1, "text": "a"}\n{"id": 1.0, "text": "b"}\n{"id": 1e0, "text": "c"}\n' : '[{"id": 1, "text": "a"}, {"id": 1.0, "text": "b"}, {"id": 1e0, "text": "c"}]';
    add({ name: `ids 1, 1.0, 1e0 ${format}`, file: `numforms.${format}`, content: encode(format, forms), outcome: { imported: { '1': 'a', '1.0': 'b', '1e0': 'c' } } });
    for (const depth of [20, 65, 100, 5000, 200000]) {
      const nested = '['.repeat(depth) + ']'.repeat(depth);
      const k = 1 + pick(3);
      const lines = Array.from({ length: 4 }, (_, i) => (i === k ? `{"id": "d${i}", "text": "t", "deep": ${nested}}` : `{"id": "d${i}", "text": "t"}`));
      const text = format === 'jsonl' ? lines.join('\n') + '\n' : `[\n${lines.join(',\n')}\n]\n`;
      const ok = depth + 1 <= 64;
      const outcome = ok ? { imported: { d0: 't', d1: 't', d2: 't', d3: 't' } } : refused(format === 'jsonl' ? k + 1 : k + 2, /nested deeper than 64/);
      if (depth * 2 > CAP && format === 'jsonl') continue;
      add({ name: `nesting ${depth} ${format}`, file: `deep-${depth}.${format}`, content: encode(format, text), outcome });
    }
  }
  const syntax: [string, string][] = [
    ['trailing-comma', '{"id": "s", "text": "t",}'],
    ['single-quotes', "{'id': 's', 'text': 't'}"],
    ['unquoted-key', '{id: "s", text: "t"}'],
    ['truncated', '{"id": "s", "text": "tru'],
    ['array-line', '["s", "t"]'],
    ['raw-escape', '{"id": "s", "text": "\u001b[2J\u001b[H"}'],
  ];
  for (const [tag, bad] of syntax) {
    const k = 1 + pick(3);
    const lines = Array.from({ length: 4 }, (_, i) => (i === k ? bad : `{"id": "j${i}", "text": "t"}`));
    const truncatedEnd = tag === 'truncated';
    const text = truncatedEnd ? [...lines.filter((_, i) => i !== k), bad].join('\n') : lines.join('\n') + '\n';
    add({ name: `JSON syntax ${tag}`, file: `syntax-${tag}.jsonl`, content: encode('jsonl', text), outcome: refused(truncatedEnd ? 4 : k + 1, /not valid JSON|expected a JSON object/) });
  }
  const long = `{"id": "big", "text": "${'x'.repeat(CAP + 10)}"}`;
  for (const format of ['jsonl', 'jsonl.gz'] as const) {
    add({ name: `line over the cap ${format}`, file: `longline.${format}`, content: encode(format, `{"id": "a", "text": "t"}\n${long}\n`), outcome: refused(2, format === 'jsonl' ? /a line longer than 64 KiB/ : /a line longer than 64 KiB|gzip bomb/) });
  }
  const mixed = '{"id": "e1", "text": "a"}\r\n{"id": "e2", "text": "b"}\n{"id": "e3", "text": "c"}\r{"id": "e4", "text": "d"}';
  add({ name: 'mixed line endings jsonl', file: 'mixed-endings.jsonl', content: encode('jsonl', mixed), outcome: { imported: { e1: 'a', e2: 'b', e3: 'c', e4: 'd' } } });
  const label: [string, string, RegExp][] = [
    ['outside', '{"id": "g1", "text": "t", "label": "spma"}', /not in the label set|spma/],
    ['missing', '{"id": "g1", "text": "t"}', /missing label/],
  ];
  for (const [tag, line, message] of label) {
    add({ name: `gold label ${tag}`, file: `gold-${tag}.jsonl`, content: encode('jsonl', `{"id": "g0", "text": "t", "label": "spam"}\n${line}\n`), args: ['--role', 'gold'], outcome: refused(2, message, 'label') });
  }
}

function addCsvDefects(pick: (n: number) => number, add: (c: MalformedCase) => void): void {
  for (const format of ['csv', 'csv.gz'] as const) {
    for (let v = 0; v < 3; v++) {
      const k = 1 + pick(4);
      const rows = Array.from({ length: 6 }, (_, i) => `q${i},row ${i}`);
      rows[k] = `q${k},"opens here and never closes`;
      const text = `id,text\n${rows.join('\n')}\n`;
      add({ name: `runaway quote to the end ${format} #${v}`, file: `runaway-end-${v}.${format}`, content: encode(format, text), outcome: refused(k + 2, /never closed/) });
      const quoted = `id,text\n${rows.map((r, i) => (i === k ? r : `q${i},"row ${i}"`)).join('\n')}\n`;
      add({ name: `runaway quote into a quoted row ${format} #${v}`, file: `runaway-into-${v}.${format}`, content: encode(format, quoted), outcome: refused(k + 2, /runs on to line \d+.*never closed/) });
      const tail = Array.from({ length: 3000 }, (_, i) => `t${i},more text on line ${i}`).join('\n');
      const past = `id,text\n${rows.slice(0, k + 1).join('\n')}\n${tail}\n`;
      add({ name: `runaway quote past the cap ${format} #${v}`, file: `runaway-cap-${v}.${format}`, content: encode(format, past), outcome: refused(k + 2, /runs past 64 KiB/) });
    }
  }
  for (const format of ['csv', 'tsv'] as const) {
    const sep = format === 'csv' ? ',' : '\t';
    for (const [tag, extra] of [['extra', `${sep}surplus`], ['short', null]] as const) {
      const k = 1 + pick(3);
      const lines = Array.from({ length: 5 }, (_, i) => `r${i}${sep}text ${i}`);
      lines[k] = extra === null ? `r${k}` : `${lines[k]}${extra}`;
      add({ name: `ragged row ${tag} ${format}`, file: `ragged-${tag}.${format}`, content: encode(format, `id${sep}text\n${lines.join('\n')}\n`), outcome: refused(k + 2, /values? where the header row has 2 columns/) });
    }
    const mixed = `id${sep}text\r\nm1${sep}a\nm2${sep}b\r\nm3${sep}c\n`;
    add({ name: `mixed CRLF and LF ${format}`, file: `mixed-endings.${format}`, content: encode(format, mixed), outcome: { imported: { m1: 'a', m2: 'b', m3: 'c' } } });
    const longCell = `id${sep}text\na${sep}${'y'.repeat(CAP + 10)}\n`;
    add({ name: `record over the cap ${format}`, file: `longrecord.${format}`, content: encode(format, longCell), outcome: refused(2, /longer than 64 KiB|runs past 64 KiB/) });
  }
  add({ name: 'csv missing text column', file: 'nocolumn.csv', content: encode('csv', 'id,body\nn1,a\n'), outcome: refused(2, /missing field "text"/, 'text') });
  add({ name: 'csv gold label outside', file: 'gold-outside.csv', content: encode('csv', 'id,text,label\ng1,t,spam\ng2,t,spma\n'), args: ['--role', 'gold'], outcome: refused(3, /./, 'label') });
}

function addGzipDefects(add: (c: MalformedCase) => void): void {
  const blanks = `{"id": "b", "text": "a"}\n${'\n'.repeat(2 << 20)}`;
  add({ name: 'gzip bomb of blank lines jsonl.gz', file: 'bomb-lines.jsonl.gz', content: encode('jsonl.gz', blanks), outcome: refused(null, /gzip bomb/) });
  add({ name: 'gzip bomb one line jsonl.gz', file: 'bomb-one.jsonl.gz', content: encode('jsonl.gz', 'a'.repeat(4 << 20)), outcome: refused(1, /gzip bomb|longer than/) });
  add({ name: 'gzip bomb csv.gz', file: 'bomb.csv.gz', content: encode('csv.gz', `id,text\n${'z,'.repeat(2 << 20)}`), outcome: refused(2, /gzip bomb|longer than|runs past/) });
  const good = encode('jsonl.gz', Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `z${i}`, text: `row ${i}` })).join('\n'));
  add({ name: 'truncated gzip', file: 'truncated.jsonl.gz', content: good.subarray(0, good.length - 20), outcome: refused(null, /cannot read the file|unexpected end/) });
  add({ name: 'not gzip at all', file: 'notgzip.csv.gz', content: Buffer.from('id,text\na,b\n'), outcome: refused(null, /cannot read the file/) });
}

function addParquet(add: (c: MalformedCase) => void): void {
  const ids = ['p1', 'p2', 'p3'];
  add({ name: 'valid parquet', file: 'valid.parquet', content: { parquet: [{ name: 'id', data: ids, type: 'STRING' }, { name: 'text', data: ['a', 'b', 'c'], type: 'STRING' }] }, outcome: { imported: { p1: 'a', p2: 'b', p3: 'c' } } });
  const big = [9007199254740993n, 9007199254740994n];
  add({ name: 'parquet INT64 ids beyond 2^53', file: 'bigid.parquet', content: { parquet: [{ name: 'id', data: big, type: 'INT64' }, { name: 'text', data: ['a', 'b'], type: 'STRING' }] }, outcome: { imported: { '9007199254740993': 'a', '9007199254740994': 'b' } } });
  add({ name: 'parquet duplicate id', file: 'dup.parquet', content: { parquet: [{ name: 'id', data: ['p1', 'p1'], type: 'STRING' }, { name: 'text', data: ['a', 'b'], type: 'STRING' }] }, outcome: refused(2, /already appears/, 'id') });
  add({ name: 'parquet missing text column', file: 'notext.parquet', content: { parquet: [{ name: 'id', data: ['p1'], type: 'STRING' }] }, outcome: refused(1, /missing field "text"/, 'text') });
  add({ name: 'parquet null id', file: 'nullid.parquet', content: { parquet: [{ name: 'id', data: ['p1', null], type: 'STRING' }, { name: 'text', data: ['a', 'b'], type: 'STRING' }] }, outcome: refused(2, /missing id/, 'id') });
  add({ name: 'parquet that is not parquet', file: 'fake.parquet', content: Buffer.from('PAR1 this is not a parquet file'), outcome: refused(null, /not a readable Parquet file/) });
}
