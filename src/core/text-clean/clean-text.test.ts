import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text.js';
import { decodeEntities, decodeEntitiesOnce, NAMED_ENTITIES } from './html-entities.js';
import { stripHtml } from './strip-html.js';

// Real cases: tweets of src/testing/fixtures/davidson-entities.jsonl (Davidson et al. 2017, MIT).
describe('decodeEntities on tweets as stored', () => {
  it.each([
    ['Lemmie eat a Oreo &amp; do these dishes.', 'Lemmie eat a Oreo & do these dishes.'],
    ['in his mouth ---&gt; http://t.co/mlr5eWgonK', 'in his mouth ---> http://t.co/mlr5eWgonK'],
    ['Peanut Butter Oreos &lt;3', 'Peanut Butter Oreos <3'],
    [
      '&#8220;@HeyKeifer: Oreos are basically dirt circles with cream.&#8221; True.',
      '\u201c@HeyKeifer: Oreos are basically dirt circles with cream.\u201d True.',
    ],
    ['Vyvanse&#9918;&#65039;&#128074;', 'Vyvanse\u26be\ufe0f\u{1f44a}'],
    ['&#128123;spook', '\u{1f47b}spook'],
    ['Commie &amp;#9773; Mints', 'Commie \u262d Mints'],
  ])('%s', (raw, clean) => {
    expect(decodeEntities(raw)).toBe(clean);
  });
});

describe('decodeEntities', () => {
  it('decodes hexadecimal references and names, and leaves unknown names', () => {
    expect(decodeEntities('&#x1F602; &eacute;t&eacute; &copy; &bogus; &amp')).toBe(
      '😂 été © &bogus; &',
    );
  });

  it('needs the semicolon of a name other than amp, lt, gt and quot', () => {
    expect(decodeEntities('&copy 2020 &lt3')).toBe('&copy 2020 <3');
    expect(decodeEntities('&amplify &ltd, &amp;t')).toBe('&amplify &ltd, &t');
  });

  it('reads references to no character as HTML5 does', () => {
    expect(decodeEntities('&#0;&#xD800;&#1114112;&#150;&#x80;')).toBe(
      '\ufffd\ufffd\ufffd\u2013\u20ac',
    );
  });

  it('decodes at most three times, one level per pass', () => {
    expect(decodeEntitiesOnce('&amp;amp;')).toBe('&amp;');
    expect(decodeEntities('&amp;amp;amp;')).toBe('&');
    expect(decodeEntities('&amp;amp;amp;amp;')).toBe('&amp;');
  });

  it('knows the 253 names of HTML 4 and apos, with their HTML5 characters', () => {
    expect(NAMED_ENTITIES.size).toBe(253);
    expect(NAMED_ENTITIES.get('nbsp')).toBe('\u00a0');
    expect(NAMED_ENTITIES.get('yuml')).toBe('\u00ff');
    expect(NAMED_ENTITIES.get('Omega')).toBe('\u03a9');
    expect(NAMED_ENTITIES.get('sigmaf')).toBe('\u03c2');
    expect(NAMED_ENTITIES.get('rang')).toBe('\u27e9');
  });
});

describe('stripHtml', () => {
  it('keeps the text and turns block tags into line breaks', () => {
    expect(stripHtml('<p>Hi <b class="x">there</b></p>x<br/>y')).toBe('\nHi there\nx\ny');
  });

  it('drops comments, doctype and the content of scripts and styles', () => {
    expect(
      stripHtml('<!DOCTYPE html><!-- a > b -->a<script>if (x<y) z()</script>b<style>p{}</style>c'),
    ).toBe('abc');
  });

  it('keeps a < that starts no tag, and one never closed', () => {
    expect(stripHtml('a < b, <3, << and <b')).toBe('a < b, <3, << and <b');
    expect(stripHtml('x <i>y</i> <unclosed')).toBe('x y <unclosed');
  });

  it('leaves encoded markup as text', () => {
    expect(cleanText('&lt;b&gt;bold&lt;/b&gt;', ['html', 'entities'])).toBe('<b>bold</b>');
  });

  it('is linear on many unclosed <', () => {
    const text = '<a '.repeat(200_000);
    expect(stripHtml(text)).toBe(text);
  });
});

describe('cleanText', () => {
  it('collapses every kind of space, trims, and keeps one line break per run', () => {
    expect(cleanText(' a\u3000\u3000 b\t\u00a0c \r\n\r\n  d  \n', ['whitespace'])).toBe('a b c\nd');
  });

  it('composes to NFC', () => {
    expect(cleanText('e\u0301te\u0301', ['unicode'])).toBe('\u00e9t\u00e9');
  });

  it('decodes a reference to a combining mark and composes it', () => {
    expect(cleanText('e&#769;', ['entities', 'unicode'])).toBe('\u00e9');
    expect(cleanText('e&#769;', ['entities'])).toBe('e\u0301');
  });

  it('runs html before entities whatever the order asked', () => {
    expect(cleanText('<i>a</i>&nbsp;&lt;b&gt;', ['entities', 'html', 'whitespace'])).toBe('a <b>');
  });

  it('does nothing without steps', () => {
    expect(cleanText(' &amp; <b> ', [])).toBe(' &amp; <b> ');
  });

  it('is idempotent on the real tweets', () => {
    const tweet = '"@kazooook: We actin like it\'s the 7th day"\n&#128123;spook &amp; more';
    const all = ['html', 'entities', 'unicode', 'whitespace'] as const;
    const once = cleanText(tweet, all);
    expect(once).toBe('"@kazooook: We actin like it\'s the 7th day"\n\u{1f47b}spook & more');
    expect(cleanText(once, all)).toBe(once);
  });
});
