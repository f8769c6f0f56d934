/**
 * The offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and
 * code points past U+10FFFF count as malformed, as in the WHATWG decoder), or -1. A sequence
 * cut off by the end of `bytes` is malformed too: callers pass whole lines.
 * @example firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62])) // 1
 * Complexity O(length).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const width = sequenceWidth(bytes, i);
    if (width === 0) return i;
    i += width;
  }
  return -1;
}

/** Bytes in the well-formed sequence starting at `i`, or 0 if it is malformed. */
function sequenceWidth(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  let width: number;
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) width = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    width = 3;
    if (b === 0xe0) low = 0xa0;
    if (b === 0xed) high = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    width = 4;
    if (b === 0xf0) low = 0x90;
    if (b === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < width; k++) {
    const next = bytes[i + k];
    if (next === undefined) return 0;
    const min = k === 1 ? low : 0x80;
    const max = k === 1 ? high : 0xbf;
    if (next < min || next > max) return 0;
  }
  return width;
}

/**
 * How many bytes of a malformed sequence to show: the bad lead byte and the continuation bytes
 * that follow it (at most 4).
 * @example badSequence(Buffer.from([0xe9, 0x20]), 0) // Uint8Array [0xe9]
 * Complexity O(1).
 */
export function badSequence(bytes: Uint8Array, at: number): Uint8Array {
  let end = at + 1;
  while (end < bytes.length && end < at + 4 && ((bytes[end] as number) & 0xc0) === 0x80) end++;
  return bytes.subarray(at, end);
}
