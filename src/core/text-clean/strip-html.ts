/** Elements whose tags end a line of text: `<p>`, `<br>`, list items, table rows, headings. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is not text a reader sees. */
const HIDDEN_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'template']);

const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9-]*)/;

/**
 * Removes HTML markup and keeps the text a reader sees: tags go (`<b>x</b>` → `x`), a block tag
 * (`<br>`, `<p>`, `</div>`, `<li>`, `<tr>`, `<td>`…) becomes a line break, comments and
 * `<!DOCTYPE>`/`<?…?>` go, and `<script>`, `<style>` and `<template>` go with their content. A
 * `<` that starts no tag (`a < b`, `<3`, `<<`) stays, and so does a `<` never closed by `>`.
 * Character references are left for `decodeEntities`, so `&lt;b&gt;` stays text.
 * @example stripHtml('<p>Hi <b>there</b></p>x<br/>y') // '\nHi there\nx\ny'
 * Complexity: O(length): each character is looked at a bounded number of times.
 */
export function stripHtml(text: string): string {
  if (!text.includes('<')) return text;
  let out = '';
  let from = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    const end = markupEnd(text, at);
    if (end === -1) {
      // No `>` after this `<`: no later `<` can close either.
      break;
    }
    if (end === 0) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    out += text.slice(from, at);
    const name = TAG_NAME.exec(text.slice(at, Math.min(end, at + 40)))?.[1]?.toLowerCase();
    let next = end;
    if (name !== undefined && BLOCK_TAGS.has(name)) out += '\n';
    if (name !== undefined && HIDDEN_TAGS.has(name) && text[at + 1] !== '/') {
      next = closingTagEnd(text, end, name);
    }
    from = next;
    at = text.indexOf('<', next);
  }
  return out + text.slice(from);
}

/**
 * Where the markup starting at `at` ends (the index after it), 0 when the `<` starts no markup,
 * -1 when it would but no `>` follows.
 */
function markupEnd(text: string, at: number): number {
  const next = text[at + 1] ?? '';
  if (text.startsWith('<!--', at)) {
    const close = text.indexOf('-->', at + 4);
    return close === -1 ? -1 : close + 3;
  }
  const opens = /[A-Za-z!?]/.test(next) || (next === '/' && /[A-Za-z]/.test(text[at + 2] ?? ''));
  if (!opens) return 0;
  const close = text.indexOf('>', at + 1);
  return close === -1 ? -1 : close + 1;
}

/** The index after `</name>` at or after `from`; the end of the text when it is never closed. */
function closingTagEnd(text: string, from: number, name: string): number {
  const closing = new RegExp(`</${name}\\s*>`, 'gi');
  closing.lastIndex = from;
  const found = closing.exec(text);
  return found === null ? text.length : found.index + found[0].length;
}
