import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HiloError } from '../errors.js';
import { decodeBase64, encodeBase64 } from './base64.js';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(bytes(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(bytes(plain));
    }
  });

  it('round-trips any bytes, including more than one output chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000 }), (data) => {
        expect(decodeBase64(encodeBase64(data))).toEqual(data);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects characters outside the alphabet and truncated text', () => {
    expect(() => decodeBase64('Zm9v!')).toThrow(HiloError);
    expect(() => decodeBase64('Zm9vY')).toThrow(/truncated/);
  });
});
