import { describe, expect, it } from 'vitest';
import { breakable, escapeHtml, html, trustedHtml } from './safe-html.js';

describe('escapeHtml and html', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolated values, keeps nested html, joins arrays and drops null, undefined and false', () => {
    // Called through another name so the formatter leaves the template's text as written.
    const tag = html;
    const name = '<b>x</b>';
    const out = tag`<p title="${name}">${name} ${tag`<i>${name}</i>`} ${[1, '<', 2]}${null}${undefined}${false}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;b&gt;x&lt;/b&gt;">&lt;b&gt;x&lt;/b&gt; <i>&lt;b&gt;x&lt;/b&gt;</i> 1&lt;2</p>',
    );
  });

  it('adds break opportunities at joints without splitting an entity', () => {
    expect(breakable('lost_or_stolen').value).toBe('lost_<wbr>or_<wbr>stolen');
    expect(breakable("a'_b").value).toBe('a&#39;_<wbr>b');
  });

  it('refuses trusted markup that could run code', () => {
    expect(trustedHtml('<svg><text>ok &lt;script&gt;</text></svg>').value).toContain('&lt;script');
    expect(() => trustedHtml('<svg><script>alert(1)</script></svg>')).toThrow();
    expect(() => trustedHtml('<svg onload="alert(1)"></svg>')).toThrow();
    expect(() => trustedHtml('<a href="javascript:alert(1)">x</a>')).toThrow();
    expect(() => trustedHtml('<svg><foreignObject></foreignObject></svg>')).toThrow();
  });
});
