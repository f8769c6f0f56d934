import { describe, expect, it } from 'vitest';
import { csvFieldAt } from './csv-field-at.js';
import { DEFAULT_INPUT_LIMITS, sizeText, textEncoding } from './input-limits.js';
import { firstInvalidUtf8 } from './utf8-scan.js';

describe('input limits and encodings', () => {
  it('reads --encoding names and refuses others', () => {
    expect(['utf-8', 'UTF8', 'latin1', 'Latin-1', 'ISO-8859-1'].map(textEncoding)).toEqual([
      'utf-8',
      'utf-8',
      'latin1',
      'latin1',
      'latin1',
    ]);
    expect(() => textEncoding('utf-16')).toThrow(/--encoding must be utf-8 or latin1/);
  });

  it('defaults to a 16 MiB line and a gzip cap of 100 times past 64 MiB', () => {
    expect(DEFAULT_INPUT_LIMITS).toEqual({
      maxLineBytes: 16 << 20,
      gzipMaxRatio: 100,
      gzipMinBytes: 64 << 20,
    });
    expect(sizeText(16 << 20)).toBe('16 MiB');
    expect(sizeText(65536)).toBe('64 KiB');
  });
});

describe('firstInvalidUtf8', () => {
  it('finds malformed sequences the way a strict decoder does', () => {
    const at = (...bytes: number[]): number => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x61, 0xe2, 0x82, 0xac)).toBe(-1);
    expect(at(0x61, 0xc0, 0xaf)).toBe(1);
    expect(at(0xed, 0xa0, 0x80)).toBe(0);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(2);
  });
});

describe('csvFieldAt', () => {
  it('names the column a row prefix ends in, following quotes', () => {
    expect(csvFieldAt('7,"a, b",caf', 'id,title,text', ',')).toBe('text');
    expect(csvFieldAt('7', 'id,text', ',')).toBe('id');
    expect(csvFieldAt('7,a,b,c', 'id,text', ',')).toBeUndefined();
  });
});
