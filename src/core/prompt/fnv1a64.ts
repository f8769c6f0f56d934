/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 lower-case hex digits. Not cryptographic:
 * it names prompt versions, where a stable, dependency-free hash is all that is needed (the
 * core has no `node:crypto`). Computed on four 16-bit limbs so no BigInt is allocated per byte.
 *
 * @example fnv1a64('a') // 'af63dc4c8601ec8c'
 * Complexity: O(length of text).
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  const h = [0x2325, 0x8422, 0x9ce4, 0xcbf2];
  const mix = (byte: number): void => {
    h[0] = (h[0] as number) ^ byte;
    multiplyByPrime(h);
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate: hash as U+FFFD
    if (cp < 0x80) mix(cp);
    else if (cp < 0x800) {
      mix(0xc0 | (cp >> 6));
      mix(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      mix(0xe0 | (cp >> 12));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    } else {
      mix(0xf0 | (cp >> 18));
      mix(0x80 | ((cp >> 12) & 0x3f));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    }
  }
  return h
    .slice()
    .reverse()
    .map((limb) => limb.toString(16).padStart(4, '0'))
    .join('');
}

/** h ← h × 0x100000001b3 mod 2^64, i.e. h × 0x1b3 + (h << 40). Every intermediate < 2^31. */
function multiplyByPrime(h: number[]): void {
  const [h0, h1, h2, h3] = h as [number, number, number, number];
  const t0 = h0 * 0x1b3;
  let t1 = h1 * 0x1b3;
  let t2 = h2 * 0x1b3 + (h0 << 8);
  let t3 = h3 * 0x1b3 + (h1 << 8);
  t1 += t0 >>> 16;
  t2 += t1 >>> 16;
  t3 += t2 >>> 16;
  h[0] = t0 & 0xffff;
  h[1] = t1 & 0xffff;
  h[2] = t2 & 0xffff;
  h[3] = t3 & 0xffff;
}
