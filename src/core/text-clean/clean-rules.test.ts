import { describe, expect, it } from 'vitest';
import { cleanFields, cleanPlan, parseCleanRule } from './clean-rules.js';

describe('parseCleanRule', () => {
  it('reads steps for every field, or for one field, in the order they run', () => {
    expect(parseCleanRule('whitespace,html')).toEqual({
      field: null,
      steps: ['html', 'whitespace'],
    });
    expect(parseCleanRule('title=entities')).toEqual({ field: 'title', steps: ['entities'] });
    expect(parseCleanRule('all')).toEqual({
      field: null,
      steps: ['html', 'entities', 'unicode', 'whitespace'],
    });
  });

  it('names what is wrong', () => {
    expect(parseCleanRule('html,tags')).toEqual({
      problem: 'unknown clean-up step "tags" (use html, entities, unicode, whitespace or all)',
    });
    expect(parseCleanRule('=html')).toEqual({ problem: '"=html" names no field before "="' });
    expect(parseCleanRule('text=')).toEqual({ problem: '"text=" names no clean-up step' });
  });
});

describe('cleanPlan', () => {
  it('gives every text field the general steps and adds the named ones', () => {
    const plan = cleanPlan(
      [
        { field: null, steps: ['whitespace'] },
        { field: 'body', steps: ['html'] },
      ],
      ['title', 'body'],
    );
    expect(plan).toEqual(
      new Map([
        ['title', ['whitespace']],
        ['body', ['html', 'whitespace']],
      ]),
    );
  });

  it('refuses a field that is not a text field', () => {
    expect(cleanPlan([{ field: 'id', steps: ['html'] }], ['text'])).toEqual({
      problem: 'cannot clean "id": not one of the project\'s fields (text)',
    });
  });
});

describe('cleanFields', () => {
  const plan = new Map([['text', ['entities', 'whitespace'] as const]]);

  it('keeps the original beside a changed field only', () => {
    expect(cleanFields({ text: 'a &amp; b', other: 1 }, plan)).toEqual({
      fields: { text: 'a & b', text_original: 'a &amp; b', other: 1 },
      changed: ['text'],
    });
    expect(cleanFields({ text: 'plain' }, plan)).toEqual({
      fields: { text: 'plain' },
      changed: [],
    });
  });

  it('accepts a file exported after clean-up, and refuses to overwrite a different original', () => {
    const exported = { text: 'a & b', text_original: 'a &amp; b' };
    expect(cleanFields(exported, plan)).toEqual({ fields: exported, changed: [] });
    expect(cleanFields({ text: 'x &amp; y', text_original: 'z' }, plan)).toEqual({
      field: 'text_original',
      problem:
        'field "text_original" is already there and differs from "text"; cleaning would lose one of them',
    });
  });
});
