import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv1a64.js';

/** Straightforward BigInt FNV-1a over UTF-8, as the reference. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('equals the BigInt reference on any text, non-ASCII included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(fnv1a64(text)).toBe(reference(text));
      }),
    );
    expect(fnv1a64('négatif 😀 标签')).toBe(reference('négatif 😀 标签'));
  });

  it('hashes a lone surrogate as U+FFFD, like a UTF-8 encoder', () => {
    expect(fnv1a64('a\ud800b')).toBe(reference('a\ud800b'));
  });
});
