import { describe, expect, it } from 'vitest';
import { markdownBlocks, type Inline } from './markdown-blocks.js';

const text = (t: string): Inline => ({ kind: 'text', text: t });

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
        text('Label '),
        { kind: 'strong', children: [text('spam')] },
        text(' when it '),
        { kind: 'em', children: [text('sells')] },
        text('.'),
      ],
    });
    expect(blocks[5]).toEqual({ kind: 'code', text: 'raw *text*' });
  });

  it('keeps markup as text and drops addresses that could run code', () => {
    const blocks = markdownBlocks(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> [click](javascript:alert(3)) [docs](https://example.org/a)',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', children: [text('<script>alert(1)</script>')] },
      {
        kind: 'paragraph',
        children: [
          text('<img src=x onerror=alert(2)> '),
          text('click'),
          text(' '),
          {
            kind: 'link',
            href: 'https://example.org/a',
            children: [text('docs')],
          },
        ],
      },
    ]);
  });

  it('leaves lone markers and underscores inside words as they are', () => {
    expect(markdownBlocks('snake_case_word and 2 * 3 * 4')).toEqual([
      { kind: 'paragraph', children: [text('snake_case_word and 2 * 3 * 4')] },
    ]);
    expect(markdownBlocks('# Rules #\n- a\n- b')).toEqual([
      { kind: 'heading', level: 1, children: [text('Rules')] },
      {
        kind: 'list',
        ordered: false,
        items: [[text('a')], [text('b')]],
      },
    ]);
  });
});
