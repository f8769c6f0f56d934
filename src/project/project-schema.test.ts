import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from './project-schema.js';

describe('parseProjectConfig', () => {
  it('fills documented defaults from a minimal file', () => {
    const parsed = parseProjectConfig({ name: 'spam', labels: ['spam', 'ham'] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.fields).toEqual(['text']);
    expect(parsed.config.labels).toEqual([
      { name: 'spam', description: '' },
      { name: 'ham', description: '' },
    ]);
    expect(parsed.config.labeller.default).toBe('local');
    expect(parsed.config.labeller.llm.confidence).toBe('auto');
    expect(parsed.config.database).toBeNull();
  });

  it('names the key and the expectation of a mistake', () => {
    const parsed = parseProjectConfig({
      name: 'spam',
      labels: ['spam', 'ham'],
      labeller: { llm: { temperature: 'hot' } },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.join('\n')).toMatch(/labeller\.llm\.temperature: .*number/);
  });

  it('rejects unknown keys and duplicate labels', () => {
    const unknown = parseProjectConfig({ name: 'x', labels: ['a', 'b'], lables: [] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems.join()).toMatch(/lables/);
    const dup = parseProjectConfig({ name: 'x', labels: ['a', 'a'] });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.problems.join()).toMatch(/labels: label names must be unique/);
  });

  it('requires at least two labels', () => {
    const parsed = parseProjectConfig({ name: 'x', labels: ['only'] });
    expect(parsed.ok).toBe(false);
  });
});
