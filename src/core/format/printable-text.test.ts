import { describe, expect, it } from 'vitest';
import { hexBytes, printableText } from './printable-text.js';

describe('printableText', () => {
  it('escapes control characters, ESC sequences and line separators, keeping other text', () => {
    expect(printableText('a\u001b[31mb\nc\td\u0000\u009b\u2028 café 🙂')).toBe(
      'a\\x1b[31mb\\nc\\td\\x00\\x9b\\u2028 café 🙂',
    );
    expect(printableText('\ud800x')).toBe('\\ud800x');
  });

  it('cuts long text with an ellipsis', () => {
    expect(printableText('x'.repeat(10), 4)).toBe('xxxx…');
  });

  it('writes bytes as \\xNN', () => {
    expect(hexBytes(Uint8Array.of(0xc3, 0x28))).toBe('\\xc3\\x28');
  });
});
