import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import { memorySink, memorySource } from '../../testing/fakes/memory-records.js';
import { exportItems } from './export-items.js';
import { importItems } from './import-items.js';

const base = {
  role: 'pool',
  idField: 'id',
  labelField: 'label',
  fields: ['text'],
  labels: ['spam', 'ham'],
  skipInvalid: false,
} as const;

describe('importItems with clean-up', () => {
  it('cleans the text fields, keeps each changed original beside it, and counts the changed items', async () => {
    const store = new MemoryStore();
    const report = await importItems({
      ...base,
      store,
      source: memorySource('tweets.jsonl', [
        { id: 'a', text: 'Peanut Butter Oreos &lt;3', note: '&amp; stays' },
        { id: 'b', text: 'plain text' },
        { id: 'c', text: '<p>two&nbsp; spaces</p>' },
      ]),
      clean: new Map([['text', ['html', 'entities', 'whitespace']]]),
    });
    expect(report.cleaned).toBe(2);
    expect((await store.getItem('a'))?.fields).toEqual({
      text: 'Peanut Butter Oreos <3',
      text_original: 'Peanut Butter Oreos &lt;3',
      note: '&amp; stays',
    });
    expect((await store.getItem('b'))?.fields).toEqual({ text: 'plain text' });
    expect((await store.getItem('c'))?.fields['text']).toBe('two spaces');
    const sink = memorySink({ flat: true });
    await exportItems({ store, sink, labels: ['spam', 'ham'] });
    expect(sink.records.map((r) => [r['id'], r['text'], r['text_original']])).toEqual([
      ['a', 'Peanut Butter Oreos <3', 'Peanut Butter Oreos &lt;3'],
      ['b', 'plain text', null],
      ['c', 'two spaces', '<p>two&nbsp; spaces</p>'],
    ]);
    expect(sink.records[0]).not.toHaveProperty('duplicateOf');
  });

  it('refuses a record whose different original would be lost, naming file, line and field', async () => {
    const store = new MemoryStore();
    const error = await importItems({
      ...base,
      store,
      source: memorySource('tweets.jsonl', [
        { id: 'a', text: 'ok' },
        { id: 'b', text: 'x &amp; y', text_original: 'something else' },
      ]),
      clean: new Map([['text', ['entities']]]),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiloError);
    expect((error as HiloError).location).toEqual({
      file: 'tweets.jsonl',
      line: 2,
      field: 'text_original',
    });
    expect(await store.countItems({})).toBe(0);
  });
});

describe('exportItems with duplicates marked', () => {
  it('adds duplicateOf to every row', async () => {
    const store = new MemoryStore();
    await importItems({
      ...base,
      store,
      source: memorySource('a.jsonl', [
        { id: 'a', text: 'hello there' },
        { id: 'b', text: 'hello there' },
      ]),
    });
    await store.replaceDuplicates([{ itemId: 'b', duplicateOf: 'a', similarity: 1 }]);
    const sink = memorySink({ flat: true });
    await exportItems({ store, sink, labels: ['spam', 'ham'] });
    expect(sink.records.map((r) => [r['id'], r['duplicateOf']])).toEqual([
      ['a', null],
      ['b', 'a'],
    ]);
  });
});
