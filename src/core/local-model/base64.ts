import { HiloError } from '../errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODE_OF = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CODE_OF[ALPHABET.charCodeAt(i)] = i;

/**
 * Standard base64 (RFC 4648, with padding) of bytes. The core has no `Buffer` or `btoa`, and
 * base64 keeps binary model weights at 4/3 of their size inside a JSON string.
 * @example encodeBase64(Uint8Array.of(104, 105)) // 'aGk='
 * Complexity: O(n).
 */
export function encodeBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const codes = new Uint16Array(8192);
  let fill = 0;
  const push = (code: number): void => {
    codes[fill++] = code;
    if (fill === codes.length) {
      chunks.push(String.fromCharCode(...codes));
      fill = 0;
    }
  };
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const triple =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    push(ALPHABET.charCodeAt(triple >>> 18));
    push(ALPHABET.charCodeAt((triple >>> 12) & 63));
    push(ALPHABET.charCodeAt((triple >>> 6) & 63));
    push(ALPHABET.charCodeAt(triple & 63));
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const triple = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    push(ALPHABET.charCodeAt(triple >>> 18));
    push(ALPHABET.charCodeAt((triple >>> 12) & 63));
    push(rest === 2 ? ALPHABET.charCodeAt((triple >>> 6) & 63) : 61);
    push(61);
  }
  chunks.push(String.fromCharCode(...codes.subarray(0, fill)));
  return chunks.join('');
}

/**
 * Bytes of a standard base64 string (padding optional).
 * @example decodeBase64('aGk=') // Uint8Array [104, 105]
 * Complexity: O(n).
 * @throws HiloError INVALID_INPUT on a character outside the alphabet or a truncated group.
 */
export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 1) throw new HiloError('INVALID_INPUT', 'base64 text is truncated');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let held = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const char = text.charCodeAt(i);
    const code = char < 128 ? (CODE_OF[char] as number) : -1;
    if (code < 0) throw new HiloError('INVALID_INPUT', `invalid base64 character at ${i}`);
    bits = ((bits << 6) | code) & 0xffffff;
    held += 6;
    if (held >= 8) {
      held -= 8;
      out[o++] = (bits >>> held) & 255;
    }
  }
  return out;
}
