import { encode, rowLine, write, type Row } from './formats.js';
import { CAP, refused, imported, type MalformedCase } from './outcome.js';

/** Defects of JSON lines and JSON arrays: wrong types, big ids, nesting, syntax, long lines, gold labels. */
export function addJsonDefects(pick: (n: number) => number, add: (c: MalformedCase) => void): void {
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
      const rows: Row[] = [
        { id: 'w0', text: 'fine' },
        { id: 'w1', text: 'x', [field]: value },
      ];
      const content = encode(format, write(format, rows));
      const outcome =
        message === null
          ? imported([rows[0] as Row, { id: 'w1', text: String(value) }])
          : refused(rowLine(format, 1), message, field);
      add({ name: `wrong type ${tag} ${format}`, file: `type-${tag}.${format}`, content, outcome });
    }
    for (const [i, big] of [
      '9007199254740993',
      '12345678901234567891',
      '-9007199254740993',
    ].entries()) {
      const twin = (BigInt(big) + 1n).toString();
      const text =
        format === 'jsonl'
          ? `{"id": ${big}, "text": "a"}\n{"id": ${twin}, "text": "b"}\n`
          : `[\n{"id": ${big}, "text": "a"},\n{"id": ${twin}, "text": "b"}\n]\n`;
      add({
        name: `ids beyond 2^53 ${format} #${i}`,
        file: `bigid-${i}.${format}`,
        content: encode(format, text),
        outcome: { imported: { [big]: 'a', [twin]: 'b' } },
      });
    }
    const forms =
      format === 'jsonl'
        ? '{"id": 1, "text": "a"}\n{"id": 1.0, "text": "b"}\n{"id": 1e0, "text": "c"}\n'
        : '[{"id": 1, "text": "a"}, {"id": 1.0, "text": "b"}, {"id": 1e0, "text": "c"}]';
    add({
      name: `ids 1, 1.0, 1e0 ${format}`,
      file: `numforms.${format}`,
      content: encode(format, forms),
      outcome: { imported: { '1': 'a', '1.0': 'b', '1e0': 'c' } },
    });
    for (const depth of [20, 65, 100, 5000, 200000]) {
      const nested = '['.repeat(depth) + ']'.repeat(depth);
      const k = 1 + pick(3);
      const lines = Array.from({ length: 4 }, (_, i) =>
        i === k
          ? `{"id": "d${i}", "text": "t", "deep": ${nested}}`
          : `{"id": "d${i}", "text": "t"}`,
      );
      const text = format === 'jsonl' ? lines.join('\n') + '\n' : `[\n${lines.join(',\n')}\n]\n`;
      const ok = depth + 1 <= 64;
      const outcome = ok
        ? { imported: { d0: 't', d1: 't', d2: 't', d3: 't' } }
        : refused(format === 'jsonl' ? k + 1 : k + 2, /nested deeper than 64/);
      if (depth * 2 > CAP && format === 'jsonl') continue;
      add({
        name: `nesting ${depth} ${format}`,
        file: `deep-${depth}.${format}`,
        content: encode(format, text),
        outcome,
      });
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
    const lines = Array.from({ length: 4 }, (_, i) =>
      i === k ? bad : `{"id": "j${i}", "text": "t"}`,
    );
    const truncatedEnd = tag === 'truncated';
    const text = truncatedEnd
      ? [...lines.filter((_, i) => i !== k), bad].join('\n')
      : lines.join('\n') + '\n';
    add({
      name: `JSON syntax ${tag}`,
      file: `syntax-${tag}.jsonl`,
      content: encode('jsonl', text),
      outcome: refused(truncatedEnd ? 4 : k + 1, /not valid JSON|expected a JSON object/),
    });
  }
  const long = `{"id": "big", "text": "${'x'.repeat(CAP + 10)}"}`;
  for (const format of ['jsonl', 'jsonl.gz'] as const) {
    add({
      name: `line over the cap ${format}`,
      file: `longline.${format}`,
      content: encode(format, `{"id": "a", "text": "t"}\n${long}\n`),
      outcome: refused(
        2,
        format === 'jsonl' ? /a line longer than 64 KiB/ : /a line longer than 64 KiB|gzip bomb/,
      ),
    });
  }
  const mixed =
    '{"id": "e1", "text": "a"}\r\n{"id": "e2", "text": "b"}\n{"id": "e3", "text": "c"}\r{"id": "e4", "text": "d"}';
  add({
    name: 'mixed line endings jsonl',
    file: 'mixed-endings.jsonl',
    content: encode('jsonl', mixed),
    outcome: { imported: { e1: 'a', e2: 'b', e3: 'c', e4: 'd' } },
  });
  const label: [string, string, RegExp][] = [
    ['outside', '{"id": "g1", "text": "t", "label": "spma"}', /not in the label set|spma/],
    ['missing', '{"id": "g1", "text": "t"}', /missing label/],
  ];
  for (const [tag, line, message] of label) {
    add({
      name: `gold label ${tag}`,
      file: `gold-${tag}.jsonl`,
      content: encode('jsonl', `{"id": "g0", "text": "t", "label": "spam"}\n${line}\n`),
      args: ['--role', 'gold'],
      outcome: refused(2, message, 'label'),
    });
  }
}
