/**
 * The hashing trick for text: words and character n-grams go straight to a bucket index, so no
 * vocabulary has to be built or stored while reading the corpus.
 */

/** Which n-grams a text contributes and how many buckets they fall into. */
export interface FeatureHashingOptions {
  /** Number of hash buckets (any integer ≥ 1; a power of two is customary). */
  readonly features: number;
  /** Word n-grams of length 1..wordNgrams; 0 turns word features off. */
  readonly wordNgrams: number;
  /**
   * Character n-gram lengths [min, max], taken inside each word padded by one space on each side
   * (so prefixes and suffixes are marked). `[0, 0]`, or max < min, turns them off.
   */
  readonly charNgrams: readonly [number, number];
}

/** Different seeds keep a word and an identical character n-gram in different buckets. */
const WORD_SEED = 0x811c9dc5;
const CHAR_SEED = 0x050c5d1f;
const FNV_PRIME = 0x01000193;
const SPACE = 32;

// Letters, combining marks and digits in any script; everything else separates words.
const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Lowercased Unicode-aware words of a text.
 * @example tokenize("Où est ma CARTE? J'attends 2 jours") // ['où','est','ma','carte','j','attends','2','jours']
 * Complexity: O(length).
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD_PATTERN) ?? [];
}

/**
 * murmur3's 32-bit finalizer, as a signed int32. FNV-1a alone leaves the low bits depending only
 * on the low bits of the input, which a power-of-two modulus would expose; this spreads every
 * input bit everywhere.
 */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Reusable space for hashing texts: `buckets[0 .. size)` holds the buckets of the last text
 * hashed into it. One per featurizer, so hashing a corpus allocates nothing per text.
 */
export interface NgramScratch {
  buckets: Int32Array;
  size: number;
  wordStarts: Int32Array;
  wordEnds: Int32Array;
  wordHashes: Int32Array;
  /** Sticky: tests one character at lastIndex. */
  readonly wordCharacter: RegExp;
}

/**
 * Empty scratch space for `hashNgramsInto`; it grows as texts need.
 * @example const scratch = createNgramScratch(); hashNgramsInto('hi there', options, scratch);
 * Complexity: O(1).
 */
export function createNgramScratch(): NgramScratch {
  return {
    buckets: new Int32Array(1024),
    size: 0,
    wordStarts: new Int32Array(64),
    wordEnds: new Int32Array(64),
    wordHashes: new Int32Array(64),
    wordCharacter: /[\p{L}\p{M}\p{N}]/uy,
  };
}

/**
 * Calls `emit(bucket)` once per n-gram occurrence of the text (duplicates included, so the caller
 * counts term frequency). Buckets are in [0, options.features).
 * @example const seen: number[] = []; hashNgrams('Hi there', { features: 1024, wordNgrams: 2, charNgrams: [2, 3] }, (b) => seen.push(b));
 * Complexity: O(words × wordNgrams + characters × charNgrams[1]).
 */
export function hashNgrams(
  text: string,
  options: FeatureHashingOptions,
  emit: (bucket: number) => void,
): void {
  const scratch = createNgramScratch();
  hashNgramsInto(text, options, scratch);
  for (let b = 0; b < scratch.size; b++) emit(scratch.buckets[b] as number);
}

/**
 * The buckets `hashNgrams` emits, in the same order, written to `scratch.buckets[0 .. size)`.
 * Words are found and hashed in place in the lowercased text (the same words as `tokenize`), so
 * no string is made per word or n-gram.
 * @example const scratch = createNgramScratch(); hashNgramsInto('Hi there', options, scratch); scratch.size; // 8
 * Complexity: O(words × wordNgrams + characters × charNgrams[1]).
 */
export function hashNgramsInto(
  text: string,
  options: FeatureHashingOptions,
  scratch: NgramScratch,
): void {
  const { wordNgrams, features } = options;
  const [minChar, maxChar] = options.charNgrams;
  const lower = text.toLowerCase();
  const words = findWords(lower, scratch);
  const { wordStarts, wordEnds, wordHashes } = scratch;
  // A power of two takes a mask and stays in small-integer arithmetic (an unsigned value above
  // 2³¹ would be a double, and `%` a float remainder).
  const mask = (features & (features - 1)) === 0 ? features - 1 : -1;
  const charGrams = minChar < 1 || maxChar < minChar ? 0 : maxChar - minChar + 1;
  let bound = words * wordNgrams;
  for (let w = 0; w < words; w++)
    bound += ((wordEnds[w] as number) - (wordStarts[w] as number) + 2) * charGrams;
  if (scratch.buckets.length < bound) scratch.buckets = new Int32Array(2 * bound);
  const buckets = scratch.buckets;
  let size = 0;

  for (let w = 0; w < words; w++) {
    let h = wordHashes[w] as number;
    for (let n = 1; n <= wordNgrams && w + n <= words; n++) {
      // Chaining with a multiply keeps "a b" and "b a" apart; n is mixed in so that a bigram
      // never lands on the bucket of a unigram by construction.
      if (n > 1) h = Math.imul(h ^ n, 0x9e3779b1) ^ (wordHashes[w + n - 1] as number);
      const mixed = fmix32(h);
      buckets[size++] = mask >= 0 ? mixed & mask : (mixed >>> 0) % features;
    }
  }

  if (charGrams > 0) {
    for (let w = 0; w < words; w++) {
      const first = (wordStarts[w] as number) - 1;
      const padded = (wordEnds[w] as number) - first + 1;
      for (let start = 0; start < padded; start++) {
        let h = CHAR_SEED;
        const stop = Math.min(padded, start + maxChar);
        for (let at = start; at < stop; at++) {
          const code = at === 0 || at === padded - 1 ? SPACE : lower.charCodeAt(first + at);
          h = Math.imul(h ^ code, FNV_PRIME);
          if (at - start + 1 >= minChar) {
            const mixed = fmix32(h);
            buckets[size++] = mask >= 0 ? mixed & mask : (mixed >>> 0) % features;
          }
        }
      }
    }
  }
  scratch.size = size;
}

/**
 * Spans and FNV-1a hashes of the words of a lowercased text into the scratch arrays; returns
 * their number. ASCII is classified by range, anything else by WORD_PATTERN's character class.
 */
function findWords(lower: string, scratch: NgramScratch): number {
  const length = lower.length;
  let words = 0;
  let at = 0;
  while (at < length) {
    let width = characterWidth(lower, at, scratch.wordCharacter);
    if (width <= 0) {
      at += -width;
      continue;
    }
    if (words === scratch.wordStarts.length) growWords(scratch);
    const start = at;
    let h = WORD_SEED;
    do {
      for (let end = at + width; at < end; at++) h = Math.imul(h ^ lower.charCodeAt(at), FNV_PRIME);
      width = at < length ? characterWidth(lower, at, scratch.wordCharacter) : 0;
    } while (width > 0);
    scratch.wordStarts[words] = start;
    scratch.wordEnds[words] = at;
    scratch.wordHashes[words++] = h;
  }
  return words;
}

/**
 * Code units of the character at `at`: positive when it is a letter, mark or digit, negative
 * (minus its width) when it separates words.
 */
function characterWidth(lower: string, at: number, wordCharacter: RegExp): number {
  const code = lower.charCodeAt(at);
  if (code < 128) return code - 97 < 26 && code >= 97 ? 1 : code - 48 < 10 && code >= 48 ? 1 : -1;
  wordCharacter.lastIndex = at;
  if (wordCharacter.test(lower)) return wordCharacter.lastIndex - at;
  const pair = code >= 0xd800 && code < 0xdc00 && at + 1 < lower.length;
  const next = pair ? lower.charCodeAt(at + 1) : 0;
  return next >= 0xdc00 && next < 0xe000 ? -2 : -1;
}

function growWords(scratch: NgramScratch): void {
  const grow = (from: Int32Array): Int32Array => {
    const to = new Int32Array(2 * from.length);
    to.set(from);
    return to;
  };
  scratch.wordStarts = grow(scratch.wordStarts);
  scratch.wordEnds = grow(scratch.wordEnds);
  scratch.wordHashes = grow(scratch.wordHashes);
}
