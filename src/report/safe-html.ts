/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * `SafeHtml`, so text from data (item text, labels, sources, sentences) cannot add markup.
 */

/** A fragment of HTML that is safe to insert as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML that shows it literally, in element content and in quoted attributes.
 * @example escapeHtml('<script>alert(1)</script>') // '&lt;script&gt;alert(1)&lt;/script&gt;'
 * Complexity: O(length).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML: interpolated values are escaped, arrays are joined, `SafeHtml`
 * (from `html` itself or `trustedHtml`) is kept, and null/undefined/false print nothing.
 * @example html`<td>${item.text}</td>` // text escaped
 * Complexity: O(output length).
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Marks markup this program made itself (a plot's SVG, the style sheet) as safe. Refuses markup
 * that could run code, as a last guard should data ever reach it unescaped.
 * @example trustedHtml(svg.outerHTML)
 * Complexity: O(length).
 */
export function trustedHtml(markup: string): SafeHtml {
  // Data reaches markup only as escaped text, so any `<` here opens a tag this program wrote.
  if (
    /<(script|iframe|object|embed|foreignObject)\b|<[^>]*\son[a-z]+\s*=|href\s*=\s*["']?\s*javascript:/i.test(
      markup,
    )
  ) {
    throw new Error('refusing markup that could run code');
  }
  return new SafeHtml(markup);
}

/**
 * Text escaped with line-break opportunities after `_ - / . : @ #`, so long identifiers such as
 * `lost_or_stolen_card` or `llm:gpt-4o-mini#9b1e` wrap at a joint instead of mid-word.
 * @example breakable('a_b') // SafeHtml 'a_<wbr>b'
 * Complexity: O(length).
 */
export function breakable(text: string): SafeHtml {
  return new SafeHtml(
    text
      .split(/(?<=[_\-/.:@#])/)
      .map(escapeHtml)
      .join('<wbr>'),
  );
}
