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

import { BAD_UTF8, imported, refused, type MalformedCase } from './outcome.js';
import { addJsonDefects } from './json-cases.js';
import { addCsvDefects, addGzipDefects, addParquet } from './table-cases.js';

export { SUITE_INPUT, type MalformedCase, type Outcome } from './outcome.js';

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
      add({
        name: `valid ${fmt} #${v}`,
        file: `valid-${fmt}-${v}.${format}`,
        content: encode(format, write(format, rows)),
        outcome: imported(rows),
      });
    }
    for (const [tag, bytes] of BAD_UTF8) {
      const rows = rowsFor(format, 3 + pick(8), 'u');
      const k = pick(rows.length);
      rows[k] = { ...rows[k], text: `bad ${MARK} here` };
      const field = base(format) === 'json' ? undefined : 'text';
      const outcome = refused(rowLine(format, k), /invalid UTF-8 \(\\x/, field);
      add({
        name: `invalid UTF-8 ${tag} in ${fmt}`,
        file: `utf8-${tag}-${fmt}.${format}`,
        content: encode(format, write(format, rows), bytes),
        outcome,
      });
      {
        add({
          name: `invalid UTF-8 ${tag} in ${fmt} --skip-invalid`,
          file: `utf8-skip-${tag}-${fmt}.${format}`,
          content: encode(format, write(format, rows), bytes),
          args: ['--skip-invalid'],
          outcome,
        });
      }
    }
    addBoms(format, rowsFor(format, 4, 'bom'), add);
    for (let v = 0; v < 2; v++) {
      const nulRows = rowsFor(format, 5, 'nul');
      const k = pick(5);
      nulRows[k] = { ...nulRows[k], text: `nul ${MARK}` };
      add({
        name: `NUL byte in ${fmt} #${v}`,
        file: `nul-${fmt}-${v}.${format}`,
        content: encode(format, write(format, nulRows), Buffer.from([0])),
        outcome: refused(
          rowLine(format, k),
          /NUL byte/,
          base(format) === 'json' ? undefined : 'text',
        ),
      });
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
  add({
    name: `UTF-8 BOM ${fmt}`,
    file: `bom8-${fmt}.${format}`,
    content: encode(format, MARK + text, Buffer.from([0xef, 0xbb, 0xbf])),
    outcome: imported(rows),
  });
  if (format.endsWith('.gz')) return;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le.subarray(2)).swap16();
  add({
    name: `UTF-16LE ${fmt}`,
    file: `bom16le-${fmt}.${format}`,
    content: le,
    outcome: refused(1, /UTF-16/),
  });
  add({
    name: `UTF-16BE ${fmt}`,
    file: `bom16be-${fmt}.${format}`,
    content: Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    outcome: refused(1, /UTF-16/),
  });
}

function addMissingAndDuplicates(
  format: TextFormat,
  rows: Row[],
  pick: (n: number) => number,
  add: (c: MalformedCase) => void,
): void {
  const fmt = format.replace('.', '-');
  const k = 1 + pick(rows.length - 1);
  const dup = rows.map((r, i) => (i === k ? { ...r, id: rows[0]?.['id'] } : r));
  const line = rowLine(format, k);
  add({
    name: `duplicate id ${fmt}`,
    file: `dup-${fmt}.${format}`,
    content: encode(format, write(format, dup)),
    outcome: refused(line, /already appears on line/, 'id'),
  });
  add({
    name: `duplicate id ${fmt} --skip-invalid`,
    file: `dup-skip-${fmt}.${format}`,
    content: encode(format, write(format, dup)),
    args: ['--skip-invalid'],
    outcome: imported(dup.filter((_, i) => i !== k)),
  });
  const noText = rows.map((r, i) => (i === k ? { id: r['id'] } : r));
  // A CSV or TSV cell left empty is empty text, not a missing value.
  const cells = /csv|tsv/.test(base(format));
  const noTextOutcome = cells
    ? imported(noText.map((r) => ({ ...r, text: r['text'] ?? '' })))
    : refused(line, /missing field "text"/, 'text');
  add({
    name: `missing text ${fmt}`,
    file: `notext-${fmt}.${format}`,
    content: encode(format, write(format, noText)),
    outcome: noTextOutcome,
  });
  const noId = rows.map((r, i) => (i === k ? { text: r['text'] } : r));
  add({
    name: `missing id ${fmt}`,
    file: `noid-${fmt}.${format}`,
    content: encode(format, write(format, noId)),
    outcome: refused(line, /missing id|empty id/, 'id'),
  });
  const blankId = rows.map((r, i) => (i === k ? { ...r, id: '  ' } : r));
  add({
    name: `blank id ${fmt}`,
    file: `blankid-${fmt}.${format}`,
    content: encode(format, write(format, blankId)),
    outcome: refused(line, /empty id/, 'id'),
  });
}

function addEmpty(format: TextFormat, add: (c: MalformedCase) => void): void {
  const fmt = format.replace('.', '-');
  const none = /0 items in/;
  add({
    name: `empty ${fmt}`,
    file: `empty-${fmt}.${format}`,
    content: encode(format, ''),
    outcome: refused(null, none),
  });
  const only: Record<string, string> = {
    jsonl: '\n\n  \n',
    json: '[]\n',
    csv: 'id,text\n',
    tsv: 'id\ttext\n',
  };
  add({
    name: `header or blanks only ${fmt}`,
    file: `headeronly-${fmt}.${format}`,
    content: encode(format, only[base(format)] ?? ''),
    outcome: refused(null, none),
  });
}

function addControlText(format: TextFormat, add: (c: MalformedCase) => void): void {
  const fmt = format.replace('.', '-');
  const tsvSafe = base(format) === 'tsv';
  const rows = [
    { id: 'c1', text: 'red \u001b[31malert\u001b[0m' },
    { id: 'c2', text: tsvSafe ? 'bell \u0007 del \u007f' : 'bell \u0007 and \u0085 next' },
  ];
  add({
    name: `control characters kept ${fmt}`,
    file: `control-${fmt}.${format}`,
    content: encode(format, write(format, rows)),
    outcome: imported(rows),
  });
}

function addLatin1(
  format: 'jsonl' | 'json' | 'csv' | 'tsv',
  add: (c: MalformedCase) => void,
): void {
  const rows = [
    { id: 'l1', text: 'café crème' },
    { id: 'l2', text: 'Straße ÆØÅ ±' },
  ];
  const latin = Buffer.from(write(format, rows), 'latin1');
  add({
    name: `Latin-1 ${format} --encoding latin1`,
    file: `latin1-${format}.${format}`,
    content: latin,
    args: ['--encoding', 'latin1'],
    outcome: imported(rows),
  });
  add({
    name: `Latin-1 ${format} without --encoding`,
    file: `latin1-noflag-${format}.${format}`,
    content: latin,
    outcome: refused(
      rowLine(format, 0),
      /invalid UTF-8.*--encoding latin1/,
      format === 'json' ? undefined : 'text',
    ),
  });
  const alias = format === 'csv' ? ['latin-1', 'ISO-8859-1'] : [];
  for (const name of alias) {
    add({
      name: `Latin-1 csv --encoding ${name}`,
      file: `latin1-${name}.csv`,
      content: latin,
      args: ['--encoding', name],
      outcome: imported(rows),
    });
  }
}
