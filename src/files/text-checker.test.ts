import { describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import { TextChecker, type NumberedLine, type TextCheckerOptions } from './text-checker.js';

const base: TextCheckerOptions = { file: 'f.jsonl', encoding: 'utf-8', maxLineBytes: 64 };

/** Feeds `chunks` through a checker in lines mode. */
function lines(
  chunks: readonly Buffer[],
  options: Partial<TextCheckerOptions> = {},
): NumberedLine[] {
  const checker = new TextChecker({ ...base, ...options });
  const out: NumberedLine[] = [];
  for (const chunk of chunks) checker.lines(chunk, out);
  checker.endLines(out);
  return out;
}

function refusal(run: () => unknown): HiloError {
  try {
    run();
  } catch (error) {
    if (error instanceof HiloError) return error;
    throw error;
  }
  throw new Error('expected a HiloError');
}

const b = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('TextChecker', () => {
  it('splits LF, CRLF and CR lines, also when a CRLF or a character falls across chunks', () => {
    const euro = b('€'); // three bytes
    const chunks = [
      b('a\r'),
      b('\nb\nc\r'),
      b('d'),
      Buffer.concat([b('x'), euro.subarray(0, 1)]),
      euro.subarray(1),
    ];
    expect(lines(chunks)).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
      { line: 4, text: 'dx€' },
    ]);
  });

  it('drops a UTF-8 byte-order mark and refuses a UTF-16 one', () => {
    expect(lines([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b('a\n')])])).toEqual([
      { line: 1, text: 'a' },
    ]);
    const error = refusal(() => lines([Buffer.from([0xff, 0xfe, 0x61, 0x00])]));
    expect(error.message).toMatch(
      /^f\.jsonl, line 1: starts with a UTF-16 byte-order mark: convert/,
    );
  });

  it('refuses invalid UTF-8 naming the line, the bytes and the field the reader names', () => {
    const bad = Buffer.concat([b('ok\n{"id": 1, "text": "caf'), Buffer.from([0xe9]), b('"}\n')]);
    const error = refusal(() => lines([bad], { fieldAt: () => 'text' }));
    expect(error.location).toEqual({ file: 'f.jsonl', line: 2, field: 'text' });
    expect(error.message).toContain(
      'invalid UTF-8 (\\xe9) at byte 23 of the line; if the file is Latin-1 give --encoding latin1',
    );
  });

  it('reads Latin-1 when told, and hands on UTF-8 bytes', () => {
    const latin = Buffer.from('café\n', 'latin1');
    expect(lines([latin], { encoding: 'latin1' })).toEqual([{ line: 1, text: 'café' }]);
    const checker = new TextChecker({ ...base, encoding: 'latin1' });
    expect(checker.bytes(latin).toString('utf8')).toBe('café\n');
  });

  it('refuses a NUL byte, a line over the cap and more bytes than allowed', () => {
    expect(refusal(() => lines([b('a\nb\u0000\n')])).message).toMatch(/line 2: a NUL byte/);
    const long = refusal(() => lines([b('short\n'), b('x'.repeat(40)), b('y'.repeat(40))]));
    expect(long.message).toMatch(
      /line 2: a line longer than 64 bytes \(input\.maxLineMiB in hilo\.yaml\)/,
    );
    const gzip = { ratio: 10, minBytes: 100, compressed: () => 5 };
    const bomb = refusal(() => lines([b('a\n'.repeat(40)), b('a\n'.repeat(40))], { gzip }));
    expect(bomb.message).toMatch(
      /line 41: unpacks to over 10 times its compressed size and more than 100 bytes: refused as a likely gzip bomb/,
    );
    expect(lines([b('\n'.repeat(50)), b('a\n')])).toEqual([{ line: 51, text: 'a' }]);
  });
});
