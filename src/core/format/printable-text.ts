/** Longest text an error message echoes from a file before cutting it short. */
const MAX_ECHO = 400;

const NAMED: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' };

/**
 * Text from a user's file made safe to print on one terminal line: control characters (C0, DEL,
 * C1, so also ESC sequences), line and paragraph separators and lone surrogates become `\xNN` or
 * `\uNNNN` escapes (tab, newline and carriage return as `\t`, `\n`, `\r`); text longer than `max`
 * characters is cut with `…`.
 * @example printableText('bad\x1b[31m label') // 'bad\\x1b[31m label'
 * Complexity O(length).
 */
export function printableText(text: string, max = MAX_ECHO): string {
  let out = '';
  const end = Math.min(text.length, max);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) {
      out += text[i];
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i += 1;
        continue;
      }
    }
    out += escaped(code) ?? text[i];
  }
  return text.length > max ? `${out}…` : out;
}

function escaped(code: number): string | undefined {
  const named = NAMED[code];
  if (named !== undefined) return named;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${hex(code, 2)}`;
  if (code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) {
    return `\\u${hex(code, 4)}`;
  }
  return undefined;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/**
 * Bytes as `\xNN` escapes, for bytes that are not text in the file's encoding.
 * @example hexBytes(Uint8Array.of(0xc3, 0x28)) // '\\xc3\\x28'
 * Complexity O(length).
 */
export function hexBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += `\\x${hex(byte, 2)}`;
  return out;
}
