import { encode } from './formats.js';
import { CAP, refused, type MalformedCase } from './outcome.js';

/** Defects of CSV and TSV rows, of gzip streams and of Parquet files. */
export function addCsvDefects(pick: (n: number) => number, add: (c: MalformedCase) => void): void {
  for (const format of ['csv', 'csv.gz'] as const) {
    for (let v = 0; v < 3; v++) {
      const k = 1 + pick(4);
      const rows = Array.from({ length: 6 }, (_, i) => `q${i},row ${i}`);
      rows[k] = `q${k},"opens here and never closes`;
      const text = `id,text\n${rows.join('\n')}\n`;
      add({
        name: `runaway quote to the end ${format} #${v}`,
        file: `runaway-end-${v}.${format}`,
        content: encode(format, text),
        outcome: refused(k + 2, /never closed/),
      });
      const quoted = `id,text\n${rows.map((r, i) => (i === k ? r : `q${i},"row ${i}"`)).join('\n')}\n`;
      add({
        name: `runaway quote into a quoted row ${format} #${v}`,
        file: `runaway-into-${v}.${format}`,
        content: encode(format, quoted),
        outcome: refused(k + 2, /runs on to line \d+.*never closed/),
      });
      const tail = Array.from({ length: 3000 }, (_, i) => `t${i},more text on line ${i}`).join(
        '\n',
      );
      const past = `id,text\n${rows.slice(0, k + 1).join('\n')}\n${tail}\n`;
      add({
        name: `runaway quote past the cap ${format} #${v}`,
        file: `runaway-cap-${v}.${format}`,
        content: encode(format, past),
        outcome: refused(k + 2, /runs past 64 KiB/),
      });
    }
  }
  for (const format of ['csv', 'tsv'] as const) {
    const sep = format === 'csv' ? ',' : '\t';
    for (const [tag, extra] of [
      ['extra', `${sep}surplus`],
      ['short', null],
    ] as const) {
      const k = 1 + pick(3);
      const lines = Array.from({ length: 5 }, (_, i) => `r${i}${sep}text ${i}`);
      lines[k] = extra === null ? `r${k}` : `${lines[k]}${extra}`;
      add({
        name: `ragged row ${tag} ${format}`,
        file: `ragged-${tag}.${format}`,
        content: encode(format, `id${sep}text\n${lines.join('\n')}\n`),
        outcome: refused(k + 2, /values? where the header row has 2 columns/),
      });
    }
    const mixed = `id${sep}text\r\nm1${sep}a\nm2${sep}b\r\nm3${sep}c\n`;
    add({
      name: `mixed CRLF and LF ${format}`,
      file: `mixed-endings.${format}`,
      content: encode(format, mixed),
      outcome: { imported: { m1: 'a', m2: 'b', m3: 'c' } },
    });
    const longCell = `id${sep}text\na${sep}${'y'.repeat(CAP + 10)}\n`;
    add({
      name: `record over the cap ${format}`,
      file: `longrecord.${format}`,
      content: encode(format, longCell),
      outcome: refused(2, /longer than 64 KiB|runs past 64 KiB/),
    });
  }
  add({
    name: 'csv missing text column',
    file: 'nocolumn.csv',
    content: encode('csv', 'id,body\nn1,a\n'),
    outcome: refused(2, /missing field "text"/, 'text'),
  });
  add({
    name: 'csv gold label outside',
    file: 'gold-outside.csv',
    content: encode('csv', 'id,text,label\ng1,t,spam\ng2,t,spma\n'),
    args: ['--role', 'gold'],
    outcome: refused(3, /./, 'label'),
  });
}

export function addGzipDefects(add: (c: MalformedCase) => void): void {
  const blanks = `{"id": "b", "text": "a"}\n${'\n'.repeat(2 << 20)}`;
  add({
    name: 'gzip bomb of blank lines jsonl.gz',
    file: 'bomb-lines.jsonl.gz',
    content: encode('jsonl.gz', blanks),
    outcome: refused(null, /gzip bomb/),
  });
  add({
    name: 'gzip bomb one line jsonl.gz',
    file: 'bomb-one.jsonl.gz',
    content: encode('jsonl.gz', 'a'.repeat(4 << 20)),
    outcome: refused(1, /gzip bomb|longer than/),
  });
  add({
    name: 'gzip bomb csv.gz',
    file: 'bomb.csv.gz',
    content: encode('csv.gz', `id,text\n${'z,'.repeat(2 << 20)}`),
    outcome: refused(2, /gzip bomb|longer than|runs past/),
  });
  const good = encode(
    'jsonl.gz',
    Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `z${i}`, text: `row ${i}` })).join(
      '\n',
    ),
  );
  add({
    name: 'truncated gzip',
    file: 'truncated.jsonl.gz',
    content: good.subarray(0, good.length - 20),
    outcome: refused(null, /cannot read the file|unexpected end/),
  });
  add({
    name: 'not gzip at all',
    file: 'notgzip.csv.gz',
    content: Buffer.from('id,text\na,b\n'),
    outcome: refused(null, /cannot read the file/),
  });
}

export function addParquet(add: (c: MalformedCase) => void): void {
  const ids = ['p1', 'p2', 'p3'];
  add({
    name: 'valid parquet',
    file: 'valid.parquet',
    content: {
      parquet: [
        { name: 'id', data: ids, type: 'STRING' },
        { name: 'text', data: ['a', 'b', 'c'], type: 'STRING' },
      ],
    },
    outcome: { imported: { p1: 'a', p2: 'b', p3: 'c' } },
  });
  const big = [9007199254740993n, 9007199254740994n];
  add({
    name: 'parquet INT64 ids beyond 2^53',
    file: 'bigid.parquet',
    content: {
      parquet: [
        { name: 'id', data: big, type: 'INT64' },
        { name: 'text', data: ['a', 'b'], type: 'STRING' },
      ],
    },
    outcome: { imported: { '9007199254740993': 'a', '9007199254740994': 'b' } },
  });
  add({
    name: 'parquet duplicate id',
    file: 'dup.parquet',
    content: {
      parquet: [
        { name: 'id', data: ['p1', 'p1'], type: 'STRING' },
        { name: 'text', data: ['a', 'b'], type: 'STRING' },
      ],
    },
    outcome: refused(2, /already appears/, 'id'),
  });
  add({
    name: 'parquet missing text column',
    file: 'notext.parquet',
    content: { parquet: [{ name: 'id', data: ['p1'], type: 'STRING' }] },
    outcome: refused(1, /missing field "text"/, 'text'),
  });
  add({
    name: 'parquet null id',
    file: 'nullid.parquet',
    content: {
      parquet: [
        { name: 'id', data: ['p1', null], type: 'STRING' },
        { name: 'text', data: ['a', 'b'], type: 'STRING' },
      ],
    },
    outcome: refused(2, /missing id/, 'id'),
  });
  add({
    name: 'parquet that is not parquet',
    file: 'fake.parquet',
    content: Buffer.from('PAR1 this is not a parquet file'),
    outcome: refused(null, /not a readable Parquet file/),
  });
}
