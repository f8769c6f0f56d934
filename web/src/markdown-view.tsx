import { createElement, type ReactNode } from 'react';
import { markdownBlocks, type Block, type Inline } from './markdown-blocks.js';

/**
 * Markdown shown as React elements built from `markdownBlocks`: every string is a text node, so
 * markup in the text is shown, never run (no innerHTML anywhere).
 * @example <MarkdownView text={me.project.guidelines} />
 */
export function MarkdownView({ text }: { text: string }) {
  return <div className="markdown">{markdownBlocks(text).map(block)}</div>;
}

function block(b: Block, key: number): ReactNode {
  switch (b.kind) {
    case 'heading':
      return createElement(`h${Math.min(6, b.level + 2)}`, { key }, b.children.map(inline));
    case 'paragraph':
      return <p key={key}>{b.children.map(inline)}</p>;
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{item.map(inline)}</li>);
      return b.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    case 'quote':
      return <blockquote key={key}>{b.children.map(block)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{b.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
  }
}

function inline(node: Inline, key: number): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'strong':
      return <strong key={key}>{node.children.map(inline)}</strong>;
    case 'em':
      return <em key={key}>{node.children.map(inline)}</em>;
    case 'link':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer">
          {node.children.map(inline)}
        </a>
      );
  }
}
