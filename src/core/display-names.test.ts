import { describe, expect, it } from 'vitest';
import { displayNames, sourceName } from './display-names.js';

describe('displayNames', () => {
  it('shows names, and the id only beside a name two people share', () => {
    const names = displayNames([
      { id: 'a1', name: 'Ana' },
      { id: 'b2', name: ' ana ' },
      { id: 'c3', name: 'Bo' },
    ]);
    expect(names.get('a1')).toBe('Ana (a1)');
    expect(names.get('b2')).toBe('ana (b2)');
    expect(names.get('c3')).toBe('Bo');
  });

  it('falls back to the id for a blank name', () => {
    expect(displayNames([{ id: 'x9', name: '  ' }]).get('x9')).toBe('x9');
  });
});

describe('sourceName', () => {
  const names = new Map([['a1', 'Ana']]);
  it('names people, keeps unknown ids and machine sources as they are', () => {
    expect(sourceName('human:a1', names)).toBe('Ana');
    expect(sourceName('human:w42', names)).toBe('w42');
    expect(sourceName('llm:gpt#abc', names)).toBe('llm:gpt#abc');
  });
});
