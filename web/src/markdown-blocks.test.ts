import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markdownBlocks } from './markdown-blocks.js';
import { MarkdownView } from './markdown-view.js';

const render = (text: string) => renderToStaticMarkup(createElement(MarkdownView, { text }));

describe('markdownBlocks', () => {
  it('reads headings, paragraphs, lists, quotes, code and rules', () => {
    const blocks = markdownBlocks(
      '# Rules\n\nLabel **spam** when\nit *sells*.\n\n- ads\n- `links`\n\n1. one\n2. two\n\n> a note\n\n```\nraw *text*\n```\n\n---',
    );
    expect(blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'quote',
      'code',
      'rule',
    ]);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      children: [
        { kind: 'text', text: 'Label ' },
        { kind: 'strong', children: [{ kind: 'text', text: 'spam' }] },
        { kind: 'text', text: ' when it ' },
        { kind: 'em', children: [{ kind: 'text', text: 'sells' }] },
        { kind: 'text', text: '.' },
      ],
    });
    expect(blocks[5]).toEqual({ kind: 'code', text: 'raw *text*' });
  });

  it('keeps markup as text and drops addresses that could run code', () => {
    const html = render(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> [click](javascript:alert(3)) [docs](https://example.org/a)',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain('click');
    expect(html).toContain(
      '<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">docs</a>',
    );
  });

  it('renders headings below the page’s own, lists as lists', () => {
    expect(render('# Rules\n\n- a\n- b')).toBe(
      '<div class="markdown"><h3>Rules</h3><ul><li>a</li><li>b</li></ul></div>',
    );
    expect(render('snake_case_word and 2 * 3 * 4')).toBe(
      '<div class="markdown"><p>snake_case_word and 2 * 3 * 4</p></div>',
    );
  });
});
