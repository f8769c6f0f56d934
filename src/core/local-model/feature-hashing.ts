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
 * h mod features, h read as unsigned. A power of two takes a mask and stays in small-integer
 * arithmetic (an unsigned value above 2³¹ would be a double, and `%` a float remainder).
 */
function bucketReducer(features: number): (h: number) => number {
  if ((features & (features - 1)) === 0) {
    const mask = features - 1;
    return (h) => h & mask;
  }
  return (h) => (h >>> 0) % features;
}

/** FNV-1a over the UTF-16 code units of a string. */
function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
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
  const { wordNgrams } = options;
  const bucket = bucketReducer(options.features);
  const [minChar, maxChar] = options.charNgrams;
  const words = tokenize(text);
  const wordHashes = new Int32Array(words.length);
  for (let w = 0; w < words.length; w++) wordHashes[w] = fnv1a(words[w] as string, WORD_SEED);

  for (let w = 0; w < words.length; w++) {
    let h = wordHashes[w] as number;
    for (let n = 1; n <= wordNgrams && w + n <= words.length; n++) {
      // Chaining with a multiply keeps "a b" and "b a" apart; n is mixed in so that a bigram
      // never lands on the bucket of a unigram by construction.
      if (n > 1) h = Math.imul(h ^ n, 0x9e3779b1) ^ (wordHashes[w + n - 1] as number);
      emit(bucket(fmix32(h)));
    }
  }

  if (minChar < 1 || maxChar < minChar) return;
  for (const word of words) {
    const padded = word.length + 2;
    for (let start = 0; start < padded; start++) {
      let h = CHAR_SEED;
      const stop = Math.min(padded, start + maxChar);
      for (let at = start; at < stop; at++) {
        const code = at === 0 || at === padded - 1 ? SPACE : word.charCodeAt(at - 1);
        h = Math.imul(h ^ code, FNV_PRIME);
        if (at - start + 1 >= minChar) emit(bucket(fmix32(h)));
      }
    }
  }
}
