/** Inline Markdown: text, `code`, **strong**, *emphasis*, [links](https://…). */
export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong' | 'em'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly Inline[] };

/** Block Markdown: headings, paragraphs, lists, quotes, fenced code, rules. */
export type Block =
  | {
      readonly kind: 'heading';
      readonly level: 1 | 2 | 3 | 4 | 5 | 6;
      readonly children: readonly Inline[];
    }
  | { readonly kind: 'paragraph'; readonly children: readonly Inline[] }
  | {
      readonly kind: 'list';
      readonly ordered: boolean;
      readonly items: readonly (readonly Inline[])[];
    }
  | { readonly kind: 'quote'; readonly children: readonly Block[] }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'rule' };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

/**
 * Parses the Markdown most guidelines use into a tree of plain strings. Nothing is ever HTML: a
 * `<script>` tag in the text stays the text "<script>", and a link keeps only an http, https or
 * mailto address (any other becomes its text), so rendering the tree with React cannot run code.
 * @example markdownBlocks('# Rules\n\n- **spam**: ads') // [{ kind: 'heading', … }, { kind: 'list', … }]
 * Complexity: O(length of the text) but for nested emphasis, O(length × depth).
 */
export function markdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```')) {
        body.push(lines[i] ?? '');
        i += 1;
      }
      i += 1;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: 'heading', level, children: inlines(heading[2] ?? '') });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) {
        body.push(QUOTE.exec(lines[i] ?? '')?.[1] ?? '');
        i += 1;
      }
      blocks.push({ kind: 'quote', children: markdownBlocks(body.join('\n')) });
      continue;
    }
    const marker = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (marker) {
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== '') {
        const current = lines[i] ?? '';
        const started = marker.exec(current);
        if (started) items.push(started[1] ?? '');
        else if (items.length > 0 && !startsBlock(current))
          items[items.length - 1] += ` ${current.trim()}`;
        else break;
        i += 1;
      }
      blocks.push({ kind: 'list', ordered: marker === NUMBERED, items: items.map(inlines) });
      continue;
    }
    const text: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? '').trim() !== '' &&
      (text.length === 0 || !startsBlock(lines[i] ?? ''))
    ) {
      text.push((lines[i] ?? '').trim());
      i += 1;
    }
    blocks.push({ kind: 'paragraph', children: inlines(text.join(' ')) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return [HEADING, BULLET, NUMBERED, QUOTE, FENCE, RULE].some((re) => re.test(line));
}

/** Addresses a link may keep; anything else (javascript:, data:, …) is shown as text. */
const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s]+$/i;

/**
 * Inline Markdown of one block's text.
 * @example inlines('a **b**') // [{ kind: 'text', text: 'a ' }, { kind: 'strong', children: [{ kind: 'text', text: 'b' }] }]
 */
function inlines(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i] ?? '';
    if (ch === '\\' && i + 1 < text.length && /[\\`*_[\]()#>!-]/.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest);
    if (strong) {
      flush();
      out.push({ kind: 'strong', children: inlines(strong[2] ?? '') });
      i += strong[0].length;
      continue;
    }
    const em = /^([*_])(?=\S)([\s\S]*?\S)\1(?![*_])/.exec(rest);
    if (em && (ch === '*' || !/\w/.test(text[i - 1] ?? ''))) {
      flush();
      out.push({ kind: 'em', children: inlines(em[2] ?? '') });
      i += em[0].length;
      continue;
    }
    // The address may hold balanced parentheses, as Wikipedia's do.
    const link = /^\[([^\]]+)\]\(\s*((?:[^()\s]|\([^()\s]*\))+)\s*\)/.exec(rest);
    if (link) {
      flush();
      const children = inlines(link[1] ?? '');
      const href = link[2] ?? '';
      if (SAFE_HREF.test(href)) out.push({ kind: 'link', href, children });
      else out.push(...children);
      i += link[0].length;
      continue;
    }
    plain += ch;
    i += 1;
  }
  flush();
  return out;
}
