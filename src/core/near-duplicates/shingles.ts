import { decodeEntities } from '../text-clean/index.js';

/** Whether a shingle is `size` characters or `size` words. */
export type ShingleUnit = 'char' | 'word';

const PUNCTUATION = /\p{P}+/gu;
const SPACES = /\s+/gu;

/**
 * The text two items must share to be exact duplicates: character references decoded, NFKC,
 * lower case, punctuation removed, white space collapsed and trimmed. So `Hi, there!` and
 * `hi  THERE` are the same text, and so are `a &amp; b` and `a & b`.
 * @example normalizeForDedup(' Hi,&nbsp;THERE! ') // 'hi there'
 * Complexity: O(length).
 */
export function normalizeForDedup(text: string): string {
  return decodeEntities(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(PUNCTUATION, ' ')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * The set of shingles of a normalised text, as sorted distinct 32-bit hashes: every run of `size`
 * characters (or words). A text shorter than one shingle is one shingle; an empty text has none.
 * @example shingleSet('abcd', 3, 'char') // two hashes: 'abc', 'bcd'
 * Complexity: O(length × size) time, O(length) memory.
 */
export function shingleSet(normalized: string, size: number, unit: ShingleUnit): Uint32Array {
  if (normalized === '') return new Uint32Array(0);
  const parts = unit === 'word' ? normalized.split(' ') : null;
  const length = parts === null ? normalized.length : parts.length;
  const count = Math.max(1, length - size + 1);
  const hashes = parts === null ? charShingles(normalized, size, count) : new Uint32Array(count);
  if (parts !== null) {
    for (let i = 0; i < count; i++) hashes[i] = hashText(parts.slice(i, i + size).join(' '));
  }
  hashes.sort();
  return distinct(hashes);
}

/**
 * Jaccard similarity of two sorted distinct hash sets: |A ∩ B| / |A ∪ B| (1 for two empty sets).
 * @example jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)) // 0.5
 * Complexity: O(|A| + |B|).
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * A 32-bit hash of a whole text (FNV-1a over UTF-16 code units, then a murmur3 finaliser).
 * @example hashText('hello') === hashText('hello') // true
 * Complexity: O(length).
 */
export function hashText(text: string): number {
  return hashRange(text, 0, text.length);
}

/** Multiplier of the rolling hash of character shingles (odd, so it is invertible mod 2^32). */
const ROLL = 0x01000193;

/**
 * Hashes of every run of `size` code units by a polynomial hash rolled along the text (each
 * step drops one character and adds one), then mixed: O(length), not O(length × size).
 */
function charShingles(text: string, size: number, count: number): Uint32Array {
  const hashes = new Uint32Array(count);
  const width = Math.min(size, text.length);
  let top = 1;
  for (let i = 1; i < width; i++) top = Math.imul(top, ROLL);
  let h = 0;
  for (let i = 0; i < width; i++) h = (Math.imul(h, ROLL) + text.charCodeAt(i)) | 0;
  hashes[0] = mix32(h);
  for (let i = 1; i < count; i++) {
    h = (h - Math.imul(text.charCodeAt(i - 1), top)) | 0;
    h = (Math.imul(h, ROLL) + text.charCodeAt(i + width - 1)) | 0;
    hashes[i] = mix32(h);
  }
  return hashes;
}

function hashRange(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/**
 * The murmur3 finaliser: a bijection of 32-bit integers whose output bits each depend on every
 * input bit.
 * @example mix32(1) !== mix32(2) // true
 * Complexity: O(1).
 */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function distinct(sorted: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
  }
  return sorted.subarray(0, n);
}
