/**
 * HTML character references: the HTML 4 named set (plus `apos`), decimal and hexadecimal
 * references, with the HTML5 rules for references that name no character.
 */

/** Names of U+00A0 … U+00FF in code point order (the Latin-1 entities of HTML 4). */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave ' +
  'iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ' +
  'ucirc uuml yacute thorn yuml';

/** Greek capitals from U+0391 (U+03A2 has no letter), small letters from U+03B1. */
const GREEK_CAPITALS =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - ' +
  'Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_SMALL =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho ' +
  'sigmaf sigma tau upsilon phi chi psi omega';

/** The rest of HTML 4's names, as `name code` pairs. */
const OTHERS =
  'quot 34 amp 38 apos 39 lt 60 gt 62 OElig 338 oelig 339 Scaron 352 scaron 353 Yuml 376 ' +
  'fnof 402 circ 710 tilde 732 thetasym 977 upsih 978 piv 982 ensp 8194 emsp 8195 thinsp 8201 ' +
  'zwnj 8204 zwj 8205 lrm 8206 rlm 8207 ndash 8211 mdash 8212 lsquo 8216 rsquo 8217 sbquo 8218 ' +
  'ldquo 8220 rdquo 8221 bdquo 8222 dagger 8224 Dagger 8225 bull 8226 hellip 8230 permil 8240 ' +
  'prime 8242 Prime 8243 lsaquo 8249 rsaquo 8250 oline 8254 frasl 8260 euro 8364 image 8465 ' +
  'weierp 8472 real 8476 trade 8482 alefsym 8501 larr 8592 uarr 8593 rarr 8594 darr 8595 ' +
  'harr 8596 crarr 8629 lArr 8656 uArr 8657 rArr 8658 dArr 8659 hArr 8660 forall 8704 ' +
  'part 8706 exist 8707 empty 8709 nabla 8711 isin 8712 notin 8713 ni 8715 prod 8719 sum 8721 ' +
  'minus 8722 lowast 8727 radic 8730 prop 8733 infin 8734 ang 8736 and 8743 or 8744 cap 8745 ' +
  'cup 8746 int 8747 there4 8756 sim 8764 cong 8773 asymp 8776 ne 8800 equiv 8801 le 8804 ' +
  'ge 8805 sub 8834 sup 8835 nsub 8836 sube 8838 supe 8839 oplus 8853 otimes 8855 perp 8869 ' +
  'sdot 8901 lceil 8968 rceil 8969 lfloor 8970 rfloor 8971 lang 10216 rang 10217 loz 9674 ' +
  'spades 9824 clubs 9827 hearts 9829 diams 9830';

/** HTML5: a numeric reference to 0x80–0x9F means the Windows-1252 character of that byte. */
const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

function buildNamed(): ReadonlyMap<string, string> {
  const named = new Map<string, string>();
  LATIN1.split(' ').forEach((name, i) => named.set(name, String.fromCodePoint(0xa0 + i)));
  const greek = (names: string, start: number): void =>
    names.split(' ').forEach((name, i) => {
      if (name !== '-') named.set(name, String.fromCodePoint(start + i));
    });
  greek(GREEK_CAPITALS, 0x391);
  greek(GREEK_SMALL, 0x3b1);
  const pairs = OTHERS.split(' ');
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    named.set(pairs[i] as string, String.fromCodePoint(Number(pairs[i + 1])));
  }
  return named;
}

/** Every entity name this decoder knows, mapped to its character. */
export const NAMED_ENTITIES: ReadonlyMap<string, string> = buildNamed();

const REFERENCE =
  /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|(amp|lt|gt|quot)(?![A-Za-z;])|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

/**
 * Decodes the character references of `text` once: `&amp;` → `&`, `&#128514;` → 😂,
 * `&#x1F602;` → 😂. Named references need their `;` (except `amp`, `lt`, `gt`, `quot` followed
 * by no letter: `&lt3`, `a &amp b`; `&amplify` stays);
 * numeric ones may omit it. A reference to no character (0, a surrogate, above U+10FFFF) becomes
 * U+FFFD and 0x80–0x9F the Windows-1252 character, as HTML5 reads them; an unknown name is left
 * as written.
 * @example decodeEntitiesOnce('fish &amp;amp; chips') // 'fish &amp; chips'
 * Complexity: O(length).
 */
export function decodeEntitiesOnce(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (
      whole,
      decimal: string | undefined,
      hex: string | undefined,
      bare: string | undefined,
      name: string | undefined,
      semi: string,
    ) => {
      // `amp`, `lt`, `gt`, `quot` are decoded without `;` when no letter follows (`&lt3`).
      if (bare !== undefined) return (NAMED_ENTITIES.get(bare) ?? '') + semi;
      if (name !== undefined) {
        const found = NAMED_ENTITIES.get(name);
        return found === undefined || semi === '' ? whole : found;
      }
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      return characterOf(code);
    },
  );
}

/** Passes of `decodeEntities`: `&amp;amp;` (encoded twice) needs two, three covers a third. */
export const MAX_ENTITY_PASSES = 3;

/**
 * Decodes character references until nothing changes, at most MAX_ENTITY_PASSES times, so text
 * encoded twice on its way (`&amp;#9773;`, `&amp;amp;`) comes out as written. A text that
 * really meant the characters `&amp;` loses them: scraped text almost never does.
 * @example decodeEntities('&amp;#9773; &amp;amp;') // '☭ &'
 * Complexity: O(length × passes).
 */
export function decodeEntities(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_ENTITY_PASSES; pass++) {
    const next = decodeEntitiesOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

function characterOf(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(WINDOWS_1252[code] ?? code);
}
