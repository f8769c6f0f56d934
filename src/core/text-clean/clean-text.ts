import { decodeEntities } from './html-entities.js';
import { stripHtml } from './strip-html.js';

/** One clean-up step of `hilo import --clean`. */
export type CleanStep = 'html' | 'entities' | 'unicode' | 'whitespace';

/** The steps in the order they always run, whatever order they were asked in. */
export const CLEAN_STEPS: readonly CleanStep[] = ['html', 'entities', 'unicode', 'whitespace'];

/** Horizontal white space of every kind (no-break, ideographic, thin spaces, tabs…), not `\n`. */
const SPACES = /[^\S\n]+/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const BLANK_AROUND_BREAKS = / ?\n[\n ]*/g;

/**
 * Cleans one text with the steps asked, always in the order html → entities → unicode →
 * whitespace: tags are stripped before references are decoded, so an encoded `&lt;b&gt;` stays
 * text; Unicode NFC joins the combining marks decoding may leave apart; white space last tidies
 * what the others left. `whitespace` makes every run of spaces (tabs, no-break and ideographic
 * spaces included) one space, every run of line breaks and blank lines one `\n`, and trims both
 * ends.
 * @example cleanText(' Hi&amp;bye <br> &#128514; ', ['html', 'entities', 'whitespace']) // 'Hi&bye\n😂'
 * Complexity: O(length × steps).
 */
export function cleanText(text: string, steps: readonly CleanStep[]): string {
  let out = text;
  if (steps.includes('html')) out = stripHtml(out);
  if (steps.includes('entities')) out = decodeEntities(out);
  if (steps.includes('unicode')) out = out.normalize('NFC');
  if (steps.includes('whitespace')) {
    out = out
      .replace(LINE_BREAKS, '\n')
      .replace(SPACES, ' ')
      .replace(BLANK_AROUND_BREAKS, '\n')
      .trim();
  }
  return out;
}
